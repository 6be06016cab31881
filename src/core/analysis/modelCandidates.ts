import type { CallRecord } from './types';
import { isEmbeddingApi } from '../sdk';
import { providerOfSdk } from './assumed';
import { hostOf } from './providers';

/** At most this many candidates per call: the most used first. */
const maxCandidates = 5;

/**
 * For each call whose model the code does not say, the models the other calls of the workspace use for the
 * same provider (most used first), as `modelCandidates`. They are shown to the user and never priced.
 */
export function withModelCandidates(calls: readonly CallRecord[]): CallRecord[] {
  const byProvider = new Map<string, Map<string, number>>();
  for (const call of calls) {
    if (call.model === null || call.modelVia === 'assumed') continue;
    const provider = providerKey(call);
    if (!provider) continue;
    const counts = byProvider.get(provider) ?? new Map<string, number>();
    counts.set(call.model, (counts.get(call.model) ?? 0) + 1);
    byProvider.set(provider, counts);
  }
  return calls.map((call) => {
    if (call.model !== null) return call;
    const provider = providerKey(call);
    const counts = provider ? byProvider.get(provider) : undefined;
    if (!counts) return call;
    const used = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([model]) => model);
    // The models the call's own factory builds come first.
    const own = call.modelCandidates ?? [];
    const modelCandidates = [...own, ...used.filter((m) => !own.includes(m))].slice(
      0,
      Math.max(maxCandidates, own.length),
    );
    return { ...call, modelCandidates };
  });
}

/**
 * The provider, with embedding and agent calls apart (a chat model is no candidate for an embedding call), and with the host
 * of a base URL the code names, or the server a hidden one is named for: an OpenAI client pointed at Groq, Cohere's
 * compatibility API or a local server runs that endpoint's models, so only calls to the same host are candidates
 * for each other.
 */
function providerKey(call: CallRecord): string | undefined {
  const provider = call.modelProvider ?? providerOfSdk[call.sdk] ?? (call.sdk === 'other' ? undefined : call.sdk);
  if (!provider) return undefined;
  // A base URL the code does not show but names for a server (`LMSTUDIO_BASE_PATH`) is that server's.
  const host = call.baseUrl ? hostOf(call.baseUrl) : (call.baseUrlServer ?? '');
  const key = host ? `${provider} at ${host}` : provider;
  // An agent (Gemini's Interactions API `agent=`) is no model, and a model no agent.
  if (call.sites.model?.name === 'agent') return `${key} agents`;
  return isEmbeddingApi(call.api) || embeddingModel.test(call.model ?? '') ? `${key} embeddings` : key;
}

/** An embedding model called through a generic API (Bedrock's `invoke_model` with `cohere.embed-…`, `amazon.titan-embed-…`). */
const embeddingModel = /embed/i;
