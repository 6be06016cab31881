import type { CallRecord } from '../analysis/types';
import { estimateCallCost, type CostContext } from './estimateCall';
import { formatUsd } from './format';
import type { CallCost, CostPair } from './types';

/** What one change to a call would do to its monthly cost. */
export interface WhatIf {
  change: 'batch' | 'cache_control';
  /** The call's monthly figures with the change. */
  monthlyUsd: CostPair;
  /** Expected dollars a month saved (negative when the change would cost more). */
  monthlySavingUsd: number;
  /** The change and its effect in words. */
  text: string;
}

/**
 * What prompt caching and the batch API would change for a call that uses neither: the same call priced with
 * `cache_control` on its prompt (where the provider caches only marked prefixes) and sent through the batch API.
 * Changes that save nothing (a prefix below the cacheable minimum, a model without batch prices) are left out.
 */
export function whatIfs(call: CallRecord, context: CostContext, current?: CallCost): WhatIf[] {
  const cost = current ?? estimateCallCost(call, context);
  if (!cost.monthlyUsd) return [];
  const base = cost.monthlyUsd.expected;
  const out: WhatIf[] = [];
  const compare = (change: WhatIf['change'], variant: CallRecord, describe: (saving: string) => string): void => {
    const priced = estimateCallCost(variant, context);
    if (!priced.monthlyUsd) return;
    const saving = base - priced.monthlyUsd.expected;
    // Below a cent a month the change is noise, not advice.
    if (saving < 0.01) return;
    out.push({ change, monthlyUsd: priced.monthlyUsd, monthlySavingUsd: saving, text: describe(formatUsd(saving)) });
  };
  if (!call.caching.explicit) {
    compare(
      'cache_control',
      { ...call, caching: { ...call.caching, explicit: true, ttl: '5m' } },
      (saving) => `cache_control on the static prefix would save ${saving} a month`,
    );
  }
  if (!call.batch && !call.stream) {
    compare(
      'batch',
      { ...call, batch: true },
      (saving) => `the batch API would save ${saving} a month, for answers that can wait up to 24 hours`,
    );
  }
  return out;
}
