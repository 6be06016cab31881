import { formatInputTokens, formatUsd, formatWorst, notPricedReason, type CostPair } from '../../core/cost';
import type { CostedCall } from '../../core/workspace/costs';
import type { CostTotals } from '../../core/workspace/totals';
import type { Column } from './table';

/** `$0.0055 (max $0.16)`, `$0.0055 (max unknown)`, or one figure when both cases agree. */
function pair(value: CostPair | null): string {
  if (!value) return 'unknown model';
  return value.expected === value.worst
    ? formatUsd(value.expected)
    : `${formatUsd(value.expected)} (max ${formatWorst(value.worst)})`;
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

/**
 * The closing line of the table: the monthly total over the priced calls, how many have no known worst case
 * (which makes the total's unknown too), and how many could not be priced.
 */
export function totalLine(totals: CostTotals): string {
  const { priced, unpriced, unbounded } = totals;
  const notPriced = `${unpriced} call${unpriced === 1 ? '' : 's'} not priced (${notPricedReason(totals)})`;
  // A model the code does not say can be named for the scan; one missing from the table, priced by an override.
  const how =
    totals.unnamed > 0
      ? ` To price calls whose model the code does not say, name it per provider in the llmCostLens.assumedModels setting ({"openai": "gpt-4o-mini"}).`
      : '';
  // No figure at all is not a total of $0.
  if (priced === 0 && unpriced > 0) return `No call priced: ${notPriced}.${how}`;
  const parts = [`Total per month over ${priced} priced call${priced === 1 ? '' : 's'}: ${pair(totals.monthlyUsd)}`];
  if (unbounded > 0) parts.push(`${unbounded} with no known max output`);
  if (unpriced > 0) parts.push(notPriced);
  return `${parts.join('; ')}.${how}`;
}
