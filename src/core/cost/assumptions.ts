import type { SettingSource } from './settings';

/** What a figure assumed, for surfaces to list generically (the hover, the CLI's JSON and footer). */
export type AssumptionKey =
  | 'callsPerDay'
  | 'dynamicPartTokens'
  | 'historyTokens'
  | 'expectedOutputTokens'
  | 'reasoningTokens'
  | 'worstCaseOutput'
  | 'batchRequests'
  | 'cacheWriteShare';

/**
 * Where an assumed value came from: a comment above the call, a setting (or the CLI flag standing for it), the
 * setting's default, the code itself, or the price table (the model's limits).
 */
export type AssumptionSource = 'annotation' | SettingSource | 'code' | 'model';

export interface Assumption {
  key: AssumptionKey;
  /** What was assumed, in words: "calls a day", "tokens per dynamic part (×2)". */
  label: string;
  /** The value assumed; null when unknown (a worst case the model's limits cannot give). */
  value: number | null;
  source: AssumptionSource;
  /** The setting that changes it (`llmCostLens.historyTokens`), for a link; absent when no setting does. */
  setting?: string;
}
