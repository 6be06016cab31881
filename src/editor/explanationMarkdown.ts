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
    lines.push(`**${escape(explanation.title)}** — ${escape(expected)}`);
    for (const other of others) lines.push('', escape(other));
  } else {
    lines.push(`**${escape(explanation.title)}** — no cost shown without a known model`);
    if (chooseModel) lines.push('', commandLink('Choose a model…', CommandIds.chooseModel, [chooseModel]));
  }
  for (const section of explanation.sections) {
    if (section.rows.length === 0) continue;
    lines.push('', `**${escape(section.title)}**`, '', ...section.rows.map(row));
  }
  lines.push('', `*Prices: ${escape(pricing.source)}*`);
  if (pricing.problem) lines.push('', `$(warning) ${escape(pricing.problem)}; bundled prices used.`);
  if (pricing.stale) lines.push('', `$(warning) ${pricing.stale}`);
  const markdown = new vscode.MarkdownString(lines.join('\n'), true);
  markdown.isTrusted = { enabledCommands: hoverCommands };
  return markdown;
}
