import { describeSource } from '../pricing/describe';
import type { ModelEntry, Price, PriceKind, PriceSet, PriceTable } from '../pricing/types';
import { formatRate, formatTokens, formatUsd } from './format';

export interface TokenUsage {
  /** Uncached input tokens. */
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite5m?: number;
  cacheWrite1h?: number;
  /** Sent through a batch API. */
  batch?: boolean;
}

export type UsagePart = 'input' | 'output' | 'cacheRead' | 'cacheWrite5m' | 'cacheWrite1h';

export interface PricedPart {
  part: UsagePart;
  tokens: number;
  usdPerMTok: number;
  usd: number;
  /** How the figure was computed, in words. */
  how: string;
  /** Source and date of the price. */
  source: string;
}

export interface PricedUsage {
  totalUsd: number;
  parts: PricedPart[];
  /** Set when a long-context tier applied: its threshold in prompt tokens. */
  tierAbove: number | null;
  notes: string[];
}

export const usagePartLabels: Record<UsagePart, string> = {
  input: 'input',
  output: 'output',
  cacheRead: 'cache read',
  cacheWrite5m: 'cache write, 5 min',
  cacheWrite1h: 'cache write, 1 h',
};

/** The parts of a usage in the order they are priced and listed. */
const partOrder: readonly UsagePart[] = ['input', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h', 'output'];

/** The tier in force for a prompt of `promptTokens` (whole request billed at the higher rate), if any. */
function tierFor(entry: ModelEntry, promptTokens: number): { above: number; prices: PriceSet } | null {
  let found: { above: number; prices: PriceSet } | null = null;
  for (const tier of entry.tiers) if (promptTokens > tier.above && (!found || tier.above > found.above)) found = tier;
  return found;
}

/**
 * Prices token counts with one model's entry. Batch prices replace input and output, and the batch discount
 * stacks on cache prices (the same ratio). Prompts above a long-context threshold use that tier's prices.
 */
export function priceTokens(entry: ModelEntry, usage: TokenUsage, table: PriceTable): PricedUsage {
  const notes: string[] = [];
  const promptTokens = usage.input + (usage.cacheRead ?? 0) + (usage.cacheWrite5m ?? 0) + (usage.cacheWrite1h ?? 0);
  const tier = tierFor(entry, promptTokens);
  const prices: PriceSet = tier ? { ...entry.prices, ...tier.prices } : entry.prices;
  if (tier)
    notes.push(
      `prompt of ${formatTokens(promptTokens)} tokens is above ${formatTokens(tier.above)}: long-context prices`,
    );
  const input = prices.input ?? entry.prices.input;
  let batchFactor = 1;
  if (usage.batch) {
    if (prices.batchInput) batchFactor = prices.batchInput.usd / input.usd;
    else notes.push(`no batch price for ${entry.id}: standard prices used`);
  }
  const priceOf = (part: UsagePart): { price: Price; factor: number; how: string } => {
    if (part === 'input') {
      return usage.batch && prices.batchInput
        ? { price: prices.batchInput, factor: 1, how: 'batch input' }
        : { price: input, factor: 1, how: 'input' };
    }
    if (part === 'output') {
      if (usage.batch && prices.batchOutput) return { price: prices.batchOutput, factor: 1, how: 'batch output' };
      if (prices.output) return { price: prices.output, factor: 1, how: 'output' };
      return { price: { usd: 0, src: input.src }, factor: 1, how: 'no output price (embedding model)' };
    }
    const own = prices[part as PriceKind];
    const batchNote = batchFactor !== 1 ? ' with the batch discount' : '';
    if (own) return { price: own, factor: batchFactor, how: `${usagePartLabels[part]}${batchNote}` };
    const fallback =
      part === 'cacheRead'
        ? 'no cached-input discount listed: input price'
        : 'no cache-write surcharge listed: input price';
    return { price: input, factor: batchFactor, how: `${fallback}${batchNote}` };
  };
  const parts: PricedPart[] = [];
  // An index loop over a constant list: this runs for every part of every call of a workspace, mostly cold.
  for (let index = 0; index < partOrder.length; index++) {
    const part = partOrder[index] as UsagePart;
    const tokens = usage[part];
    if (tokens === undefined || (tokens === 0 && part !== 'input' && part !== 'output')) continue;
    const { price, factor, how } = priceOf(part);
    const usdPerMTok = price.usd * factor;
    const usd = (tokens * usdPerMTok) / 1e6;
    parts.push({
      part,
      tokens,
      usdPerMTok,
      usd,
      how: `${formatTokens(tokens)} tokens × ${formatRate(usdPerMTok)} (${how}) = ${formatUsd(usd)}`,
      source: describeSource(price, table),
    });
  }
  return { totalUsd: parts.reduce((sum, p) => sum + p.usd, 0), parts, tierAbove: tier?.above ?? null, notes };
}
