import { cheapestAlternatives } from '../cost';
import { quoteFor, readersOf, replaceStringText, stringLiteral } from './edits';
import { isReasoning, modelNamed, reasoningEffortOf } from './facts';
import { isChatCompletions } from './limitParameter';
import { formatMonthly, volume } from './money';
import { starvedBelow } from './reasoningStarvesOutput';
import { aTask, statedTask } from './task';
import type { CallContext, Fix, Rule, RuleResult, TextEdit } from './types';

/** An output cap this small means a short answer: a label, a number, yes or no. */
const smallCap = 200;
const simpleTasks = new Set(['classification', 'extraction']);

/** The edit that makes the call use `name`: the literal it reads (when no other call reads it), else its value. */
function modelEdit(context: CallContext, name: string): TextEdit | null {
  const site = context.call.sites.model;
  if (!site) return null;
  const literal = site.literal ?? site.value;
  const shared = site.literal !== undefined && readersOf(context.calls, 'model', site.literal) > 1;
  if (!shared) {
    const edit = replaceStringText(context.text, literal, name);
    if (edit) return edit;
  }
  // A constant other calls read stays; this call gets its own literal.
  if (site.where !== 'call' || site.value.start === literal.start) return null;
  const quote = quoteFor(context.text, context.languageId, context.call.range);
  return { start: site.value.start, end: site.value.end, newText: stringLiteral(name, quote) };
}

export const premiumModelForSimpleTask: Rule = {
  code: 'premium-model-for-simple-task',
  defaultSeverity: 'info',
  title: 'A frontier or premium model on a simple task',
  help: 'Classification, extraction and yes/no answers (prompts that say so, an enum schema, a small output cap) rarely need a frontier model. The fixes offer the cheapest models of the same provider (any provider through an aggregator) with the capabilities the call uses and a large enough context, each with its monthly saving. They are never applied unasked: check the answers on your data first.',
  fixable: 'suggestion',
  check(context: CallContext): RuleResult | null {
    const { call, entry, cost } = context;
    if (!entry || entry.mode !== 'chat' || (entry.tier !== 'premium' && entry.tier !== 'frontier')) return null;
    // Only what the prompt or the schema says: a structured answer alone (a judge's verdict) may be hard work.
    const task = statedTask(call);
    const capped = call.outputLimitValue !== null && call.outputLimitValue <= smallCap;
    if (!(task && simpleTasks.has(task)) && !capped) return null;
    const found = cheapestAlternatives(
      call,
      { table: context.table, settings: context.costSettings, count: context.count },
      { count: 10, current: cost },
    );
    // A model that reasons by default would fail on max_tokens in Chat Completions, or spend a small limit thinking.
    const fitting = (id: string): boolean => {
      const candidate = context.table.models.find((m) => m.id === id) ?? null;
      if (isReasoning(candidate) && call.sites.outputLimit?.name === 'max_tokens' && isChatCompletions(call))
        return false;
      const limit = call.outputLimitValue;
      const reasons = reasoningEffortOf(call, candidate, context.costSettings) !== null;
      return !reasons || limit === null || limit >= starvedBelow;
    };
    const alternatives = (found?.alternatives ?? []).filter((a) => fitting(a.id)).slice(0, 3);
    if (alternatives.length === 0) return null;
    const fixes: Fix[] = [];
    for (const alternative of alternatives) {
      const edit = modelEdit(context, alternative.name);
      if (!edit) continue;
      fixes.push({
        title: `Switch to ${alternative.name}: saves ${formatMonthly(alternative.monthlySavingUsd)}/month`,
        edits: [edit],
        safe: false,
      });
    }
    const best = alternatives[0];
    const what = task && simpleTasks.has(task) ? aTask(task) : `answers of at most ${call.outputLimitValue} tokens`;
    return {
      message: `${modelNamed(call, entry)} (${entry.tier}) on ${what}: ${best.name} would cost ${formatMonthly(best.monthlySavingUsd)}/month less at ${volume(cost)}`,
      range: call.sites.model?.where === 'call' ? call.sites.model.value : undefined,
      fixes,
      monthlySavingUsd: best.monthlySavingUsd,
    };
  },
};
