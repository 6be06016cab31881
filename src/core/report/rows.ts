import type { ReportCall } from './model';

/** The columns the report's table sorts by. */
export const sortKeys = ['location', 'model', 'tokens', 'perCall', 'monthly', 'findings'] as const;
export type SortKey = (typeof sortKeys)[number];
export type SortDirection = 'ascending' | 'descending';

export interface RowQuery {
  /** Words that must all appear in a row's file, model, provider, SDK, API or finding codes (any case). */
  text: string;
  /** Only calls with at least one finding. */
  withFindings: boolean;
  /** Only calls without a price (model not known). */
  unpricedOnly: boolean;
  sort: SortKey;
  direction: SortDirection;
}

export const defaultRowQuery: RowQuery = {
  text: '',
  withFindings: false,
  unpricedOnly: false,
  sort: 'monthly',
  direction: 'descending',
};

function haystack(call: ReportCall): string {
  return [
    `${call.file}:${call.line}`,
    call.model ?? 'unknown model',
    call.pricedAs ?? '',
    call.provider ?? '',
    call.sdk,
    call.api,
    call.functionName ?? '',
    ...call.findings.map((f) => f.code),
  ]
    .join(' ')
    .toLowerCase();
}

/** A row's value under a sort key; null for a figure the call does not have (no price): those sort last. */
function valueOf(call: ReportCall, key: SortKey): number | string | null {
  switch (key) {
    case 'location':
      return call.file;
    case 'model':
      return call.pricedAs ?? call.model;
    case 'tokens':
      return call.inputTokens;
    case 'perCall':
      return call.perCallUsd;
    case 'monthly':
      return call.monthlyUsd?.expected ?? null;
    case 'findings':
      return call.findings.length;
  }
}

function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en', { numeric: true, sensitivity: 'base' });
}

/** The calls a query selects, in its order; calls without the sorted figure (no price) always come last. */
export function selectRows(calls: readonly ReportCall[], query: RowQuery): ReportCall[] {
  const words = query.text.toLowerCase().split(/\s+/).filter(Boolean);
  const kept = calls.filter(
    (call) =>
      (!query.withFindings || call.findings.length > 0) &&
      (!query.unpricedOnly || call.monthlyUsd === null) &&
      (words.length === 0 || words.every((word) => haystack(call).includes(word))),
  );
  const sign = query.direction === 'ascending' ? 1 : -1;
  return kept.sort((a, b) => {
    const x = valueOf(a, query.sort);
    const y = valueOf(b, query.sort);
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else {
      const order = compareValues(x, y);
      if (order !== 0) return sign * order;
    }
    // Ties in a stable, readable order: by file, then line.
    return compareValues(a.file, b.file) || a.line - b.line || a.id - b.id;
  });
}
