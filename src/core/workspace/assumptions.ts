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

/** How many calls have an assumption under each key: from a setting (or the calls' own annotation), or from the code. */
interface AssumptionCounts {
  notCode: Map<AssumptionKey, number>;
  code: Map<AssumptionKey, number>;
}

/** One pass over every call's assumptions (a call counts once per key however many of its assumptions have it). */
function countAssumptions(calls: readonly CostedCall[]): AssumptionCounts {
  const counts: AssumptionCounts = { notCode: new Map(), code: new Map() };
  const seen = { notCode: new Set<AssumptionKey>(), code: new Set<AssumptionKey>() };
  for (const call of calls) {
    seen.notCode.clear();
    seen.code.clear();
    for (const { key, source } of call.assumptions) {
      const kind = source === 'code' ? 'code' : 'notCode';
      if (seen[kind].has(key)) continue;
      seen[kind].add(key);
      counts[kind].set(key, (counts[kind].get(key) ?? 0) + 1);
    }
  }
  return counts;
}

export function workspaceAssumptions(
  settings: CostSettings,
  sources: SettingSources,
  calls: readonly CostedCall[],
): WorkspaceAssumptions {
  const counts = countAssumptions(calls);
  // Calls that used a setting's value (a thinking budget written in the code is the code's, not the setting's).
  const of = <K extends keyof CostSettings>(key: K): AssumedSetting<CostSettings[K]> => ({
    value: settings[key],
    source: sources[key] ?? 'default',
    setting: settingKeys[key],
    calls:
      key === 'callsPerDay'
        ? calls.filter((c) => c.callsPerDaySource !== 'annotation').length
        : (counts.notCode.get(key) ?? 0),
  });
  return {
    callsPerDay: of('callsPerDay'),
    dynamicPartTokens: of('dynamicPartTokens'),
    historyTokens: of('historyTokens'),
    expectedOutputTokens: of('expectedOutputTokens'),
    reasoningTokens: { ...of('reasoningTokens'), thinkingBudgetCalls: counts.code.get('reasoningTokens') ?? 0 },
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
