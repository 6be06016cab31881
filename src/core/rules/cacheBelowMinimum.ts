import { removeEntry, within } from './edits';
import { modelNamed } from './facts';
import { formatMonthly, perMonth, volume } from './money';
import { cacheMinimum, prefixTokens, tokensText } from './prefix';
import type { CallContext, Fix, Rule, RuleResult } from './types';

export const cacheBelowMinimum: Rule = {
  code: 'cache-below-minimum',
  defaultSeverity: 'warning',
  title: 'cache_control on a prefix below the minimum cacheable size',
  help: "A prefix shorter than the model's minimum is never cached, whatever cache_control says: nothing is ever read from the cache, and the marker only suggests a saving that does not happen. Grow the cached prefix past the minimum (tools and instructions that are sent anyway) or remove the marker.",
  fixable: 'suggestion',
  check(context: CallContext): RuleResult | null {
    const { call, entry, cost } = context;
    if (!call.caching.explicit || !entry || entry.caching.kind !== 'explicit') return null;
    const minimum = cacheMinimum(entry);
    if (minimum === null) return null;
    // Only when the whole request is known: a history or document passed in may carry the prefix past it.
    const all = prefixTokens(
      [...call.systemPrompt.segments, ...call.messages.flatMap((m) => m.segments)],
      entry,
      context.count,
    );
    if (all.dynamicParts > 0 || call.messages.length === 0 || all.prefix >= minimum) return null;
    const inCall = call.caching.markers.every((m) => within(call.range, m));
    const fixes: Fix[] =
      inCall && call.caching.markers.length > 0
        ? [
            {
              title: 'Remove cache_control (the prefix is too short to be cached)',
              edits: call.caching.markers.map((m) => removeEntry(context.text, m)),
              safe: false,
            },
          ]
        : [];
    const input = cost.breakdown.find((line) => line.part === 'input');
    const billed =
      cost.monthlyUsd && input
        ? `; all ${formatMonthly(perMonth(input.usd, cost))}/month of input at ${volume(cost)} is billed in full`
        : '';
    return {
      message: `cache_control on a ${tokensText(all.prefix, all.exact)}-token prompt, below ${modelNamed(call, entry)}'s minimum cacheable prefix of ${minimum.toLocaleString('en-US')} tokens: nothing is ever cached or read${billed}`,
      range: call.caching.markers[0],
      fixes,
    };
  },
};
