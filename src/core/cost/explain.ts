import type { Assumption } from './assumptions';
import { formatTokens, formatUsd } from './format';
import { usagePartLabels } from './priceTokens';
import type { CallCost, CostPair } from './types';

/** `2,209` or `≈2,209`: estimates are marked wherever a count is shown. */
export function formatInputTokens(cost: Pick<CallCost, 'inputTokens' | 'inputExact'>): string {
  if (cost.inputTokens === null) return '?';
  return `${cost.inputExact ? '' : '≈'}${formatTokens(cost.inputTokens)}`;
}

/** `$0.0055` or `unknown`: a worst case the model's limits cannot give is said, never replaced. */
export function formatWorst(worst: number | null): string {
  return worst === null ? 'unknown' : formatUsd(worst);
}

/** `$0.0055 expected, $0.16 worst case` */
function pairText(pair: CostPair): string {
  return `${formatUsd(pair.expected)} expected, ${formatWorst(pair.worst)} worst case`;
}

const sourceWords: Record<Assumption['source'], string> = {
  annotation: 'annotation',
  setting: 'setting',
  flag: 'command-line flag',
  default: 'default',
  code: 'in the code',
  model: 'price table',
};

/** `calls a day: 1,000 (default, llmCostLens.callsPerDay)` */
export function describeAssumption(assumption: Assumption): string {
  const value =
    assumption.value === null
      ? 'unknown'
      : assumption.key === 'cacheWriteShare'
        ? `${(assumption.value * 100).toPrecision(3)}%`
        : formatTokens(assumption.value);
  const where = [sourceWords[assumption.source], assumption.setting].filter(Boolean).join(', ');
  return `${assumption.label}: ${value} (${where})`;
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
    `per call ${pairText(cost.costPerCallUsd)}`,
    `per month ${pairText(cost.monthlyUsd)}`,
  ];
  for (const line of cost.breakdown) {
    const which = line.case === 'both' ? '' : ` (${line.case})`;
    lines.push(`  ${usagePartLabels[line.part]}${which}: ${line.how} [${line.source}]`);
  }
  for (const note of cost.notes) lines.push(`  · ${note}`);
  lines.push('  assumed:');
  for (const assumption of cost.assumptions) lines.push(`    ${describeAssumption(assumption)}`);
  return lines;
}

/** The fields a scan record gains, in plain JSON. */
export interface ScanCostFields {
  inputTokens: number | null;
  inputTokensExact: boolean;
  /** Expected output includes reasoning tokens; `worst` is null when the model's max output is unknown. */
  outputTokens: CallCost['outputTokens'];
  costPerCallUsd: CostPair | null;
  monthlyUsd: CostPair | null;
  pricedAs: string | null;
  /** The provider of the price-table entry used; null for an unknown model. */
  provider: string | null;
  unknownModel: { reason: string; suggestions: string[] } | null;
  callsPerDay: number;
  callsPerDaySource: CallCost['callsPerDaySource'];
  requests: number;
  assumptions: Assumption[];
}

export function scanCostFields(cost: CallCost): ScanCostFields {
  return {
    inputTokens: cost.inputTokens,
    inputTokensExact: cost.inputExact,
    outputTokens: cost.outputTokens,
    costPerCallUsd: cost.costPerCallUsd,
    monthlyUsd: cost.monthlyUsd,
    pricedAs: cost.resolved?.id ?? null,
    provider: cost.resolved?.provider ?? null,
    unknownModel: cost.unknown,
    callsPerDay: cost.callsPerDay,
    callsPerDaySource: cost.callsPerDaySource,
    requests: cost.requests,
    assumptions: cost.assumptions,
  };
}
