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

/**
 * `$0.26 per call, $94,677/month at 12,000/day` for the worst or expected case; null for an unpriced call, or a
 * worst case that is unknown (no limit and the model's max output unknown).
 */
export function perCallAndMonth(cost: CallCost, which: 'expected' | 'worst'): string | null {
  const perCall = cost.costPerCallUsd?.[which];
  const monthly = cost.monthlyUsd?.[which];
  if (perCall === undefined || perCall === null || monthly === undefined || monthly === null) return null;
  return `${formatUsd(perCall)} per call, ${formatMonthly(monthly)}/month at ${volume(cost)}`;
}

/** The monthly difference between two costs of one call (expected case), or null when either is unpriced or unknown. */
export function monthlySaving(
  before: CallCost,
  after: CallCost,
  which: 'expected' | 'worst' = 'expected',
): number | null {
  const was = before.monthlyUsd?.[which];
  const now = after.monthlyUsd?.[which];
  if (was === undefined || was === null || now === undefined || now === null) return null;
  return was - now;
}

/** Dollars per month from dollars per call at the call's volume. */
export function perMonth(perCallUsd: number, cost: CallCost): number {
  return perCallUsd * cost.callsPerDay * daysPerMonth;
}
