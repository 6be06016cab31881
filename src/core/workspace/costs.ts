import type { CallRecord } from '../analysis/types';
import { estimateCallCost, scanCostFields, type CostContext, type ScanCostFields } from '../cost';

/** A scan record with its cost: the call record's fields plus `inputTokens`, `costPerCallUsd`, `monthlyUsd`, ... */
export type CostedCall = CallRecord & ScanCostFields;

/** Prices every call of a scan (one `estimateCallCost` per record; unknown models get no dollar figure). */
export function costCalls(calls: readonly CallRecord[], context: CostContext): CostedCall[] {
  return calls.map((call) => ({ ...call, ...scanCostFields(estimateCallCost(call, context)) }));
}
