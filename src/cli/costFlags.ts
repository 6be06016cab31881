import { UsageError } from './command';
import { defaultCostSettings, type CostSettings, type SettingSources } from '../core/cost';

type CountSetting = Exclude<keyof CostSettings, 'reasoningTokens'>;

/** The command-line flag for each cost setting (the CLI's stand-in for the editor setting). */
export const costFlags: Readonly<Record<CountSetting, string>> = {
  callsPerDay: 'calls-per-day',
  dynamicPartTokens: 'dynamic-part-tokens',
  historyTokens: 'history-tokens',
  expectedOutputTokens: 'expected-output-tokens',
};

/** `parseArgs` options for the cost flags. */
export const costFlagOptions = {
  'calls-per-day': { type: 'string' },
  'dynamic-part-tokens': { type: 'string' },
  'history-tokens': { type: 'string' },
  'expected-output-tokens': { type: 'string' },
} as const;

export const costFlagsUsage = `  --calls-per-day <n>           calls per day for monthly figures, unless a call says otherwise with a
                                \`llm-cost-lens: N/day\` comment above it (default ${defaultCostSettings.callsPerDay})
  --dynamic-part-tokens <n>     tokens for each dynamic part of a prompt (default ${defaultCostSettings.dynamicPartTokens})
  --history-tokens <n>          tokens for a conversation sent whole, messages=history (default ${defaultCostSettings.historyTokens})
  --expected-output-tokens <n>  visible output tokens of a typical answer; reasoning models add reasoning
                                tokens by effort (default ${defaultCostSettings.expectedOutputTokens})`;

/**
 * The cost settings the flags give over `base` (the workspace's settings file, else the defaults), each marked
 * `flag`, `setting` or `default`; a bad number is a usage error.
 */
export function costSettingsFromFlags(
  values: Partial<Record<string, string | boolean | string[] | undefined>>,
  base: { settings: CostSettings; sources: SettingSources } = { settings: defaultCostSettings, sources: {} },
): {
  settings: CostSettings;
  sources: SettingSources;
} {
  const settings: CostSettings = { ...base.settings };
  const sources: SettingSources = { reasoningTokens: base.sources.reasoningTokens ?? 'default' };
  for (const [key, flag] of Object.entries(costFlags) as [CountSetting, string][]) {
    const raw = values[flag];
    if (typeof raw !== 'string') {
      sources[key] = base.sources[key] ?? 'default';
      continue;
    }
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n) || n < 0) {
      throw new UsageError(`--${flag} must be a number of at least 0, not '${raw}'`);
    }
    settings[key] = n;
    sources[key] = 'flag';
  }
  return { settings, sources };
}
