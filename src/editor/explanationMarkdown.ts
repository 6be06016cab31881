import * as vscode from 'vscode';
import type { CallExplanation, ExplanationRow } from '../core/cost';
import type { CallRef } from './callLocation';
import { CommandIds } from './commandIds';
import type { PricingStatus } from './pricingService';

/** The only commands a hover's links may run. */
export const hoverCommands = ['workbench.action.openSettings', CommandIds.chooseModel];

function commandLink(label: string, command: string, args: unknown): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

function row(item: ExplanationRow): string {
  let line = `- ${escape(item.text)}`;
  if (item.source) line += ` — *${escape(item.source)}*`;
  if (item.setting) line += ` · ${commandLink('$(gear) change', 'workbench.action.openSettings', [item.setting])}`;
  return line;
}

/**
 * A call's explanation as hover Markdown. Generic over the core's sections: whatever section or row the cost
 * estimate adds is shown as it comes, so this file does not change when the estimate learns something new.
 */
export function explanationMarkdown(
  explanation: CallExplanation,
  pricing: PricingStatus,
  chooseModel: CallRef | undefined,
): vscode.MarkdownString {
  const lines: string[] = [];
  const [expected, ...others] = explanation.figures;
  if (expected) {
    // Hard line breaks (two spaces) keep the figures together: a hover has little height to spare.
    lines.push([`**${escape(explanation.title)}** — ${escape(expected)}`, ...others.map(escape)].join('  \n'));
  } else {
    lines.push(`**${escape(explanation.title)}** — no cost shown without a known model`);
    if (chooseModel) lines.push('', commandLink('Choose a model…', CommandIds.chooseModel, [chooseModel]));
  }
  for (const section of explanation.sections) {
    if (section.rows.length === 0) continue;
    // One fact, or a few short ones, on one line (a hover has little height to spare); "name: value" entries
    // read better as a list.
    const plainRows = section.rows.every((r) => !r.source && !r.setting);
    const fewShortFacts =
      section.rows.length <= 3 && section.rows.every((r) => r.text.length <= 60 && !r.text.includes(': '));
    const short = plainRows && (section.rows.length === 1 || fewShortFacts);
    if (short) lines.push('', `**${escape(section.title)}**: ${section.rows.map((r) => escape(r.text)).join(' · ')}`);
    else lines.push('', `**${escape(section.title)}**`, ...section.rows.map(row));
  }
  lines.push('', `*Prices: ${escape(pricing.source)}*`);
  if (pricing.problem) lines.push('', `$(warning) ${escape(pricing.problem)}; bundled prices used.`);
  const markdown = new vscode.MarkdownString(lines.join('\n'), true);
  markdown.isTrusted = { enabledCommands: hoverCommands };
  return markdown;
}
