import { roundUsd, isRecord, excludedName, type StatedCapabilities } from './draft';
import { parseModelName } from '../names';
import { isHost, type ModelCapabilities, type ModelMode, type PriceKind, type Provider } from '../types';

/** One LiteLLM entry of a covered model, prices converted to USD per 1M tokens. */
export interface LiteLlmModel {
  key: string;
  bare: string;
  provider: Provider;
  mode: ModelMode;
  prices: Partial<Record<PriceKind, number>>;
  tiers: { above: number; kind: PriceKind; usd: number }[];
  maxInputTokens: number | null;
  /** Null when the entry gives none, or gives its context window as the "max output" (xAI, Mistral entries do). */
  maxOutputTokens: number | null;
  supportsCaching: boolean | null;
  cacheMinTokens: number | null;
  capabilities: StatedCapabilities;
  /** Past its `deprecation_date`: its facts still describe the model (code still names it), it adds no entry. */
  deprecated: boolean;
  /**
   * A cloud entry (Bedrock, Vertex, Azure) of a provider's model: its limits and capabilities describe the
   * model; its prices are the cloud's (regional, sometimes different) and are never used.
   */
  cloud: boolean;
}

const providerIds: Record<string, Provider> = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'google',
  deepseek: 'deepseek',
  mistral: 'mistral',
  xai: 'xai',
  cohere: 'cohere',
  cohere_chat: 'cohere',
  voyage: 'voyage',
  groq: 'groq',
  together_ai: 'together',
  fireworks_ai: 'fireworks',
  'fireworks_ai-embedding-models': 'fireworks',
  openrouter: 'openrouter',
};

/** LiteLLM providers that resell the covered providers' models. */
const cloudProvider = /^(bedrock|vertex_ai|azure)/;

/** The provider that makes a model, from its name (for cloud entries, whose `litellm_provider` is the cloud). */
export function providerOfModel(bare: string): Provider | null {
  if (/^claude/.test(bare)) return 'anthropic';
  if (/^(gpt-|o\d|chatgpt|text-embedding)/.test(bare)) return 'openai';
  if (/^(gemini|gemma)/.test(bare)) return 'google';
  if (/^(mistral|codestral|magistral|pixtral|ministral|devstral|open-mi)/.test(bare)) return 'mistral';
  if (/^grok/.test(bare)) return 'xai';
  if (/^deepseek/.test(bare)) return 'deepseek';
  return null;
}

const fields: Record<string, PriceKind> = {
  input_cost_per_token: 'input',
  output_cost_per_token: 'output',
  cache_read_input_token_cost: 'cacheRead',
  cache_creation_input_token_cost: 'cacheWrite5m',
  cache_creation_input_token_cost_above_1hr: 'cacheWrite1h',
  input_cost_per_token_batches: 'batchInput',
  output_cost_per_token_batches: 'batchOutput',
};

/** LiteLLM's flags for each capability: any one of them stated true makes it true. */
const capabilityFlags: Record<keyof ModelCapabilities, readonly string[]> = {
  vision: ['supports_vision'],
  tools: ['supports_function_calling'],
  structuredOutput: ['supports_response_schema', 'supports_native_structured_output'],
  reasoning: ['supports_reasoning'],
};

const tierField =
  /^(input_cost_per_token|output_cost_per_token|cache_read_input_token_cost|cache_creation_input_token_cost)_above_(\d+)k_tokens$/;

export function looksLikeLiteLlm(raw: unknown): boolean {
  return isRecord(raw) && Object.values(raw).some((v) => isRecord(v) && 'litellm_provider' in v);
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function statedCapabilities(value: Record<string, unknown>): StatedCapabilities {
  const stated: StatedCapabilities = {};
  for (const [capability, flags] of Object.entries(capabilityFlags) as [keyof ModelCapabilities, string[]][]) {
    const values = flags.map((f) => value[f]).filter((v): v is boolean => typeof v === 'boolean');
    if (values.length > 0) stated[capability] = values.includes(true);
  }
  return stated;
}

interface Owner {
  provider: Provider;
  /** The model's name in that provider's list. */
  name: string;
  cloud: boolean;
}

/** LiteLLM's own route before a host's API name (`together_ai/`, `fireworks_ai/`, `bedrock/converse/`). */
const liteLlmRoute = /^(?:groq|together_ai|fireworks_ai|openrouter|bedrock(?:\/converse)?)\//;

/**
 * Whose list an entry belongs to: a covered provider's own, a host's (named as the host's API takes it), and
 * for a cloud's copy of a covered maker's model, that maker's (limits and capabilities only). Bedrock prices its
 * models itself, except Claude, which it bills at Anthropic's prices; its entries under an AWS region path
 * (`bedrock/eu-west-3/…`) are that region's prices, which the code does not say.
 */
function ownersOf(litellmProvider: string, key: string, bare: string): Owner[] {
  const direct = providerIds[litellmProvider];
  if (direct) {
    const name = isHost(direct) ? key.replace(liteLlmRoute, '') : bare;
    // `fireworks_ai/accounts/fireworks/models/` (a bucket price) names no model.
    return name.endsWith('/') ? [] : [{ provider: direct, name, cloud: false }];
  }
  if (!cloudProvider.test(litellmProvider)) return [];
  const owners: Owner[] = [];
  const maker = providerOfModel(bare);
  if (maker) owners.push({ provider: maker, name: bare, cloud: true });
  const bedrockName = key.replace(liteLlmRoute, '');
  // Only a Bedrock model id (`vendor.model`, not under a region path) is a name Bedrock's API takes.
  const bedrockId = parseModelName(bedrockName);
  const isBedrockId = !bedrockName.includes('/') && bedrockId.bedrockKeys.length > 0;
  if (litellmProvider.startsWith('bedrock') && isBedrockId && bedrockId.maker !== 'anthropic')
    owners.push({ provider: 'bedrock', name: bedrockName, cloud: false });
  return owners;
}

/**
 * Reads the chat and embedding models of the covered providers from LiteLLM's cost map: their own entries, and
 * the cloud entries of the same models (for limits and capabilities only).
 */
export function readLiteLlm(raw: unknown, asOf: string, problems: string[]): LiteLlmModel[] {
  if (!isRecord(raw)) {
    problems.push('LiteLLM: expected an object keyed by model name');
    return [];
  }
  const models: LiteLlmModel[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!isRecord(value) || typeof value.litellm_provider !== 'string') continue;
    if (value.mode !== 'chat' && value.mode !== 'embedding') continue;
    const { bare } = parseModelName(key);
    if (!bare || excludedName.test(bare)) continue;
    for (const owner of ownersOf(value.litellm_provider, key, bare)) {
      const model = readEntry(key, value, owner, asOf, problems);
      if (model) models.push(model);
    }
  }
  return models;
}

/** One entry as a record of `owner`'s list, or null when it has no price there. */
function readEntry(
  key: string,
  value: Record<string, unknown>,
  owner: Owner,
  asOf: string,
  problems: string[],
): LiteLlmModel | null {
  const mode = value.mode === 'embedding' ? 'embedding' : 'chat';
  const prices: LiteLlmModel['prices'] = {};
  for (const [field, kind] of Object.entries(fields)) {
    if (value[field] === undefined) continue;
    const usd = num(value[field]);
    if (usd === null || usd < 0) {
      if (!owner.cloud)
        problems.push(`LiteLLM entry '${key}': ${field} is not a price (${JSON.stringify(value[field])})`);
    } else if (usd > 0 || (kind === 'output' && mode === 'embedding')) prices[kind] = roundUsd(usd * 1e6);
  }
  if (!prices.input && !owner.cloud) return null;
  const tiers: LiteLlmModel['tiers'] = [];
  for (const [field, v] of Object.entries(value)) {
    const match = tierField.exec(field);
    const usd = num(v);
    if (!match || usd === null) continue;
    const kind = fields[match[1] as string];
    if (kind) tiers.push({ above: Number(match[2]) * 1000, kind, usd: roundUsd(usd * 1e6) });
  }
  const maxInput = num(value.max_input_tokens);
  const maxOut = num(value.max_output_tokens);
  return {
    key,
    bare: owner.name,
    provider: owner.provider,
    mode,
    prices,
    tiers,
    maxInputTokens: maxInput,
    // A limit equal to the context window is the window repeated, not a limit on the answer.
    maxOutputTokens: maxOut !== null && maxInput !== null && maxOut >= maxInput ? null : maxOut,
    supportsCaching: typeof value.supports_prompt_caching === 'boolean' ? value.supports_prompt_caching : null,
    cacheMinTokens: num(value.prompt_cache_min_tokens),
    capabilities: statedCapabilities(value),
    deprecated: typeof value.deprecation_date === 'string' && value.deprecation_date <= asOf,
    cloud: owner.cloud,
  };
}
