import type { CallRecord } from '../../core/analysis/types';
import { isEmbeddingApi } from '../../core/sdk';
import { printable } from '../output/terminalText';
import type { ScanResult } from './scan';

/** One column of the table: later columns (costs) are added by appending to `columns`. */
export interface Column<R extends CallRecord = CallRecord> {
  header: string;
  value(record: R): string;
  align?: 'left' | 'right';
}

function modelText(record: CallRecord): string {
  if (record.model !== null) return record.model;
  return record.argumentRanges.model ? 'unresolved' : 'unknown';
}

/**
 * Where the model name is written when not in the call (`:12` in the same file, `config/llm.py:12` elsewhere),
 * `assumed (setting)`, or for an unknown model the ones the workspace uses for that provider (`maybe ...`).
 */
function modelFromText(record: CallRecord): string {
  if (record.modelVia === 'assumed') return 'assumed (setting)';
  const candidates = record.modelCandidates ?? [];
  if (record.model === null && candidates.length > 0)
    return `maybe ${candidates.slice(0, 3).join(', ')}${candidates.length > 3 ? ', …' : ''}`;
  const source = record.modelSource;
  if (!source || record.modelVia === 'literal') return '';
  const cell = source.cell !== undefined ? ` (cell ${source.cell})` : '';
  return source.file === record.file ? `${cell}:${source.line}`.trimStart() : `${source.file}${cell}:${source.line}`;
}

function limitText(record: CallRecord): string {
  if (record.outputLimit) return `${record.outputLimitParam ?? 'limit'}=${record.outputLimitValue ?? '?'}`;
  // An embedding returns vectors: an output limit means nothing there.
  if (isEmbeddingApi(record.api)) return '—';
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
  { header: 'model', value: modelText },
  { header: 'model from', value: modelFromText },
  { header: 'limit', value: limitText },
  { header: 'flags', value: flagsText },
];

/** The table rows of a scan: one per call, cells in column order, each safe to print (names come from files). */
export function toRows<R extends CallRecord>(calls: readonly R[], cols: Column<R>[]): string[][] {
  return calls.map((record) => cols.map((c) => printable(c.value(record))));
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
