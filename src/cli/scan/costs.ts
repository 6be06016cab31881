import type { CallRecord } from '../../core/analysis/types';
import { estimateCallCost, formatInputTokens, formatUsd, scanCostFields, type CostSettings } from '../../core/cost';
import type { ScanCostFields } from '../../core/cost';
import type { PriceTable } from '../../core/pricing';
import type { Column } from './table';

/** A scan record with its cost: the call record's fields plus `inputTokens`, `costPerCallUsd`, `monthlyUsd`. */
export type CostedCall = CallRecord & ScanCostFields;

/** Prices every call of a scan (one `estimateCallCost` per record; unknown models get no dollar figure). */
export function costCalls(calls: readonly CallRecord[], table: PriceTable, settings: CostSettings): CostedCall[] {
  return calls.map((call) => ({ ...call, ...scanCostFields(estimateCallCost(call, { table, settings })) }));
}

function pair(value: { expected: number; worst: number } | null): string {
  if (!value) return 'unknown model';
  return value.expected === value.worst
    ? formatUsd(value.expected)
    : `${formatUsd(value.expected)} (max ${formatUsd(value.worst)})`;
}

/** The cost columns of the table: input tokens (≈ when estimated), dollars per call and per month. */
export const costColumns: Column<CostedCall>[] = [
  {
    header: 'input tok',
    align: 'right',
    value: (r) => formatInputTokens({ inputTokens: r.inputTokens, inputExact: r.inputTokensExact }),
  },
  { header: '$/call', align: 'right', value: (r) => pair(r.costPerCallUsd) },
  { header: '$/month', align: 'right', value: (r) => pair(r.monthlyUsd) },
];
