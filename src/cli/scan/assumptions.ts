import { annotatedCalls, type AssumedSetting, type WorkspaceAssumptions } from '../../core/workspace/assumptions';
import { costFlags } from '../costFlags';
import { formatTokens } from '../../core/cost';

type CountSetting = keyof typeof costFlags;

/** A setting as `scan --format json` lists it: the core's, plus the flag that sets it on the command line. */
type FlaggedSetting<V> = Omit<AssumedSetting<V>, 'calls'> & { flag?: string; calls: number };

/** The `assumptions` object of `scan --format json`: what every figure assumed, and where each value came from. */
export type ScanAssumptions = Omit<WorkspaceAssumptions, CountSetting> & {
  [K in CountSetting]: FlaggedSetting<number>;
};

/** The core's workspace assumptions with each setting's command-line flag (keys in the documented order). */
export function scanAssumptions(assumed: WorkspaceAssumptions): ScanAssumptions {
  const flagged = (key: CountSetting): FlaggedSetting<number> => {
    const { value, source, setting, calls } = assumed[key];
    return { value, source, setting, flag: `--${costFlags[key]}`, calls };
  };
  return {
    callsPerDay: flagged('callsPerDay'),
    dynamicPartTokens: flagged('dynamicPartTokens'),
    historyTokens: flagged('historyTokens'),
    expectedOutputTokens: flagged('expectedOutputTokens'),
    reasoningTokens: assumed.reasoningTokens,
    perCall: assumed.perCall,
  };
}

const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The table's closing line: each assumption with its value and origin, and the flags that change them. */
export function assumptionsLine(assumed: WorkspaceAssumptions): string {
  const annotated = annotatedCalls(assumed);
  const perDay = `${formatTokens(assumed.callsPerDay.value)} calls a day (${assumed.callsPerDay.source}${annotated > 0 ? `; ${count(annotated, 'call')} annotated` : ''})`;
  const parts = [
    perDay,
    `${formatTokens(assumed.dynamicPartTokens.value)} tokens per dynamic part (${assumed.dynamicPartTokens.source})`,
    `${formatTokens(assumed.historyTokens.value)} tokens per chat history sent whole (${assumed.historyTokens.source}; ${count(assumed.historyTokens.calls, 'call')})`,
    `${formatTokens(assumed.expectedOutputTokens.value)} output tokens (${assumed.expectedOutputTokens.source})`,
  ];
  if (assumed.reasoningTokens.calls > 0) {
    const levels = Object.entries(assumed.reasoningTokens.value)
      .map(([level, tokens]) => `${level} ${formatTokens(tokens)}`)
      .join(', ');
    parts.push(`+ reasoning tokens by effort for ${count(assumed.reasoningTokens.calls, 'call')} (${levels})`);
  }
  const budgets = assumed.reasoningTokens.thinkingBudgetCalls;
  if (budgets > 0) parts.push(`+ the thinking budget written in the code for ${count(budgets, 'call')}`);
  const flags = Object.values(costFlags).map((f) => `--${f}`);
  return `Assumed: ${parts.join(', ')}. Change with ${flags.join(', ')}.`;
}
