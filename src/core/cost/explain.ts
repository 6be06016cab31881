import { formatTokens, formatUsd } from './format';
import { usagePartLabels } from './priceTokens';
import type { CallCost } from './types';

/** `2,209` or `≈2,209`: estimates are marked wherever a count is shown. */
export function formatInputTokens(cost: Pick<CallCost, 'inputTokens' | 'inputExact'>): string {
  if (cost.inputTokens === null) return '?';
  return `${cost.inputExact ? '' : '≈'}${formatTokens(cost.inputTokens)}`;
}

/** The cost of a call as plain lines, figures first, then how each was computed (the hover, the CLI). */
export function explainCost(cost: CallCost): string[] {
  if (!cost.costPerCallUsd || !cost.monthlyUsd) {
    const suggestions = cost.unknown?.suggestions ?? [];
    const closest = suggestions.length > 0 ? ` (closest known: ${suggestions.join(', ')})` : '';
    return [`${cost.unknown?.reason ?? 'no price'}${closest}: no cost shown`];
  }
  const lines = [
    `${cost.resolved?.id ?? cost.model}: ${formatInputTokens(cost)} input tokens`,
    `per call ${formatUsd(cost.costPerCallUsd.expected)} expected, ${formatUsd(cost.costPerCallUsd.worst)} worst case`,
    `per month ${formatUsd(cost.monthlyUsd.expected)} expected, ${formatUsd(cost.monthlyUsd.worst)} worst case`,
  ];
  for (const line of cost.breakdown) {
    const which = line.case === 'both' ? '' : ` (${line.case})`;
    lines.push(`  ${usagePartLabels[line.part]}${which}: ${line.how} [${line.source}]`);
  }
  for (const note of cost.notes) lines.push(`  · ${note}`);
  return lines;
}

/** The fields a scan record gains, in plain JSON. */
export interface ScanCostFields {
  inputTokens: number | null;
  inputTokensExact: boolean;
  costPerCallUsd: { expected: number; worst: number } | null;
  monthlyUsd: { expected: number; worst: number } | null;
  pricedAs: string | null;
  /** The provider of the price-table entry used; null for an unknown model. */
  provider: string | null;
  unknownModel: { reason: string; suggestions: string[] } | null;
}

export function scanCostFields(cost: CallCost): ScanCostFields {
  return {
    inputTokens: cost.inputTokens,
    inputTokensExact: cost.inputExact,
    costPerCallUsd: cost.costPerCallUsd,
    monthlyUsd: cost.monthlyUsd,
    pricedAs: cost.resolved?.id ?? null,
    provider: cost.resolved?.provider ?? null,
    unknownModel: cost.unknown,
  };
}
