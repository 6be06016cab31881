import { formatInputTokens, formatUsd } from '../../core/cost';
import type { CostedCall } from '../../core/workspace/costs';
import type { CostTotals } from '../../core/workspace/totals';
import type { Column } from './table';

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
export function totalLine(totals: CostTotals): string {
  const { priced, unpriced } = totals;
  const total = `Total per month over ${priced} priced call${priced === 1 ? '' : 's'}: ${pair(totals.monthlyUsd)}`;
  return unpriced === 0
    ? `${total}.`
    : `${total}; ${unpriced} call${unpriced === 1 ? '' : 's'} not priced (model unknown).`;
}
