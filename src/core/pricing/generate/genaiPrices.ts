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
  cohere: 'cohere',
  voyageai: 'voyage',
  aws: 'bedrock',
  groq: 'groq',
  together: 'together',
  fireworks: 'fireworks',
  openrouter: 'openrouter',
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

/**
 * The exact names and prefixes of a model's match rule. `contains`, `regex` and `and` rules have no exact-name
 * or prefix meaning, except AWS's `contains` rules, which are Bedrock ids without their version tag
 * (`amazon.nova-pro`, `us.amazon.nova-2-lite`).
 */
function matchNames(match: unknown, equals: string[], prefixes: string[], bedrockId?: string): void {
  if (!isRecord(match)) return;
  if (typeof match.equals === 'string') equals.push(match.equals);
  if (typeof match.starts_with === 'string') prefixes.push(match.starts_with);
  if (bedrockId && typeof match.contains === 'string' && match.contains.includes('.'))
    equals.push(withVersionOf(match.contains, bedrockId));
  if (Array.isArray(match.or)) for (const m of match.or) matchNames(m, equals, prefixes, bedrockId);
}

const bedrockRegion = /^(regional|us|eu|apac|jp|au|ca|global)\./;

/** `eu.amazon.nova-2-lite` as the id `regional.amazon.nova-2-lite-v1:0` spells its version: `eu.amazon.nova-2-lite-v1:0`. */
function withVersionOf(name: string, id: string): string {
  const core = id.replace(bedrockRegion, '');
  const bare = name.replace(bedrockRegion, '');
  return core.startsWith(bare) ? `${name}${core.slice(bare.length)}` : name;
}

/**
 * Models of a provider's list that belong elsewhere or are not one model: Claude on Vertex (Google's list) and
 * on Bedrock (priced as Anthropic's own, which Bedrock matches), OpenRouter's old names without the maker.
 */
function belongsElsewhere(provider: Provider, id: string): boolean {
  if (provider === 'google') return !/^(gemini|gemma)/.test(id);
  if (provider === 'bedrock') return /(^|\.)anthropic\./.test(id);
  if (provider === 'openrouter') return !id.includes('/') || id.startsWith('~');
  return false;
}

/**
 * The name a host's API takes: Fireworks lists `deepseek-r1-0528` for `accounts/fireworks/models/deepseek-r1-0528`;
 * AWS lists same-priced regional profiles as `regional.…`, which no API takes: the first profile it names.
 */
function apiName(provider: Provider, id: string, names: string[]): string {
  if (provider === 'fireworks' && !id.includes('/')) return `accounts/fireworks/models/${id}`;
  if (provider === 'bedrock' && id.startsWith('regional.')) {
    const profile = names.find((n) => bedrockRegion.test(n) && !n.startsWith('regional.'));
    if (profile) return profile;
  }
  return id;
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
      if (model.deprecated === true || excludedName.test(model.id)) continue;
      if (belongsElsewhere(providerId, model.id)) continue;
      const current = currentPrices(model.prices, asOf);
      if (!current) continue;
      const problem = (message: string): void => void problems.push(`genai-prices model '${model.id}': ${message}`);
      const { base, tiers } = readPrices(current.prices, src, current.since, problem);
      if (!base.input) continue;
      const aliases: string[] = [];
      const prefixes: string[] = [];
      matchNames(model.match, aliases, prefixes, providerId === 'bedrock' ? model.id : undefined);
      const id = apiName(providerId, model.id, aliases);
      drafts.push({
        id,
        provider: providerId,
        // Voyage sells embedding models only (its rerankers are not in this list).
        mode: /embed/.test(id) || providerId === 'voyage' ? 'embedding' : 'chat',
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
