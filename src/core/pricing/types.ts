import type { TokenizerFamily } from '../tokens/family';

/**
 * The price table the product ships and reads: one entry per model, every price in USD per 1M tokens and
 * carrying the key of the source it came from (and the date it took effect, when the source dates it).
 */

/**
 * Who bills the call. Makers sell their own models (`openai` … `voyage`); hosts serve other makers' models under
 * their own names and prices (`bedrock` … `openrouter`); `custom` is a model of the user's own price setting.
 */
export type Provider =
  | 'openai'
  | 'anthropic'
  | 'google'
  | 'deepseek'
  | 'mistral'
  | 'xai'
  | 'cohere'
  | 'voyage'
  | 'bedrock'
  | 'groq'
  | 'together'
  | 'fireworks'
  | 'openrouter'
  | 'custom';

export const providers: readonly Provider[] = [
  'openai',
  'anthropic',
  'google',
  'deepseek',
  'mistral',
  'xai',
  'cohere',
  'voyage',
  'bedrock',
  'groq',
  'together',
  'fireworks',
  'openrouter',
  'custom',
];

const hosts: ReadonlySet<Provider> = new Set<Provider>(['bedrock', 'groq', 'together', 'fireworks', 'openrouter']);

/** A provider that serves other makers' models (open weights, or a router's catalogue) at its own prices. */
export function isHost(provider: Provider): boolean {
  return hosts.has(provider);
}

/** How the providers are named in sentences. */
export const providerNames: Readonly<Record<Provider, string>> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  google: 'Google',
  deepseek: 'DeepSeek',
  mistral: 'Mistral',
  xai: 'xAI',
  cohere: 'Cohere',
  voyage: 'Voyage AI',
  bedrock: 'AWS Bedrock',
  groq: 'Groq',
  together: 'Together AI',
  fireworks: 'Fireworks AI',
  openrouter: 'OpenRouter',
  custom: 'your price setting',
};

/** Used to suggest a cheaper model of the same provider. */
export type ModelTier = 'budget' | 'standard' | 'premium' | 'frontier';

export type ModelMode = 'chat' | 'embedding';

export type PriceKind =
  'input' | 'output' | 'cacheRead' | 'cacheWrite5m' | 'cacheWrite1h' | 'batchInput' | 'batchOutput';

export const priceKinds: readonly PriceKind[] = [
  'input',
  'output',
  'cacheRead',
  'cacheWrite5m',
  'cacheWrite1h',
  'batchInput',
  'batchOutput',
];

export interface SourceInfo {
  name: string;
  url?: string;
  commit?: string;
  /** The date the source's data is from (YYYY-MM-DD). */
  date: string;
  /** For derived prices: the rule applied. */
  note?: string;
}

export interface Price {
  /** USD per 1M tokens. */
  usd: number;
  /** Key into `PriceTable.sources`. */
  src: string;
  /** The date this price took effect, when the source records it. */
  since?: string;
}

export type PriceSet = Partial<Record<PriceKind, Price>>;

/** Prices that apply instead of the base ones when the prompt is longer than `above` tokens. */
export interface PriceTier {
  above: number;
  prices: PriceSet;
}

export interface PromptCachingInfo {
  /** `explicit`: needs a marker (Anthropic `cache_control`); `automatic`: the provider caches static prefixes. */
  kind: 'explicit' | 'automatic' | 'none';
  /** Prompts shorter than this are not cached (silently). */
  minTokens: number | null;
}

/**
 * What a model accepts and does, from the sources' flags (LiteLLM's `supports_*`): `null` when no source says.
 * The tiering rule compares them; reasoning models are known by `reasoning`, not by their name.
 */
export interface ModelCapabilities {
  /** Image input. */
  vision: boolean | null;
  /** Tools / function calling. */
  tools: boolean | null;
  /** Structured output: a JSON schema the response must follow. */
  structuredOutput: boolean | null;
  /** Produces reasoning (thinking) tokens, billed as output. */
  reasoning: boolean | null;
}

export const capabilityKeys: readonly (keyof ModelCapabilities)[] = [
  'vision',
  'tools',
  'structuredOutput',
  'reasoning',
];

export interface ModelEntry {
  id: string;
  provider: Provider;
  mode: ModelMode;
  /** Other exact names (dated snapshots, `-latest`, dotted spellings), written as the sources write them. */
  aliases: string[];
  /** Names starting with one of these resolve to this entry (longest prefix wins). */
  prefixes: string[];
  prices: PriceSet & { input: Price };
  tiers: PriceTier[];
  contextWindow: number | null;
  maxOutputTokens: number | null;
  tokenizer: TokenizerFamily;
  tier: ModelTier;
  caching: PromptCachingInfo;
  capabilities: ModelCapabilities;
}

/** Which table is in force, for every display that names it (status bar, hover, `price`). */
export interface TableOrigin {
  /** `bundled`: the snapshot shipped with this version; `update`: LiteLLM's map fetched by Update Prices, over the
   * snapshot; `file`: the user's own price file. */
  kind: 'bundled' | 'update' | 'file';
  /** In words: "the bundled snapshot", "LiteLLM's map fetched 2026-12-01 (Update Prices)". */
  label: string;
}

export interface PriceTable {
  /** When the table was generated (YYYY-MM-DD); prices are those in force on that date. */
  generatedAt: string;
  /** The date of the newest source snapshot its prices come from: what the table's age counts from. */
  pricesAsOf?: string;
  origin?: TableOrigin;
  sources: Record<string, SourceInfo>;
  models: ModelEntry[];
}
