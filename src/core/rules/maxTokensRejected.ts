import { renameKey } from './edits';
import { isReasoning, modelNamed } from './facts';
import { isChatCompletions } from './limitParameter';
import { perCallAndMonth } from './money';
import type { CallContext, Fix, Rule, RuleResult } from './types';

export const maxTokensRejected: Rule = {
  code: 'max-tokens-rejected',
  defaultSeverity: 'error',
  title: 'max_tokens on an OpenAI reasoning model in Chat Completions',
  help: "OpenAI reasoning models (the o-series, the GPT-5 family) answer HTTP 400 unsupported_parameter to max_tokens in Chat Completions: the limit is max_completion_tokens, which counts reasoning tokens too. The fix renames the parameter. Reasoning models are known by the price table's flag, so gateway names such as azure/gpt-5 match too.",
  fixable: 'safe',
  check(context: CallContext): RuleResult | null {
    const { call, entry } = context;
    const site = call.sites.outputLimit;
    if (call.sdk !== 'openai' || !isChatCompletions(call) || site?.name !== 'max_tokens') return null;
    if (entry?.provider !== 'openai' || !isReasoning(entry)) return null;
    const rename = renameKey(context.text, site, 'max_completion_tokens');
    const fixes: Fix[] = rename
      ? [{ title: 'Rename max_tokens to max_completion_tokens', edits: [rename], safe: true, preferred: true }]
      : [];
    const money = perCallAndMonth(context.cost, 'expected');
    return {
      message: `${modelNamed(call, entry)} rejects max_tokens in Chat Completions (HTTP 400 unsupported_parameter): every call fails${money ? ` (${money} once it runs)` : ''}; use max_completion_tokens`,
      range: site.key ?? site.entry,
      fixes,
    };
  },
};
