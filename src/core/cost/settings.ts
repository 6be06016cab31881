/** The cost settings' defaults: the one place the editor settings, the CLI and the tests take them from. */
export interface CostSettings {
  /** Calls per day when no `llm-cost-lens: N/day` annotation sits above the call. */
  callsPerDay: number;
  /** Tokens assumed for each dynamic part of a prompt (a variable, user input). */
  dynamicPartTokens: number;
  /** Output tokens of a typical answer: the expected case. */
  expectedOutputTokens: number;
}

export const defaultCostSettings: Readonly<CostSettings> = {
  callsPerDay: 1000,
  dynamicPartTokens: 200,
  expectedOutputTokens: 500,
};

/** Per month = per day × 30. */
export const daysPerMonth = 30;

/**
 * Validates raw setting values (from the editor or a config file): each bad value is named and replaced by
 * its default, the others are kept.
 */
export function validateCostSettings(raw: Partial<Record<keyof CostSettings, unknown>>): {
  settings: CostSettings;
  problems: string[];
} {
  const settings: CostSettings = { ...defaultCostSettings };
  const problems: string[] = [];
  for (const key of Object.keys(defaultCostSettings) as (keyof CostSettings)[]) {
    const value = raw[key];
    if (value === undefined || value === null) continue;
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) settings[key] = value;
    else
      problems.push(
        `${key}: expected a non-negative number, not ${JSON.stringify(value)}; using ${defaultCostSettings[key]}`,
      );
  }
  return { settings, problems };
}
