import type { CallRecord } from '../../core/analysis/types';
import { isEmbeddingApi } from '../../core/sdk';
import { printable } from '../output/terminalText';
import type { ScanResult } from './scan';

/** One column of the table: later columns (costs) are added by appending to `columns`. */
export interface Column<R extends CallRecord = CallRecord> {
  header: string;
  value(record: R): string;
  align?: 'left' | 'right';
  /** Longer cells are cut in the middle (see `fitCell`); the JSON and SARIF keep them whole. */
  maxWidth?: number;
}

/**
 * Widest a model name or the place it comes from is printed. Local and hub models have names of 90 characters
 * (`lmstudio-community/Meta-Llama-3.1-70B-Instruct-GGUF/Meta-Llama-3.1-70B-Instruct-IQ2_M.gguf` in mem0), and one
 * such name made every row of the table as wide, past any terminal's width. Bedrock's ids (44) fit.
 */
export const nameColumnWidth = 48;

/**
 * `text` in at most `width` characters: cut in the middle with `…`, which keeps a model's family at the start and
 * its variant at the end (`…-IQ2_M.gguf`), and a path's file name and line (`…/aws_bedrock.py:53`).
 */
export function fitCell(text: string, width: number): string {
  if (text.length <= width) return text;
  const tail = Math.floor((width - 1) / 2);
  return `${text.slice(0, width - 1 - tail)}…${text.slice(text.length - tail)}`;
}

/**
 * The model, or why there is none: `unresolved` where a model is passed and its value is not known here (in the
 * call or in a dict spread into it: `"model": self.config.model`), `unknown` where nothing in view passes one.
 */
function modelText(record: CallRecord): string {
  if (record.model !== null) return record.model;
  return record.argumentRanges.model || record.sites.model ? 'unresolved' : 'unknown';
}

/**
 * Where the model name is written when not in the call (`:12` in the same file, `config/llm.py:12` elsewhere),
 * `assumed (setting)`, or for an unknown model the ones the workspace uses for that provider (`maybe ...`).
 */
function modelFromText(record: CallRecord): string {
  if (record.modelVia === 'assumed') return 'assumed (setting)';
  const candidates = record.modelCandidates ?? [];
  if (record.model === null && candidates.length > 0) return maybeText(candidates);
  const source = record.modelSource;
  if (!source || record.modelVia === 'literal') return '';
  const cell = source.cell !== undefined ? ` (cell ${source.cell})` : '';
  return source.file === record.file ? `${cell}:${source.line}`.trimStart() : `${source.file}${cell}:${source.line}`;
}

/** `maybe a, b, …`: the candidates that fit the column whole (at most three), the first one cut if it must be. */
function maybeText(candidates: readonly string[]): string {
  const more = ', …';
  let text = `maybe ${fitCell(candidates[0] ?? '', nameColumnWidth - 'maybe '.length - more.length)}`;
  let shown = 1;
  for (const candidate of candidates.slice(1, 3)) {
    if (text.length + 2 + candidate.length + more.length > nameColumnWidth) break;
    text += `, ${candidate}`;
    shown++;
  }
  return shown < candidates.length ? `${text}${more}` : text;
}

function limitText(record: CallRecord): string {
  if (record.outputLimit) return `${record.outputLimitParam ?? 'limit'}=${record.outputLimitValue ?? '?'}`;
  // An embedding returns vectors: an output limit means nothing there.
  if (isEmbeddingApi(record.api)) return '—';
  // The parameter is written but comes to nothing (`max_tokens=self.max_tokens`, a field defaulting to None): no
  // limit unless a caller sets one, which is also why the missing-limit rule may stay silent on it.
  if (record.sites.outputLimit) return `${record.sites.outputLimit.name}=none`;
  // Settings passed whole (`**kwargs` from a caller) may hold a limit: the table does not say there is none.
  return record.sites.complete ? 'none' : 'not shown';
}

function flagsText(record: CallRecord): string {
  const flags: string[] = [];
  if (record.stream) flags.push('stream');
  if (record.inLoop) flags.push('loop');
  if (record.batch) flags.push('batch');
  if (record.caching.explicit) flags.push(record.caching.ttl === '1h' ? 'cache:1h' : 'cache');
  if (record.baseUrl) flags.push('base_url');
  if (record.systemPrompt.kind === 'dynamic') flags.push('dynamic-system');
  return flags.join(',');
}

export const columns: Column[] = [
  { header: 'location', value: (r) => `${r.file}${r.cell !== undefined ? ` (cell ${r.cell})` : ''}:${r.line}` },
  { header: 'sdk', value: (r) => r.sdk },
  { header: 'api', value: (r) => r.api },
  { header: 'model', value: modelText, maxWidth: nameColumnWidth },
  { header: 'model from', value: modelFromText, maxWidth: nameColumnWidth },
  { header: 'limit', value: limitText },
  { header: 'flags', value: flagsText },
];

/** The table rows of a scan: one per call, cells in column order, each safe to print (names come from files). */
export function toRows<R extends CallRecord>(calls: readonly R[], cols: Column<R>[]): string[][] {
  return calls.map((record) =>
    cols.map((c) => {
      const cell = printable(c.value(record));
      return c.maxWidth === undefined ? cell : fitCell(cell, c.maxWidth);
    }),
  );
}

export function renderTable<R extends CallRecord>(
  result: Omit<ScanResult, 'calls'> & { calls: readonly R[] },
  cols: Column<R>[],
  /** Lines printed under a call's row (its findings), indented. */
  under?: (record: R) => string[],
): string {
  const rows = toRows(result.calls, cols);
  // A loop, not Math.max(...rows): a spread of 100,000 rows overflows the stack.
  const widths = cols.map((c, i) => rows.reduce((w, r) => Math.max(w, (r[i] as string).length), c.header.length));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (cols[i].align === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const out: string[] = [];
  if (rows.length > 0) {
    out.push(line(cols.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))));
    rows.forEach((row, i) => {
      out.push(line(row));
      for (const note of under?.(result.calls[i] as R) ?? []) out.push(`  ${printable(note)}`);
    });
  }
  const files = `${result.files} file${result.files === 1 ? '' : 's'}`;
  out.push(`${result.calls.length} LLM call${result.calls.length === 1 ? '' : 's'} in ${files}.`);
  for (const skipped of result.skipped) out.push(`skipped ${printable(skipped.file)}: ${printable(skipped.reason)}`);
  return `${out.join('\n')}\n`;
}
