import { roundUsd, isRecord, excludedName } from './draft';
import { parseModelName } from '../names';
import type { ModelMode, PriceKind, Provider } from '../types';

/** One LiteLLM entry of a covered provider, prices converted to USD per 1M tokens. */
export interface LiteLlmModel {
  key: string;
  bare: string;
  provider: Provider;
  mode: ModelMode;
  prices: Partial<Record<PriceKind, number>>;
  tiers: { above: number; kind: PriceKind; usd: number }[];
  maxInputTokens: number | null;
  maxOutputTokens: number | null;
  supportsCaching: boolean | null;
  cacheMinTokens: number | null;
}

const providerIds: Record<string, Provider> = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'google',
  deepseek: 'deepseek',
  mistral: 'mistral',
  xai: 'xai',
};

const fields: Record<string, PriceKind> = {
  input_cost_per_token: 'input',
  output_cost_per_token: 'output',
  cache_read_input_token_cost: 'cacheRead',
  cache_creation_input_token_cost: 'cacheWrite5m',
  cache_creation_input_token_cost_above_1hr: 'cacheWrite1h',
  input_cost_per_token_batches: 'batchInput',
  output_cost_per_token_batches: 'batchOutput',
};

const tierField =
  /^(input_cost_per_token|output_cost_per_token|cache_read_input_token_cost|cache_creation_input_token_cost)_above_(\d+)k_tokens$/;

export function looksLikeLiteLlm(raw: unknown): boolean {
  return isRecord(raw) && Object.values(raw).some((v) => isRecord(v) && 'litellm_provider' in v);
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Reads the chat and embedding models of the covered providers from LiteLLM's cost map. */
export function readLiteLlm(raw: unknown, asOf: string, problems: string[]): LiteLlmModel[] {
  if (!isRecord(raw)) {
    problems.push('LiteLLM: expected an object keyed by model name');
    return [];
  }
  const models: LiteLlmModel[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!isRecord(value) || typeof value.litellm_provider !== 'string') continue;
    const provider = providerIds[value.litellm_provider];
    if (!provider || (value.mode !== 'chat' && value.mode !== 'embedding')) continue;
    if (typeof value.deprecation_date === 'string' && value.deprecation_date <= asOf) continue;
    const { bare } = parseModelName(key);
    if (!bare || excludedName.test(bare)) continue;
    const prices: LiteLlmModel['prices'] = {};
    for (const [field, kind] of Object.entries(fields)) {
      if (value[field] === undefined) continue;
      const usd = num(value[field]);
      if (usd === null || usd < 0)
        problems.push(`LiteLLM entry '${key}': ${field} is not a price (${JSON.stringify(value[field])})`);
      else if (usd > 0 || kind === 'output') prices[kind] = roundUsd(usd * 1e6);
    }
    if (!prices.input) continue;
    const tiers: LiteLlmModel['tiers'] = [];
    for (const [field, v] of Object.entries(value)) {
      const match = tierField.exec(field);
      const usd = num(v);
      if (!match || usd === null) continue;
      const kind = fields[match[1] as string];
      if (kind) tiers.push({ above: Number(match[2]) * 1000, kind, usd: roundUsd(usd * 1e6) });
    }
    const maxOut = num(value.max_output_tokens);
    models.push({
      key,
      bare,
      provider,
      mode: value.mode,
      prices,
      tiers,
      maxInputTokens: num(value.max_input_tokens),
      maxOutputTokens: maxOut,
      supportsCaching: typeof value.supports_prompt_caching === 'boolean' ? value.supports_prompt_caching : null,
      cacheMinTokens: num(value.prompt_cache_min_tokens),
    });
  }
  return models;
}
