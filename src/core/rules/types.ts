import type { CallRecord, LanguageId, TextRange } from '../analysis/types';
import type { CallCost, CostSettings } from '../cost';
import type { ModelEntry, PriceTable } from '../pricing/types';
import type { CountOptions } from '../tokens/count';
import type { ProjectInfo } from './project';
import type { RuleSettings } from './settings';

/**
 * Findings: plain data about a call that costs more than it needs to (or fails), with the money at the
 * configured volume and fixes as text edits. The editor turns them into diagnostics and code actions, the CLI
 * prints and applies them, SARIF reads the same data with the rule metadata of the registry.
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const severities: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export const ruleCodes = [
  'missing-output-limit',
  'max-tokens-rejected',
  'reasoning-starves-output',
  'cacheable-prompt-not-cached',
  'cache-below-minimum',
  'cache-breaking-prefix',
  'too-many-cache-breakpoints',
  'premium-model-for-simple-task',
  'batch-candidate',
  'growing-history',
  'unknown-model',
] as const;

export type RuleCode = (typeof ruleCodes)[number];

export function isRuleCode(code: string): code is RuleCode {
  return (ruleCodes as readonly string[]).includes(code);
}

/** Replace [start, end) of the text (UTF-16 offsets) with `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  /** Non-overlapping edits of the one file, applied together. */
  edits: TextEdit[];
  /**
   * Applied by fix-all and `llm-cost-lens fix`: the code keeps asking for what it asked for, only valid or
   * cheaper. A choice the author must make (another model, a closest name) is offered but never applied unasked.
   */
  safe: boolean;
  /** The fix to pick when there are several. */
  preferred?: boolean;
}

/** What to do when no edit can do it (the batch API, windowing a history): shown on request. */
export interface Advice {
  title: string;
  /** Markdown. */
  text: string;
}

export interface Finding {
  code: RuleCode;
  severity: Severity;
  file: string;
  /** 1-based line and column of the call's method-name token, like the call records. */
  line: number;
  column: number;
  /** In a notebook: the cell (1-based) the call is in; `line`, `range` and edits are then within that cell. */
  cell?: number;
  /** What the diagnostic marks: the parameter, the prompt part or the method name. */
  range: TextRange;
  message: string;
  fixes: Fix[];
  advice?: Advice;
  /** The money acting on the finding saves per month, when that is a figure (for sorting and reports). */
  monthlySavingUsd?: number;
}

/** What the registry says about a rule: for documentation, settings, SARIF. */
export interface RuleMeta {
  code: RuleCode;
  defaultSeverity: Severity;
  /** One line. */
  title: string;
  /** Why it matters and what the fix does, a paragraph. */
  help: string;
  /** Whether fixes are edits applied by fix-all (`safe`), offered only (`suggestion`) or absent (`none`). */
  fixable: 'safe' | 'suggestion' | 'none';
}

/** What a rule reports about one call; the engine adds the code, severity, file and position. */
export interface RuleResult {
  message: string;
  /** Defaults to the method name of the call. */
  range?: TextRange;
  /** Overrides the default severity (an Anthropic call without a limit is an error: the API rejects it). */
  severity?: Severity;
  fixes?: Fix[];
  advice?: Advice;
  monthlySavingUsd?: number;
}

export interface Rule extends RuleMeta {
  check(context: CallContext): RuleResult | null;
}

/** Everything a rule may read about one call. */
export interface CallContext {
  call: CallRecord;
  text: string;
  languageId: LanguageId;
  /** Every call of the file (a fix on a shared constant must know who else reads it). */
  calls: readonly CallRecord[];
  cost: CallCost;
  /** The price-table entry of the call's model; null when unknown. */
  entry: ModelEntry | null;
  table: PriceTable;
  costSettings: CostSettings;
  settings: RuleSettings;
  project: ProjectInfo;
  /** How tokens are counted (the editor estimates while a tokenizer table loads). */
  count?: CountOptions;
  /** The cost of a changed call (what a fix would make it cost), with the same table and settings. */
  estimate(call: CallRecord): CallCost;
}
