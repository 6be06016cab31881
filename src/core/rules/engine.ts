import { lineStarts } from '../analysis/lines';
import type { CallRecord, LanguageId, TextRange } from '../analysis/types';
import { estimateCallCost, type CallCost, type CostSettings } from '../cost';
import { resolveHintOf, resolveModel } from '../pricing/resolve';
import type { ModelEntry, PriceTable } from '../pricing/types';
import { ignoreDirective, ignoredAt, silences } from './ignore';
import { unknownProject, type ProjectInfo } from './project';
import type { CountOptions } from '../tokens/count';
import { rules } from './registry';
import { defaultRuleSettings, type RuleSettings } from './settings';
import type { CallContext, Finding, RuleCode, RuleResult } from './types';

export interface RuleInput {
  text: string;
  languageId: LanguageId;
  calls: readonly CallRecord[];
  /** The calls' costs in the same order, when the caller has them (the editor does); computed otherwise. */
  costs?: readonly CallCost[];
  table: PriceTable;
  costSettings: CostSettings;
  settings?: RuleSettings;
  project?: ProjectInfo;
  /** Run only these rules (`llm-cost-lens fix --rule`). */
  only?: readonly RuleCode[];
  /** How tokens are counted (the editor: estimates while a tokenizer table loads). */
  count?: CountOptions;
  /**
   * Told when a rule throws on a call: that rule reports nothing there and the others carry on. Without it the
   * error propagates (tests want to see it).
   */
  onRuleError?: (code: RuleCode, call: CallRecord, error: unknown) => void;
}

/** The method-name token of a call (`create` in `.create(`), from its 1-based line and column. */
function nameRange(text: string, starts: number[], call: CallRecord): TextRange {
  const start = (starts[call.line - 1] ?? 0) + call.column - 1;
  const name = /^[\w$]+/.exec(text.slice(start, start + 200))?.[0] ?? '';
  return name ? { start, end: start + name.length } : call.range;
}

function entryOf(call: CallRecord, table: PriceTable): ModelEntry | null {
  if (!call.model) return null;
  const resolution = resolveModel(call.model, table, resolveHintOf(call));
  return resolution.unknown ? null : resolution.entry;
}

/**
 * Runs every rule on every call of one file. A rule turned off in the settings, left out by `only`, or named by
 * an `llm-cost-lens-ignore` comment on or above the call reports nothing; the others report with the severity
 * the settings give, else their own. Findings come in text order.
 */
export function findIssues(input: RuleInput): Finding[] {
  const settings = input.settings ?? defaultRuleSettings;
  const project = input.project ?? unknownProject;
  const active = rules.filter(
    (rule) => settings.severity[rule.code] !== 'off' && (!input.only || input.only.includes(rule.code)),
  );
  if (active.length === 0 || input.calls.length === 0) return [];
  // Line starts only for a finding without its own range; ignore comments only where the text has one.
  let starts: number[] | undefined;
  const mayIgnore = input.text.includes(ignoreDirective);
  const estimate = (call: CallRecord): CallCost =>
    estimateCallCost(call, { table: input.table, settings: input.costSettings, count: input.count });
  const found: Finding[] = [];
  input.calls.forEach((call, index) => {
    const ignored = mayIgnore ? ignoredAt(input.text, call.range) : null;
    const context: CallContext = {
      call,
      text: input.text,
      languageId: input.languageId,
      calls: input.calls,
      cost: input.costs?.[index] ?? estimate(call),
      entry: entryOf(call, input.table),
      table: input.table,
      costSettings: input.costSettings,
      settings,
      project,
      count: input.count,
      estimate,
    };
    for (const rule of active) {
      if (silences(ignored, rule.code)) continue;
      let result: RuleResult | null;
      try {
        result = rule.check(context);
      } catch (error) {
        if (!input.onRuleError) throw error;
        input.onRuleError(rule.code, call, error);
        continue;
      }
      if (!result) continue;
      const configured = settings.severity[rule.code];
      found.push({
        code: rule.code,
        severity: configured && configured !== 'off' ? configured : (result.severity ?? rule.defaultSeverity),
        file: call.file,
        line: call.line,
        column: call.column,
        ...(call.cell !== undefined ? { cell: call.cell } : {}),
        range: result.range ?? nameRange(input.text, (starts ??= lineStarts(input.text)), call),
        message: result.message,
        fixes: result.fixes ?? [],
        ...(result.advice ? { advice: result.advice } : {}),
        ...(result.monthlySavingUsd !== undefined ? { monthlySavingUsd: result.monthlySavingUsd } : {}),
      });
    }
  });
  return found.sort((a, b) => a.range.start - b.range.start || a.line - b.line);
}
