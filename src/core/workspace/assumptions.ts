import { settingKeys, type AssumptionKey, type CostSettings, type SettingSource, type SettingSources } from '../cost';
import type { CostedCall } from './costs';

/** One setting every figure of a workspace assumed: its value, where it came from, and how many calls used it. */
export interface AssumedSetting<V> {
  value: V;
  source: SettingSource;
  /** The editor setting that holds it (`llmCostLens.callsPerDay`). */
  setting: string;
  calls: number;
}

/** What a workspace's figures assumed, and where each value came from (the CLI's JSON and footer, the report). */
export interface WorkspaceAssumptions {
  callsPerDay: AssumedSetting<number>;
  dynamicPartTokens: AssumedSetting<number>;
  historyTokens: AssumedSetting<number>;
  expectedOutputTokens: AssumedSetting<number>;
  reasoningTokens: AssumedSetting<CostSettings['reasoningTokens']> & {
    /** Calls whose reasoning tokens are the thinking budget they set (Anthropic, Gemini), not the setting's. */
    thinkingBudgetCalls: number;
  };
  /** Per call: its calls per day and where that number came from (an annotation above it, else the setting). */
  perCall: { file: string; line: number; callsPerDay: number; source: CostedCall['callsPerDaySource'] }[];
}

/** Calls that used a setting's value (a thinking budget written in the code is the code's, not the setting's). */
const uses = (calls: readonly CostedCall[], key: AssumptionKey): number =>
  calls.filter((c) => c.assumptions.some((a) => a.key === key && a.source !== 'code')).length;

const budgeted = (calls: readonly CostedCall[]): number =>
  calls.filter((c) => c.assumptions.some((a) => a.key === 'reasoningTokens' && a.source === 'code')).length;

export function workspaceAssumptions(
  settings: CostSettings,
  sources: SettingSources,
  calls: readonly CostedCall[],
): WorkspaceAssumptions {
  const of = <K extends keyof CostSettings>(key: K): AssumedSetting<CostSettings[K]> => ({
    value: settings[key],
    source: sources[key] ?? 'default',
    setting: settingKeys[key],
    calls: key === 'callsPerDay' ? calls.filter((c) => c.callsPerDaySource !== 'annotation').length : uses(calls, key),
  });
  return {
    callsPerDay: of('callsPerDay'),
    dynamicPartTokens: of('dynamicPartTokens'),
    historyTokens: of('historyTokens'),
    expectedOutputTokens: of('expectedOutputTokens'),
    reasoningTokens: { ...of('reasoningTokens'), thinkingBudgetCalls: budgeted(calls) },
    perCall: calls.map((c) => ({
      file: c.file,
      line: c.line,
      callsPerDay: c.callsPerDay,
      source: c.callsPerDaySource,
    })),
  };
}

/** How many calls carry an `llm-cost-lens: N/day` annotation of their own. */
export function annotatedCalls(assumed: WorkspaceAssumptions): number {
  return assumed.perCall.filter((c) => c.source === 'annotation').length;
}
