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
