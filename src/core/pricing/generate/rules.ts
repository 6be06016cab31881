import type { DraftModel } from './draft';
import { roundUsd } from './draft';
import { tokenizerFamilyFor } from '../../tokens/family';
import { parseModelName } from '../names';
import type { ModelCapabilities, ModelEntry, ModelTier, Price, PriceSet, PromptCachingInfo } from '../types';

/** Source keys of prices derived by a provider rule rather than read from a table. */
export const ruleSources = {
  anthropicCache: {
    name: 'Anthropic prompt-caching rule',
    url: 'https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching',
    note: '5-minute cache write 1.25x input, 1-hour write 2x input, read 0.1x input',
  },
  batchHalf: {
    name: 'Batch API rule',
    note: 'batch requests cost 50% of input and output (OpenAI, Anthropic, Google) where no batch price is listed',
  },
  openaiCache: {
    name: 'OpenAI automatic prompt-caching rule',
    url: 'https://platform.openai.com/docs/guides/prompt-caching',
    note: 'cached input discount by family: 50% gpt-4o / 4o-mini / o1 / o3-mini, 75% gpt-4.1 / o3 / o4-mini, 90% gpt-5.x',
  },
} as const;

export type RuleSourceKey = keyof typeof ruleSources;

const derived = (base: Price, factor: number, src: RuleSourceKey): Price => ({ usd: roundUsd(base.usd * factor), src });

/** Claude's minimum cacheable prefix, per model (provider docs, Aug 2026); older tables say 1,024/2,048. */
function claudeCacheMinimum(id: string): number {
  if (/(opus|fable|mythos)-5/.test(id)) return 512;
  if (/opus-4-7|haiku-3-5|3-5-haiku/.test(id)) return 2048;
  if (/opus-4-6|opus-4-5|haiku-4-5/.test(id)) return 4096;
  if (/claude-3-haiku/.test(id)) return 2048;
  return 1024;
}

/** OpenAI's cached-input discount per family; null where there is none (Pro models). */
export function openAiCacheDiscount(id: string): number | null {
  if (/-pro\b|-pro-/.test(id)) return null;
  // OpenAI lists no cached-input price for the first GPT-4o snapshot.
  if (id === 'gpt-4o-2024-05-13') return null;
  if (/^gpt-5/.test(id)) return 0.9;
  if (/^(gpt-4\.1|o3(?!-mini)|o4-mini)/.test(id)) return 0.75;
  if (/^(gpt-4o|o1|o3-mini)/.test(id)) return 0.5;
  return null;
}

function cachingInfo(draft: DraftModel, prices: PriceSet): PromptCachingInfo {
  if (draft.mode === 'embedding') return { kind: 'none', minTokens: null };
  if (draft.provider === 'anthropic') return { kind: 'explicit', minTokens: claudeCacheMinimum(draft.id) };
  // Bedrock caches only at `cachePoint` blocks, which the analysis does not read: priced uncached.
  if (!prices.cacheRead || draft.provider === 'bedrock') return { kind: 'none', minTokens: null };
  if (draft.provider === 'openai') return { kind: 'automatic', minTokens: 1024 };
  return { kind: 'automatic', minTokens: draft.cacheMinTokens };
}

/** Tier by output price per 1M tokens (input for embeddings): what "a cheaper model" compares. */
function tierOf(draft: DraftModel, prices: PriceSet): ModelTier {
  const usd = draft.mode === 'embedding' ? 0 : (prices.output?.usd ?? prices.input?.usd ?? 0);
  if (usd <= 5) return 'budget';
  if (usd <= 15) return 'standard';
  if (usd <= 40) return 'premium';
  return 'frontier';
}

function applyPriceRules(draft: DraftModel, prices: PriceSet): void {
  const input = prices.input;
  if (!input) return;
  if (draft.provider === 'anthropic') {
    prices.cacheRead ??= derived(input, 0.1, 'anthropicCache');
    prices.cacheWrite5m ??= derived(input, 1.25, 'anthropicCache');
    prices.cacheWrite1h ??= derived(input, 2, 'anthropicCache');
  }
  if (draft.provider === 'openai' && !prices.cacheRead && draft.mode === 'chat') {
    const discount = openAiCacheDiscount(draft.id);
    if (discount !== null) prices.cacheRead = derived(input, 1 - discount, 'openaiCache');
  }
  if (draft.provider === 'openai' || draft.provider === 'anthropic' || draft.provider === 'google') {
    prices.batchInput ??= derived(input, 0.5, 'batchHalf');
    if (prices.output) prices.batchOutput ??= derived(prices.output, 0.5, 'batchHalf');
  }
}

/**
 * Models that reason by design, for when no source states the flag (LiteLLM leaves it out for grok-4 and
 * some snapshots): OpenAI o-series and GPT-5 (not the `-chat` ones), DeepSeek R1, Grok 3 mini and Grok 4
 * (not `-non-reasoning`), Magistral, Gemini 2.5 and later, Claude 3.7 and later (extended thinking).
 */
export function reasonsByName(id: string): boolean {
  // A host's name (`accounts/fireworks/models/deepseek-r1`, `us.deepseek.r1-v1:0`) is read without its path.
  const bare = parseModelName(id).bare;
  if (/chat|non-reasoning|embed|gemma/.test(bare)) return false;
  return /^(o1|o3|o4|gpt-5|deepseek-reasoner|deepseek-r1|grok-3-mini|grok-4|magistral|gemini-(2\.5|[3-9])|claude-(3-7|3\.7|sonnet-[4-9]|opus-[4-9]|haiku-[4-9]|fable|mythos))/.test(
    bare,
  );
}

function capabilitiesOf(draft: DraftModel): ModelCapabilities {
  if (draft.mode === 'embedding') return { vision: false, tools: false, structuredOutput: false, reasoning: false };
  const stated = draft.capabilities;
  return {
    vision: stated.vision ?? null,
    tools: stated.tools ?? null,
    structuredOutput: stated.structuredOutput ?? null,
    reasoning: stated.reasoning ?? (reasonsByName(draft.id) ? true : null),
  };
}

/** Turns a merged draft into a table entry: provider rules fill missing cache and batch prices. */
export function finishEntry(draft: DraftModel): ModelEntry | null {
  const prices: PriceSet = { ...draft.prices };
  applyPriceRules(draft, prices);
  const tiers = draft.tiers.map((tier) => {
    const set: PriceSet = { ...tier.prices };
    applyPriceRules(draft, set);
    return { above: tier.above, prices: set };
  });
  const input = prices.input;
  if (!input) return null;
  return {
    id: draft.id,
    provider: draft.provider,
    mode: draft.mode,
    aliases: [...new Set(draft.aliases)].filter((a) => a !== draft.id).sort(),
    prefixes: [...new Set(draft.prefixes)].sort(),
    prices: { ...prices, input },
    tiers,
    contextWindow: draft.contextWindow,
    maxOutputTokens: draft.mode === 'embedding' ? null : draft.maxOutputTokens,
    tokenizer: tokenizerFamilyFor(draft.id),
    tier: tierOf(draft, prices),
    caching: cachingInfo(draft, prices),
    capabilities: capabilitiesOf(draft),
  };
}
