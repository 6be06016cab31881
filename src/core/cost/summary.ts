import type { CallRecord } from '../analysis/types';
import { formatInputTokens } from './explain';
import { formatTokens, formatUsdShort } from './format';
import type { CallCost } from './types';

/** What a call's output part says at a glance: its limit, that it has none, or that its settings are out of sight. */
export function outputSummary(call: CallRecord): string {
  // Settings passed whole (`**kwargs` from a caller) may hold a limit: not "no limit".
  if (!call.outputLimit) return call.sites.complete ? 'no limit' : 'limit not shown';
  return call.outputLimitValue === null ? '≤? out' : `≤${formatTokens(call.outputLimitValue)} out`;
}

/**
 * One line per call, for the CodeLens and other one-line views:
 * `gpt-4o · ≈1,240 in · ≤800 out · $0.0042/call · $126/mo` (≈ when a count is estimated). An embedding call has
 * no output part. A call whose model is not known says so and carries no dollar figure.
 */
export function callSummary(call: CallRecord, cost: CallCost): string {
  if (!cost.costPerCallUsd || !cost.monthlyUsd) {
    return call.model === null ? 'model not known' : `unknown model '${call.model}'`;
  }
  const parts = [call.model ?? cost.resolved?.id ?? '?', `${formatInputTokens(cost)} in`];
  // An embedding call has no output at all.
  if (cost.outputTokens && (cost.outputTokens.worst !== 0 || call.outputLimit)) parts.push(outputSummary(call));
  parts.push(`${formatUsdShort(cost.costPerCallUsd.expected)}/call`, `${formatUsdShort(cost.monthlyUsd.expected)}/mo`);
  return parts.join(' · ');
}
