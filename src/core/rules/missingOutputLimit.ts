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
    const { call, entry, cost } = context;
    if (call.outputLimit || !call.sites.complete || returnsNoText(call.api) || entry?.mode === 'embedding') return null;
    if (!entry && noOutputModel.test(call.model ?? '')) return null;
    // An image or video model's answer is not text an output-token limit sizes (khoj's Gemini image call).
    if (!entry && /^an? (image|video) model$/.test(unpricedKind(call.model ?? '') ?? '')) return null;
    if (defaultedByWrapper(context)) return null;
    // The limit is written but comes to nothing: a literal None / null the fix replaces, or a name (a wrapper's
    // parameter defaulting to None) its callers may well set.
    const given = call.sites.outputLimit;
    if (given && !/^(None|null|undefined)$/.test(context.text.slice(given.value.start, given.value.end))) return null;
    const python = context.languageId === 'python';
    const place = limitPlace(call, entry, context.text, context.project, python);
    const { value, task, forReasoning } = sizedLimit(context, mayReason(entry, place, call));
    const fixes: Fix[] = [];
    let saving: number | null = null;
    if (place) {
      // Never a second entry of the same name: Python would not compile it, JavaScript would drop the first.
      const edits = given
        ? [{ start: given.value.start, end: given.value.end, newText: String(value) }]
        : limitEdits(context, place, value);
      if (edits) {
        const name = given?.name ?? place.name;
        const written = context.languageId === 'python' ? `${name}=${value}` : `${name}: ${value}`;
        fixes.push({
          title: `${given ? 'Set' : 'Add'} ${written} (sized for ${aTask(task)}${forReasoning ? ' and the reasoning before it' : ''})`,
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
      : `No output limit: ${worst}${capped}`;
    return {
      message,
      severity: rejected ? 'error' : undefined,
      fixes,
      ...(saving !== null && saving > 0 ? { monthlySavingUsd: saving } : {}),
    };
  },
};
