import { isEmbeddingApi } from '../sdk';
import { hostOf, providerOfName } from './providers';
import type { CallRecord, Sdk } from './types';

/**
 * The `llmCostLens.assumedModels` setting: a model per provider (`{"openai": "gpt-4o-mini"}`), or per SDK
 * (`"langchain"`, `"litellm"`, `"vercel-ai"`), or `"*"` for any, used for calls whose model the code does not
 * say (it comes from a request, a database or the end user). Such calls say `modelVia: 'assumed'`.
 */
export type AssumedModels = Readonly<Record<string, string>>;

/** The provider each SDK's calls go to, when the SDK alone says it. */
export const providerOfSdk: Partial<Record<Sdk, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'google',
  mistral: 'mistral',
  cohere: 'cohere',
  bedrock: 'bedrock',
  voyage: 'voyage',
};

/** Checks the setting's value: an object of non-empty model names. Bad entries are named and left out. */
export function validateAssumedModels(value: unknown): { models: AssumedModels; problems: string[] } {
  if (value === undefined || value === null) return { models: {}, problems: [] };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { models: {}, problems: [`assumedModels: expected an object such as {"openai": "gpt-4o-mini"}`] };
  }
  const models: Record<string, string> = {};
  const problems: string[] = [];
  for (const [key, model] of Object.entries(value as Record<string, unknown>)) {
    if (typeof model === 'string' && model.trim() !== '' && model.length <= 200)
      models[key.toLowerCase()] = model.trim();
    else problems.push(`assumedModels.${key}: expected a model name, not ${JSON.stringify(model)}`);
  }
  return { models, problems };
}

/**
 * The model the setting assumes for a call whose model is not known, or null. An embedding call takes only an
 * `embeddings` key (`{"embeddings": "text-embedding-3-small"}`): a chat model would price it wrong.
 */
export function assumedModelFor(call: CallRecord, assumed: AssumedModels): string | null {
  if (isEmbeddingApi(call.api)) return assumed['embeddings'] ?? null;
  const provider = call.modelProvider ?? (call.sdk === 'openai' ? openAiClientProvider(call) : providerOfSdk[call.sdk]);
  // An SDK that reaches one provider is keyed by that provider: its name is no second way in.
  const bySdk = providerOfSdk[call.sdk] ? undefined : assumed[call.sdk];
  return (provider ? assumed[provider] : undefined) ?? bySdk ?? assumed['*'] ?? null;
}

/**
 * Who runs an OpenAI client's models: OpenAI (no base URL, api.openai.com, Azure OpenAI, or a base URL the code
 * does not show), else the server its base URL is (`api.groq.com` → `groq`, `localhost`) or is named for
 * (`lmstudio`): a local server or another provider does not run the model set for `openai`.
 */
function openAiClientProvider(call: CallRecord): string {
  if (call.baseUrlServer) return providerOfName(call.baseUrlServer) ?? call.baseUrlServer;
  if (!call.baseUrl) return 'openai';
  const host = hostOf(call.baseUrl).toLowerCase().replace(/:\d+$/, '');
  if (/(^|\.)openai\.com$|(^|\.)azure\.com$/.test(host)) return 'openai';
  return providerOfName(host) ?? host;
}

/**
 * The calls with the setting's model for each call whose model the code does not say. Calls whose model is
 * known (however it was found) are returned as they are: the setting never overrides the code.
 */
export function assumeModels(calls: readonly CallRecord[], assumed: AssumedModels): CallRecord[] {
  if (Object.keys(assumed).length === 0) return [...calls];
  return calls.map((call) => {
    if (call.model !== null || call.modelVia !== 'unresolved') return call;
    const model = assumedModelFor(call, assumed);
    return model ? { ...call, model, modelVia: 'assumed' as const, modelSource: null } : call;
  });
}
