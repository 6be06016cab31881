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

/** The closing line of the table: the monthly total over the priced calls, and how many could not be priced. */
export function totalLine(calls: readonly CostedCall[]): string {
  let expected = 0;
  let worst = 0;
  let unpriced = 0;
  for (const call of calls) {
    if (call.monthlyUsd) {
      expected += call.monthlyUsd.expected;
      worst += call.monthlyUsd.worst;
    } else unpriced++;
  }
  const priced = calls.length - unpriced;
  const total = `Total per month over ${priced} priced call${priced === 1 ? '' : 's'}: ${pair({ expected, worst })}`;
  return unpriced === 0
    ? `${total}.`
    : `${total}; ${unpriced} call${unpriced === 1 ? '' : 's'} not priced (model unknown).`;
}
