import type { CallRecord } from '../analysis/types';
import { estimateCallCost, scanCostFields, type CallCost, type CostContext, type ScanCostFields } from '../cost';

/** A scan record with its cost: the call record's fields plus `inputTokens`, `costPerCallUsd`, `monthlyUsd`, ... */
export type CostedCall = CallRecord & ScanCostFields;

/** Prices every call of a scan (one `estimateCallCost` per record; unknown models get no dollar figure). */
export function costCalls(calls: readonly CallRecord[], context: CostContext): CostedCall[] {
  return withCosts(
    calls,
    calls.map((call) => estimateCallCost(call, context)),
  );
}

/** The records with costs already estimated (`costs[i]` is `calls[i]`'s), so that the rules can reuse them. */
export function withCosts(calls: readonly CallRecord[], costs: readonly CallCost[]): CostedCall[] {
  return calls.map((call, index) => ({ ...call, ...scanCostFields(costs[index] as CallCost) }));
}
