import { entryFor, insertEntry, quoteFor, stringLiteral } from './edits';
import { modelNamed } from './facts';
import { formatMonthly, monthlySaving, volume } from './money';
import { cacheMinimum, prefixTokens, tokensText } from './prefix';
import type { CallContext, Fix, Rule, RuleResult, TextEdit } from './types';

/** `{"type": "ephemeral"}` / `{ type: 'ephemeral' }` in the file's style. */
function ephemeral(context: CallContext): string {
  const quote = quoteFor(context.text, context.languageId, context.call.range);
  return context.languageId === 'python'
    ? `{${stringLiteral('type', quote)}: ${stringLiteral('ephemeral', quote)}}`
    : `{ type: ${stringLiteral('ephemeral', quote)} }`;
}

/**
 * The marker on the system prompt: on the last static block of a list of blocks (before any dynamic one), or a
 * string prompt turned into one text block carrying it (the string's own literal or constant kept as the text).
 */
function markSystem(context: CallContext): TextEdit[] | null {
  const { call, text, languageId } = context;
  const marker = ephemeral(context);
  const blocks = call.sites.systemBlocks;
  if (blocks) {
    const firstDynamic = blocks.findIndex((b) => !b.static);
    const candidates = firstDynamic < 0 ? blocks : blocks.slice(0, firstDynamic);
    const last = candidates[candidates.length - 1];
    if (!last || blocks.some((b) => b.cached)) return null;
    return insertEntry(
      text,
      languageId,
      last.options,
      entryFor(text, languageId, last.options, 'cache_control', marker),
    );
  }
  const site = call.sites.system;
  if (!site || call.systemPrompt.kind === 'dynamic' || call.systemPrompt.kind === 'none') return null;
  const quote = quoteFor(text, languageId, call.range);
  const key = (name: string) => (languageId === 'python' ? stringLiteral(name, quote) : name);
  const value = text.slice(site.value.start, site.value.end);
  const block =
    languageId === 'python'
      ? `[{${key('type')}: ${stringLiteral('text', quote)}, ${key('text')}: ${value}, ${key('cache_control')}: ${marker}}]`
      : `[{ type: ${stringLiteral('text', quote)}, text: ${value}, cache_control: ${marker} }]`;
  return [{ start: site.value.start, end: site.value.end, newText: block }];
}

export const cacheablePromptNotCached: Rule = {
  code: 'cacheable-prompt-not-cached',
  defaultSeverity: 'warning',
  title: 'A cacheable prompt prefix is sent uncached',
  help: "Anthropic caches a prompt prefix only where a cache_control marker says so. A static prefix at least the model's minimum cacheable size, sent without one, is billed at the full input price on every call; cached reads cost a tenth. The fix puts the marker on the system prompt: a string becomes one text block carrying cache_control, or the marker goes on the last static block of an existing list.",
  fixable: 'safe',
  check(context: CallContext): RuleResult | null {
    const { call, entry, cost } = context;
    if (call.sdk !== 'anthropic' || call.caching.explicit || !entry || entry.caching.kind !== 'explicit') return null;
    const minimum = cacheMinimum(entry);
    if (minimum === null) return null;
    const segments = [...call.systemPrompt.segments, ...call.messages.flatMap((m) => m.segments)];
    const prefix = prefixTokens(segments, entry, context.count);
    if (prefix.prefix < minimum) return null;
    const cached = context.estimate({ ...call, caching: { explicit: true, ttl: null, markers: [] } });
    const saving = monthlySaving(cost, cached);
    const edits =
      prefixTokens(call.systemPrompt.segments, entry, context.count).prefix >= minimum ? markSystem(context) : null;
    const fixes: Fix[] = edits
      ? [{ title: 'Cache the system prompt (cache_control: ephemeral)', edits, safe: true, preferred: true }]
      : [];
    const gain =
      saving !== null && saving > 0
        ? `: caching it saves ${formatMonthly(saving)}/month at ${volume(cost)}`
        : ': caching it would bill reads at a tenth of the input price';
    return {
      message: `A static prefix of ${tokensText(prefix.prefix, prefix.exact)} tokens is sent uncached on every call (${modelNamed(call, entry)} caches from ${minimum.toLocaleString('en-US')} tokens with cache_control)${gain}`,
      range: call.sites.system?.value,
      fixes,
      ...(saving !== null && saving > 0 ? { monthlySavingUsd: saving } : {}),
    };
  },
};
