import { daysPerMonth, formatTokens, formatUsd, type CallCost } from '../cost';

/** `$94,677` from $100 a month up (cents are noise there), `$12.40` below. */
export function formatMonthly(usd: number): string {
  if (Math.abs(usd) >= 100) return `$${Math.round(usd).toLocaleString('en-US')}`;
  return formatUsd(usd);
}

/** `12,000/day`, and where the number came from when it is the setting's. */
export function volume(cost: CallCost): string {
  return `${formatTokens(cost.callsPerDay)}/day`;
}

/** `$0.26 per call, $94,677/month at 12,000/day` for the worst or expected case; null for an unpriced call. */
export function perCallAndMonth(cost: CallCost, which: 'expected' | 'worst'): string | null {
  if (!cost.costPerCallUsd || !cost.monthlyUsd) return null;
  return `${formatUsd(cost.costPerCallUsd[which])} per call, ${formatMonthly(cost.monthlyUsd[which])}/month at ${volume(cost)}`;
}

/** The monthly difference between two costs of one call (expected case), or null when either is unpriced. */
export function monthlySaving(
  before: CallCost,
  after: CallCost,
  which: 'expected' | 'worst' = 'expected',
): number | null {
  if (!before.monthlyUsd || !after.monthlyUsd) return null;
  return before.monthlyUsd[which] - after.monthlyUsd[which];
}

/** Dollars per month from dollars per call at the call's volume. */
export function perMonth(perCallUsd: number, cost: CallCost): number {
  return perCallUsd * cost.callsPerDay * daysPerMonth;
}
