import { providerOfSdk } from '../analysis/assumed';
import type { Sdk } from '../analysis/types';
import type { ScanCostFields } from '../cost';

/** Expected and worst-case dollars; the worst case is null (unknown) once one call's is. */
export interface UsdRange {
  expected: number;
  worst: number | null;
}

/** The monthly figure of one provider, model or file. */
export interface TotalRow {
  key: string;
  calls: number;
  /** Calls counted here that have no price (unknown model): they add nothing to the dollars. */
  unpriced: number;
  /** Of those, the calls whose model the code does not name (the rest name one the price table lacks). */
  unnamed: number;
  monthlyUsd: UsdRange;
  /**
   * A model row only: the names the code writes for the price entry the row is keyed by, most calls first, when one
   * of them is not the key (`gpt-4-0125-preview` priced as `gpt-4-turbo`). Absent when the code writes the key alone.
   */
  written?: string[];
}

/** The bill of a workspace: what the CLI's closing line, the report and the budget gate all read. */
export interface CostTotals {
  calls: number;
  priced: number;
  unpriced: number;
  /** Unpriced calls whose model the code does not name; the others name a model the price table lacks. */
  unnamed: number;
  /** Priced calls with no known worst case (no limit, model's max output unknown): the worst total is unknown. */
  unbounded: number;
  /** Over the priced calls only; an unknown model is never counted as $0 without being said (`unpriced`). */
  monthlyUsd: UsdRange;
  /** Each list sorted by expected monthly dollars, highest first. */
  byProvider: TotalRow[];
  byModel: TotalRow[];
  byFile: TotalRow[];
}

/** What totals need of a call. */
export type TotalsInput = Pick<ScanCostFields, 'monthlyUsd' | 'pricedAs' | 'provider'> & {
  file: string;
  model: string | null;
  /** For a call whose model is not priced: its provider is still the one the SDK or a name prefix says. */
  sdk?: Sdk;
  modelProvider?: string;
};

/** The priced entry's provider; else the one a prefix (`openai/…`) or a one-provider SDK says. */
function providerOf(call: TotalsInput): string {
  return call.provider ?? call.modelProvider ?? (call.sdk && providerOfSdk[call.sdk]) ?? unknownProvider;
}

/** Adds one call's monthly figure to a sum: an unknown worst case makes the sum's unknown. */
function addTo(sum: UsdRange, monthly: UsdRange): void {
  sum.expected += monthly.expected;
  sum.worst = sum.worst === null || monthly.worst === null ? null : sum.worst + monthly.worst;
}

/** Counts a call without a price, and whether the code names no model for it. */
function countUnpriced(counts: { unpriced: number; unnamed: number }, call: TotalsInput): void {
  counts.unpriced++;
  if (call.model === null) counts.unnamed++;
}

function add(rows: Map<string, TotalRow>, key: string, call: TotalsInput): void {
  let row = rows.get(key);
  if (!row) {
    row = { key, calls: 0, unpriced: 0, unnamed: 0, monthlyUsd: { expected: 0, worst: 0 } };
    rows.set(key, row);
  }
  row.calls++;
  if (call.monthlyUsd) addTo(row.monthlyUsd, call.monthlyUsd);
  else countUnpriced(row, call);
}

/** Unknown worst cases sort as the largest. */
const worstOrder = (range: UsdRange): number => range.worst ?? Number.POSITIVE_INFINITY;

function sorted(rows: Map<string, TotalRow>): TotalRow[] {
  return [...rows.values()].sort(
    (a, b) =>
      b.monthlyUsd.expected - a.monthlyUsd.expected ||
      (worstOrder(b.monthlyUsd) > worstOrder(a.monthlyUsd)
        ? 1
        : worstOrder(b.monthlyUsd) < worstOrder(a.monthlyUsd)
          ? -1
          : 0) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

function countName(names: Map<string, Map<string, number>>, key: string, name: string): void {
  const counts = names.get(key) ?? new Map<string, number>();
  counts.set(name, (counts.get(name) ?? 0) + 1);
  names.set(key, counts);
}

/** Names by how many calls write them, most first; ties alphabetically. */
const byCount = (counts: Map<string, number>): string[] =>
  [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([name]) => name);

/** Labels for calls without a known provider or model. */
export const unknownProvider = 'unknown provider';
export const unresolvedModel = 'model not resolved';

/** Sums the monthly cost of priced calls, per provider, per model (the price entry used) and per file. */
export function costTotals(calls: readonly TotalsInput[]): CostTotals {
  const byProvider = new Map<string, TotalRow>();
  const byModel = new Map<string, TotalRow>();
  const byFile = new Map<string, TotalRow>();
  const writtenNames = new Map<string, Map<string, number>>();
  const monthlyUsd: UsdRange = { expected: 0, worst: 0 };
  const unpriced = { unpriced: 0, unnamed: 0 };
  let unbounded = 0;
  for (const call of calls) {
    if (call.monthlyUsd) {
      addTo(monthlyUsd, call.monthlyUsd);
      if (call.monthlyUsd.worst === null) unbounded++;
    } else countUnpriced(unpriced, call);
    add(byProvider, providerOf(call), call);
    const modelKey = call.pricedAs ?? call.model ?? unresolvedModel;
    add(byModel, modelKey, call);
    if (call.model !== null) countName(writtenNames, modelKey, call.model);
    add(byFile, call.file, call);
  }
  for (const [key, names] of writtenNames) {
    const row = byModel.get(key);
    if (row && [...names.keys()].some((name) => name !== key)) row.written = byCount(names);
  }
  return {
    calls: calls.length,
    priced: calls.length - unpriced.unpriced,
    ...unpriced,
    unbounded,
    monthlyUsd,
    byProvider: sorted(byProvider),
    byModel: sorted(byModel),
    byFile: sorted(byFile),
  };
}
