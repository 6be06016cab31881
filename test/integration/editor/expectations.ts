import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LlmCostLensApi } from '../../../src/editor/api';
import type { PriceTable } from '../../../src/core/pricing';
import { extensionId, waitFor, workspaceFile } from '../helpers';

/**
 * What a priced lens must say, written out by hand for each fixture call. Token counts are explicit (OpenAI
 * static text counted with gpt-tokenizer, Claude at 3.4 and Gemini at 4 characters a token, 200 tokens per
 * dynamic part, 3 per message + 3 of chat format); dollars are computed here from the price table's entry
 * for `pricedAs`, so a price update does not break the test but a wrong figure does.
 */
export interface PricedLens {
  file: string;
  /** 1-based line the lens sits on (the call's first line). */
  line: number;
  model: string;
  pricedAs: string;
  inputTokens: number;
  exact: boolean;
  /** The output part as shown, or null for an embedding call (no output). */
  output: string | null;
  /** Output tokens of the expected case: 500 (setting), plus reasoning tokens for a thinking model, capped by the limit. */
  expectedOutput: number;
  callsPerDay: number;
}

export const pricedLenses: PricedLens[] = [
  // system 10 tokens (o200k) + 1 dynamic part + 2 messages × 3 + 3
  {
    file: 'openai_chat.py',
    line: 8,
    model: 'gpt-4o-mini',
    pricedAs: 'gpt-4o-mini',
    inputTokens: 219,
    exact: false,
    output: '≤300 out',
    expectedOutput: 300,
    callsPerDay: 1000,
  },
  // "Give three tags for this title." 7 tokens + 1 message × 3 + 3; 20000/day from the annotation
  {
    file: 'openai_chat.py',
    line: 21,
    model: 'gpt-4.1',
    pricedAs: 'gpt-4.1',
    inputTokens: 13,
    exact: true,
    output: 'no limit',
    expectedOutput: 500,
    callsPerDay: 20000,
  },
  // system 56 characters / 3.4 → 17 + 200 + 9
  {
    file: 'anthropic_bot.py',
    line: 7,
    model: 'claude-sonnet-4-5',
    pricedAs: 'claude-sonnet-4-5',
    inputTokens: 226,
    exact: false,
    output: '≤1,024 out',
    expectedOutput: 500,
    callsPerDay: 1000,
  },
  // "Write one sentence about " 25 / 4 → 7, "." → 1, + 200 + 6; Gemini 2.5 Flash thinks by default: 500 visible
  // + 2,500 reasoning tokens (medium effort, llmCostLens.reasoningTokens) expected
  {
    file: 'gemini_app.py',
    line: 7,
    model: 'gemini-2.5-flash',
    pricedAs: 'gemini-2.5-flash',
    inputTokens: 214,
    exact: false,
    output: 'no limit',
    expectedOutput: 3000,
    callsPerDay: 1000,
  },
  // Vercel AI SDK: system 6 tokens + 200 + 9
  {
    file: 'route.ts',
    line: 6,
    model: 'gpt-4o',
    pricedAs: 'gpt-4o',
    inputTokens: 215,
    exact: false,
    output: '≤400 out',
    expectedOutput: 400,
    callsPerDay: 1000,
  },
  // LiteLLM: a provider-prefixed name
  {
    file: 'gateway.py',
    line: 5,
    model: 'anthropic/claude-haiku-4-5',
    pricedAs: 'claude-haiku-4-5',
    inputTokens: 206,
    exact: false,
    output: '≤50 out',
    expectedOutput: 50,
    callsPerDay: 1000,
  },
  // LangChain: model and limit on the constructor; a prompt passed as one name that reads as one text
  // (`invoke(question)`) is one dynamic part (200) + 6 of chat format, not a whole conversation
  {
    file: 'chain.py',
    line: 7,
    model: 'gpt-4.1-mini',
    pricedAs: 'gpt-4.1-mini',
    inputTokens: 206,
    exact: false,
    output: '≤500 out',
    expectedOutput: 500,
    callsPerDay: 1000,
  },
  {
    file: 'mistral_app.py',
    line: 7,
    model: 'mistral-small-latest',
    pricedAs: 'mistral-small-latest',
    inputTokens: 206,
    exact: false,
    output: '≤200 out',
    expectedOutput: 200,
    callsPerDay: 1000,
  },
  // An OpenAI-compatible client (DeepSeek's base URL)
  {
    file: 'compatible.py',
    line: 7,
    model: 'deepseek-chat',
    pricedAs: 'deepseek-chat',
    inputTokens: 206,
    exact: false,
    output: '≤256 out',
    expectedOutput: 256,
    callsPerDay: 1000,
  },
  // Cohere: the dated name is Command A's entry
  {
    file: 'cohere_app.py',
    line: 7,
    model: 'command-a-03-2025',
    pricedAs: 'command-a',
    inputTokens: 206,
    exact: false,
    output: '≤400 out',
    expectedOutput: 400,
    callsPerDay: 1000,
  },
  // An embedding call: 200 tokens for the dynamic input, no chat format, no output
  {
    file: 'embeddings.ts',
    line: 6,
    model: 'text-embedding-3-small',
    pricedAs: 'text-embedding-3-small',
    inputTokens: 200,
    exact: false,
    output: null,
    expectedOutput: 0,
    callsPerDay: 1000,
  },
];

/** Lenses that must say the model is not known, with no dollar figure. */
export const unpricedLenses = [
  { file: 'unknown_model.py', line: 11, title: 'model not known · choose a model…' },
  // A misspelt name: said as written, never priced as the nearest one.
  { file: 'anthropic_typo.py', line: 7, title: "unknown model 'claude-sonet-4-5' · choose a model…" },
];

/** The lens format's dollars, written from its description: 2 significant digits below $1, cents to $100, whole dollars. */
export function dollars(usd: number): string {
  if (usd === 0) return '$0';
  const significant = Number(usd.toPrecision(2));
  if (significant < 1) return `$${significant.toLocaleString('en-US', { maximumFractionDigits: 12 })}`;
  const cents = Math.round(usd * 100) / 100;
  if (cents < 100) return `$${cents.toFixed(2)}`;
  return `$${Math.round(usd).toLocaleString('en-US')}`;
}

export function perCallUsd(expectation: PricedLens, table: PriceTable): number {
  const entry = table.models.find((m) => m.id === expectation.pricedAs);
  assert.ok(entry, `${expectation.pricedAs} is in the price table`);
  const output = entry.prices.output?.usd ?? 0;
  return (expectation.inputTokens * entry.prices.input.usd + expectation.expectedOutput * output) / 1e6;
}

export function monthlyUsd(expectation: PricedLens, table: PriceTable, callsPerDay = expectation.callsPerDay): number {
  return perCallUsd(expectation, table) * callsPerDay * 30;
}

export function expectedTitle(
  expectation: PricedLens,
  table: PriceTable,
  callsPerDay = expectation.callsPerDay,
): string {
  const tokens = `${expectation.exact ? '' : '≈'}${expectation.inputTokens.toLocaleString('en-US')} in`;
  const parts = [expectation.model, tokens];
  if (expectation.output) parts.push(expectation.output);
  parts.push(
    `${dollars(perCallUsd(expectation, table))}/call`,
    `${dollars(monthlyUsd(expectation, table, callsPerDay))}/mo`,
  );
  return parts.join(' · ');
}

export async function api(): Promise<LlmCostLensApi> {
  const extension = vscode.extensions.getExtension<LlmCostLensApi>(extensionId);
  assert.ok(extension);
  return extension.activate();
}

export interface ShownLens {
  line: number;
  title: string;
  command: string;
  arguments: unknown[];
}

/** This extension's lenses on a file as VS Code gets them, by 1-based line. */
export async function lensesOf(uri: vscode.Uri): Promise<ShownLens[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses
    .filter(
      (lens) => lens.command?.command.startsWith('llmCostLens.') || lens.command?.title.startsWith('LLM Cost Lens'),
    )
    .map((lens) => ({
      line: lens.range.start.line + 1,
      title: lens.command?.title ?? '',
      command: lens.command?.command ?? '',
      arguments: lens.command?.arguments ?? [],
    }));
}

/** Waits until the file's lenses satisfy `accept`, and returns them. */
export async function lensesWhen(
  uri: vscode.Uri,
  accept: (lenses: ShownLens[]) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<ShownLens[]> {
  let last: ShownLens[] = [];
  try {
    return await waitFor(
      async () => {
        last = await lensesOf(uri);
        return accept(last) ? last : undefined;
      },
      what,
      timeoutMs,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; last lenses: ${JSON.stringify(last.map((l) => [l.line, l.title]))}`);
  }
}

export async function open(file: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(file));
  return vscode.window.showTextDocument(document);
}

/** This extension's hover at a place, as Markdown text (undefined when it shows none). */
export async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<string | undefined> {
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  const texts = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
  return texts.find((t) => t.includes('Assumptions'));
}

/** Markdown escapes punctuation; the test reads the text. */
export function plain(markdown: string): string {
  return markdown.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

export function positionOf(document: vscode.TextDocument, needle: string, line: number, delta = 1): vscode.Position {
  const text = document.lineAt(line - 1).text;
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} on line ${line}: ${text}`);
  return new vscode.Position(line - 1, at + delta);
}
