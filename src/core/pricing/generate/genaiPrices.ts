import { roundUsd, isRecord, excludedName, type DraftModel } from './draft';
import type { Price, PriceKind, PriceSet, PriceTier, Provider } from '../types';

/** genai-prices provider ids this product covers. */
const providerIds: Record<string, Provider> = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'google',
  deepseek: 'deepseek',
  mistral: 'mistral',
  'x-ai': 'xai',
};

const fieldKinds: Record<string, PriceKind> = {
  input_mtok: 'input',
  output_mtok: 'output',
  cache_read_mtok: 'cacheRead',
  cache_write_mtok: 'cacheWrite5m',
};

export function looksLikeGenaiPrices(raw: unknown): boolean {
  return Array.isArray(raw) && raw.some((p) => isRecord(p) && Array.isArray(p.models) && typeof p.id === 'string');
}

interface Constraint {
  start_date?: string;
  start_time?: string;
  end_time?: string;
}

function windowHours(constraint: Constraint): number | null {
  if (!constraint.start_time && !constraint.end_time) return null;
  const toHours = (t: string | undefined): number => {
    const [h, m] = (t ?? '00:00').split(':').map(Number);
    return (h ?? 0) + (m ?? 0) / 60;
  };
  const span = toHours(constraint.end_time) - toHours(constraint.start_time);
  return span > 0 ? span : span + 24;
}

/**
 * Picks the prices in force on `asOf` from a dated list. DeepSeek lists off-peak prices first and the standard
 * ones under a time-of-day constraint; the window covering most of the day (standard) is the one to plan with.
 */
function currentPrices(prices: unknown, asOf: string): { prices: Record<string, unknown>; since?: string } | null {
  if (isRecord(prices)) return { prices };
  if (!Array.isArray(prices)) return null;
  const options = prices
    .filter(isRecord)
    .map((p) => ({ prices: p.prices, constraint: (isRecord(p.constraint) ? p.constraint : {}) as Constraint }))
    .filter((p): p is { prices: Record<string, unknown>; constraint: Constraint } => isRecord(p.prices))
    .filter((p) => !p.constraint.start_date || p.constraint.start_date <= asOf);
  if (options.length === 0) return null;
  const latestDate = options.reduce(
    (d, p) => ((p.constraint.start_date ?? '') > d ? (p.constraint.start_date ?? '') : d),
    '',
  );
  const dated = options.filter((p) => (p.constraint.start_date ?? '') === latestDate);
  // An option without a time window covers the hours the others leave.
  const windowed = dated.reduce((sum, p) => sum + (windowHours(p.constraint) ?? 0), 0);
  const hours = (c: Constraint): number => windowHours(c) ?? 24 - windowed;
  const widest = dated.reduce((best, p) => (hours(p.constraint) > hours(best.constraint) ? p : best));
  return latestDate ? { prices: widest.prices, since: latestDate } : { prices: widest.prices };
}

function readPrices(
  prices: Record<string, unknown>,
  src: string,
  since: string | undefined,
  problem: (message: string) => void,
): { base: PriceSet; tiers: PriceTier[] } {
  const base: PriceSet = {};
  const tierMap = new Map<number, PriceSet>();
  const price = (usd: number): Price => (since ? { usd: roundUsd(usd), src, since } : { usd: roundUsd(usd), src });
  for (const [field, kind] of Object.entries(fieldKinds)) {
    const value = prices[field];
    if (value === undefined) continue;
    if (typeof value === 'number' && value >= 0) base[kind] = price(value);
    else if (isRecord(value) && typeof value.base === 'number') {
      base[kind] = price(value.base);
      for (const tier of Array.isArray(value.tiers) ? value.tiers : []) {
        if (!isRecord(tier) || typeof tier.start !== 'number' || typeof tier.price !== 'number') continue;
        const set = tierMap.get(tier.start) ?? {};
        set[kind] = price(tier.price);
        tierMap.set(tier.start, set);
      }
    } else problem(`${field} is not a price (${JSON.stringify(value)})`);
  }
  const tiers = [...tierMap.entries()].sort((a, b) => a[0] - b[0]).map(([above, set]) => ({ above, prices: set }));
  return { base, tiers };
}

function matchNames(match: unknown, equals: string[], prefixes: string[]): void {
  if (!isRecord(match)) return;
  if (typeof match.equals === 'string') equals.push(match.equals);
  if (typeof match.starts_with === 'string') prefixes.push(match.starts_with);
  // `contains`, `regex` and `and` rules have no exact-name or prefix meaning; the others cover those models.
  if (Array.isArray(match.or)) for (const m of match.or) matchNames(m, equals, prefixes);
}

/** Reads the models of the covered providers from genai-prices' `data.json`. */
export function readGenaiPrices(raw: unknown, src: string, asOf: string, problems: string[]): DraftModel[] {
  if (!Array.isArray(raw)) {
    problems.push('genai-prices: expected a list of providers');
    return [];
  }
  const drafts: DraftModel[] = [];
  for (const provider of raw) {
    if (!isRecord(provider) || typeof provider.id !== 'string') continue;
    const providerId = providerIds[provider.id];
    if (!providerId || !Array.isArray(provider.models)) continue;
    for (const model of provider.models) {
      if (!isRecord(model) || typeof model.id !== 'string') continue;
      const id = model.id;
      if (model.deprecated === true || excludedName.test(id)) continue;
      // Google's list also prices Claude on Vertex; those belong to Anthropic's entries.
      if (providerId === 'google' && !/^(gemini|gemma)/.test(id)) continue;
      const current = currentPrices(model.prices, asOf);
      if (!current) continue;
      const problem = (message: string): void => void problems.push(`genai-prices model '${id}': ${message}`);
      const { base, tiers } = readPrices(current.prices, src, current.since, problem);
      if (!base.input) continue;
      const aliases: string[] = [];
      const prefixes: string[] = [];
      matchNames(model.match, aliases, prefixes);
      drafts.push({
        id,
        provider: providerId,
        mode: /embed/.test(id) ? 'embedding' : 'chat',
        aliases: aliases.filter((a) => a !== id && !excludedName.test(a)),
        prefixes,
        prices: base,
        tiers,
        contextWindow: typeof model.context_window === 'number' ? model.context_window : null,
        maxOutputTokens: null,
        cacheMinTokens: null,
        supportsCaching: null,
        capabilities: {},
      });
    }
  }
  return drafts;
}
