import { assumeModels, type AssumedModels } from '../analysis/assumed';
import { withModelCandidates } from '../analysis/modelCandidates';
import type { CallRecord } from '../analysis/types';
import { estimateCallCost, type CallCost, type CostContext } from '../cost';
import { workspaceAssumptions, type WorkspaceAssumptions } from './assumptions';
import { withCosts, type CostedCall } from './costs';
import { costTotals, type CostTotals } from './totals';

/** What prices a workspace's calls: the table, the cost settings (and where each came from), the assumed models. */
export interface BillInputs extends Pick<CostContext, 'table' | 'settings' | 'sources' | 'count'> {
  assumedModels: AssumedModels;
}

/** The priced calls of a workspace, their totals and the assumptions behind them. */
export interface WorkspaceBill {
  /** The records as priced: assumed models applied, candidates noted for the models the code does not say. */
  records: CallRecord[];
  /** `calls[i]` is `records[i]` with its cost. */
  calls: CostedCall[];
  /** `costs[i]` is `records[i]`'s estimate, for the rules to reuse rather than estimate again. */
  costs: CallCost[];
  totals: CostTotals;
  assumptions: WorkspaceAssumptions;
}

/**
 * Prices the calls of a whole scan the one way the CLI's scan, its budget gate and the editor's workspace report
 * all do: `llmCostLens.assumedModels` for calls whose model the code does not say (else the models the workspace
 * uses for that provider, as candidates, never priced), then each call's cost, then the totals.
 */
export function workspaceBill(scanned: readonly CallRecord[], inputs: BillInputs): WorkspaceBill {
  const records = withModelCandidates(assumeModels(scanned, inputs.assumedModels));
  const costs = records.map((call) => estimateCallCost(call, inputs));
  const calls = withCosts(records, costs);
  return {
    records,
    calls,
    costs,
    totals: costTotals(calls),
    assumptions: workspaceAssumptions(inputs.settings, inputs.sources ?? {}, calls),
  };
}
