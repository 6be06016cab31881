/** Reasoning effort levels as the APIs name them (`reasoning_effort`, `reasoning.effort`). */
export type ReasoningEffort = 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

export const reasoningEfforts: readonly ReasoningEffort[] = ['minimal', 'low', 'medium', 'high', 'xhigh'];

/** The cost settings' defaults: the one place the editor settings, the CLI and the tests take them from. */
export interface CostSettings {
  /** Calls per day when no `llm-cost-lens: N/day` annotation sits above the call. */
  callsPerDay: number;
  /** Tokens assumed for each dynamic part of a prompt (a variable, user input). */
  dynamicPartTokens: number;
  /** Tokens assumed for a conversation sent whole (`messages=history`, `*history`). */
  historyTokens: number;
  /** Visible output tokens of a typical answer: the expected case. */
  expectedOutputTokens: number;
  /** Reasoning tokens a reasoning model spends per answer, by effort level (billed as output). */
  reasoningTokens: Record<ReasoningEffort, number>;
}

/** Where a setting's value came from: shown beside every figure that used it. */
export type SettingSource = 'setting' | 'flag' | 'default';

export type SettingSources = Partial<Record<keyof CostSettings, SettingSource>>;

/**
 * Reasoning defaults: rough per-answer figures for short tasks, from providers' usage reports (OpenAI's
 * `reasoning_tokens`, Gemini's `thoughts_token_count`) — a few hundred at minimal effort, a few thousand at
 * medium, several thousand at high. Measure your own and set them.
 */
export const defaultCostSettings: Readonly<CostSettings> = {
  callsPerDay: 1000,
  dynamicPartTokens: 200,
  historyTokens: 2000,
  expectedOutputTokens: 500,
  reasoningTokens: { minimal: 250, low: 1000, medium: 2500, high: 6000, xhigh: 12000 },
};

/** The setting each figure comes from, as the editor names it. */
export const settingKeys: Readonly<Record<keyof CostSettings, string>> = {
  callsPerDay: 'llmCostLens.callsPerDay',
  dynamicPartTokens: 'llmCostLens.dynamicPartTokens',
  historyTokens: 'llmCostLens.historyTokens',
  expectedOutputTokens: 'llmCostLens.expectedOutputTokens',
  reasoningTokens: 'llmCostLens.reasoningTokens',
};

/** Per month = per day × 30. */
export const daysPerMonth = 30;

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

function validateReasoning(value: unknown, problems: string[]): CostSettings['reasoningTokens'] {
  const levels = { ...defaultCostSettings.reasoningTokens };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`reasoningTokens: expected an object of tokens per effort level, not ${JSON.stringify(value)}`);
    return levels;
  }
  for (const [level, tokens] of Object.entries(value)) {
    if (!(reasoningEfforts as readonly string[]).includes(level)) {
      problems.push(`reasoningTokens.${level}: not an effort level (${reasoningEfforts.join(', ')})`);
    } else if (!isCount(tokens)) {
      problems.push(
        `reasoningTokens.${level}: expected a non-negative number, not ${JSON.stringify(tokens)}; using ${levels[level as ReasoningEffort]}`,
      );
    } else levels[level as ReasoningEffort] = tokens;
  }
  return levels;
}

/**
 * Validates raw setting values (from the editor or a config file): each bad value is named and replaced by
 * its default, the others are kept.
 */
export function validateCostSettings(raw: Partial<Record<keyof CostSettings, unknown>>): {
  settings: CostSettings;
  problems: string[];
} {
  const settings: CostSettings = {
    ...defaultCostSettings,
    reasoningTokens: { ...defaultCostSettings.reasoningTokens },
  };
  const problems: string[] = [];
  for (const key of Object.keys(defaultCostSettings) as (keyof CostSettings)[]) {
    const value = raw[key];
    if (value === undefined || value === null) continue;
    if (key === 'reasoningTokens') settings.reasoningTokens = validateReasoning(value, problems);
    else if (isCount(value)) settings[key] = value;
    else
      problems.push(
        `${key}: expected a non-negative number, not ${JSON.stringify(value)}; using ${defaultCostSettings[key]}`,
      );
  }
  return { settings, problems };
}
