import type { CostedCall } from '../../core/workspace/costs';
import { costFlags } from '../costFlags';
import {
  formatTokens,
  settingKeys,
  type AssumptionKey,
  type CostSettings,
  type SettingSource,
  type SettingSources,
} from '../../core/cost';

type CountSetting = keyof typeof costFlags;

interface AssumedSetting<V> {
  value: V;
  source: SettingSource;
  /** The editor setting that holds it. */
  setting: string;
  /** The command-line flag that sets it here; absent when none does. */
  flag?: string;
  /** How many calls used it. */
  calls: number;
}

/** The `assumptions` object of `scan --format json`: what every figure assumed, and where each value came from. */
export interface ScanAssumptions {
  callsPerDay: AssumedSetting<number>;
  dynamicPartTokens: AssumedSetting<number>;
  historyTokens: AssumedSetting<number>;
  expectedOutputTokens: AssumedSetting<number>;
  reasoningTokens: AssumedSetting<CostSettings['reasoningTokens']>;
  /** Per priced or unpriced call: its calls per day and where that number came from. */
  perCall: { file: string; line: number; callsPerDay: number; source: CostedCall['callsPerDaySource'] }[];
}

const uses = (calls: readonly CostedCall[], key: AssumptionKey): number =>
  calls.filter((c) => c.assumptions.some((a) => a.key === key)).length;

export function scanAssumptions(
  settings: CostSettings,
  sources: SettingSources,
  calls: readonly CostedCall[],
): ScanAssumptions {
  const of = <K extends CountSetting>(key: K): AssumedSetting<number> => ({
    value: settings[key],
    source: sources[key] ?? 'default',
    setting: settingKeys[key],
    flag: `--${costFlags[key]}`,
    calls: key === 'callsPerDay' ? calls.filter((c) => c.callsPerDaySource !== 'annotation').length : uses(calls, key),
  });
  return {
    callsPerDay: of('callsPerDay'),
    dynamicPartTokens: of('dynamicPartTokens'),
    historyTokens: of('historyTokens'),
    expectedOutputTokens: of('expectedOutputTokens'),
    reasoningTokens: {
      value: settings.reasoningTokens,
      source: sources.reasoningTokens ?? 'default',
      setting: settingKeys.reasoningTokens,
      calls: uses(calls, 'reasoningTokens'),
    },
    perCall: calls.map((c) => ({
      file: c.file,
      line: c.line,
      callsPerDay: c.callsPerDay,
      source: c.callsPerDaySource,
    })),
  };
}

const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The table's closing line: each assumption with its value and origin, and the flags that change them. */
export function assumptionsLine(assumed: ScanAssumptions): string {
  const annotated = assumed.perCall.filter((c) => c.source === 'annotation').length;
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
  const flags = Object.values(costFlags).map((f) => `--${f}`);
  return `Assumed: ${parts.join(', ')}. Change with ${flags.join(', ')}.`;
}
