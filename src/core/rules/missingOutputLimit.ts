import { formatTokens } from '../cost';
import { modelNamed } from './facts';
import { isEmbeddingApi } from '../sdk';
import { isAnthropicMessages, isBatchJob, limitEdits, limitPlace, mayReason, sizedLimit } from './limitParameter';
import { formatMonthly, monthlySaving, perCallAndMonth } from './money';
import { aTask } from './task';
import { unpricedKind } from '../pricing/unpricedKinds';
import type { CallContext, Fix, Rule, RuleResult } from './types';

/** APIs that return no generated text (embeddings; a batch job, whose requests carry their own limits). */
function returnsNoText(api: string): boolean {
  return isEmbeddingApi(api) || isBatchJob(api);
}
/** Models that return vectors or scores, by name, when the price table does not know them (Bedrock's Titan Embed). */
const noOutputModel = /embed|rerank/i;

/** Wrappers that set a limit of their own when the code sets none (LangChain's ChatAnthropic: 1,024). */
function defaultedByWrapper(context: CallContext): boolean {
  return context.call.sdk === 'langchain' && context.entry?.provider === 'anthropic';
}

export const missingOutputLimit: Rule = {
  code: 'missing-output-limit',
  defaultSeverity: 'warning',
  title: 'No output limit',
  help: "Without an output limit the answer can run to the model's maximum output, and the worst case of every call is that maximum times the output price. Anthropic's Messages API rejects a request without max_tokens. The fix adds the parameter this SDK, API and model take, sized for the task the prompt asks for.",
  fixable: 'safe',
  check(context: CallContext): RuleResult | null {
    const { call, entry } = context;
    // A limit set on one branch only (`model === "gpt-4o" ? 4096 : null`): the other branch's calls have none.
    const unset = call.outputLimit ? call.sites.outputLimit?.unsetBranch : undefined;
    if ((call.outputLimit && !unset) || !call.sites.complete || returnsNoText(call.api) || entry?.mode === 'embedding')
      return null;
    const cost = unset ? context.estimate({ ...call, outputLimit: false, outputLimitValue: null }) : context.cost;
    if (!entry && noOutputModel.test(call.model ?? '')) return null;
    // An image or video model's answer is not text an output-token limit sizes (khoj's Gemini image call).
    if (!entry && /^an? (image|video) model$/.test(unpricedKind(call.model ?? '') ?? '')) return null;
    if (defaultedByWrapper(context)) return null;
    // The limit is written but comes to nothing: a literal None / null the fix replaces, or a name (a wrapper's
    // parameter defaulting to None) its callers may well set.
    const given = call.sites.outputLimit;
    if (given && !unset && !/^(None|null|undefined)$/.test(context.text.slice(given.value.start, given.value.end)))
      return null;
    const replaced = unset ?? given?.value;
    const unsetText = unset ? context.text.slice(unset.start, unset.end) : '';
    const python = context.languageId === 'python';
    const place = limitPlace(call, entry, context.text, context.project, python);
    // A value replaced keeps its name: room for reasoning only where that name counts it.
    const named = place && given ? { ...place, name: given.name } : place;
    const { value, task, forReasoning } = sizedLimit(context, mayReason(entry, named, call));
    const fixes: Fix[] = [];
    let saving: number | null = null;
    if (place) {
      // Never a second entry of the same name: Python would not compile it, JavaScript would drop the first.
      const edits = replaced
        ? [{ start: replaced.start, end: replaced.end, newText: String(value) }]
        : limitEdits(context, place, value);
      if (edits) {
        const name = given?.name ?? place.name;
        const written = context.languageId === 'python' ? `${name}=${value}` : `${name}: ${value}`;
        const sized = `sized for ${aTask(task)}${forReasoning ? ' and the reasoning before it' : ''}`;
        fixes.push({
          title: unset
            ? `Set ${name} to ${value} where it is ${unsetText} (${sized})`
            : `${given ? 'Set' : 'Add'} ${written} (${sized})`,
          edits,
          safe: true,
          preferred: true,
        });
        const limited = context.estimate({
          ...call,
          outputLimit: true,
          outputLimitParam: given?.name ?? place.name,
          outputLimitValue: value,
        });
        saving = monthlySaving(cost, limited, 'worst');
      }
    }
    const rejected = isAnthropicMessages(call);
    const money = perCallAndMonth(cost, 'worst');
    const unbounded = cost.costPerCallUsd !== null && cost.costPerCallUsd.worst === null;
    const worst = money
      ? `worst case ${money}`
      : unbounded
        ? `nothing bounds the answer and ${entry ? modelNamed(call, entry) : 'the model'}'s max output is unknown, so the worst case is unknown`
        : `the answer can run to the model's maximum output (${cost.unknown?.reason ?? 'no price'})`;
    const capped =
      saving !== null && saving > 0
        ? `; a limit of ${formatTokens(value)} lowers that worst case by ${formatMonthly(saving)}/month`
        : '';
    const message = rejected
      ? `No max_tokens: the Anthropic API rejects this call (max_tokens is required); ${worst}${capped}`
      : unset
        ? `No output limit when ${given?.name ?? 'the limit'} is ${unsetText} (one branch of its condition): ${worst}${capped}`
        : `No output limit: ${worst}${capped}`;
    return {
      message,
      severity: rejected ? 'error' : undefined,
      fixes,
      ...(saving !== null && saving > 0 ? { monthlySavingUsd: saving } : {}),
    };
  },
};
