import type { CallRecord } from '../analysis/types';
import { resolveHintOf, resolveModel } from '../pricing/resolve';
import { canonicalKey, parseModelName, providerFromHint, withoutSnapshotSuffixes } from '../pricing/names';
import { isHost, type ModelEntry, type PriceTable, type Provider } from '../pricing/types';
import { estimateCallCost, type CostContext } from './estimateCall';
import type { CallCost, CostPair } from './types';

/** A cheaper model for a call, with the call's own figures priced on it. */
export interface Alternative {
  id: string;
  provider: Provider;
  /** How to write it in this call: the id, or `provider/id` when the call goes through an aggregator. */
  name: string;
  costPerCallUsd: CostPair;
  monthlyUsd: CostPair;
  /** Expected dollars a month saved against the call's current model (positive). */
  monthlySavingUsd: number;
}

export interface Alternatives {
  /** `same-provider`, or `any-provider` when switching provider is one string (LiteLLM, OpenRouter, a gateway). */
  scope: 'same-provider' | 'any-provider';
  /** The aggregator that makes any provider possible, when there is one. */
  via: string | null;
  /** Cheapest first. */
  alternatives: Alternative[];
}

/**
 * Names that are not a general-purpose stand-in for a chat or embedding call: special-purpose models (research,
 * search, audio, code, vision-only), open weights that the provider's own API does not serve, and names that
 * move or may vanish (preview, experimental, beta, `-latest` aliases of listed models).
 */
const notGeneralPurpose =
  /deep-research|search|audio|realtime|tts|transcribe|image|vision|computer-use|moderation|safeguard|instruct|codex|coder|codestral|devstral|voxtral|ocr|gpt-oss|multi-agent|preview|-exp\b|exp-|beta|latest/;

/** The same at a host, where open weights are what it serves and `-Instruct` names the chat model. */
const notGeneralPurposeAtHost =
  /deep-research|search|audio|realtime|tts|transcribe|image|vision|-vl-|computer-use|moderation|guard|safeguard|codex|coder|code-|codestral|devstral|voxtral|ocr|multi-agent|preview|-exp\b|exp-|beta|latest|reward|prover|math|draft/;

/** Whether a name is of a special-purpose, moving or vanishing model (by the pattern of the list it is in). */
function specialPurpose(entry: ModelEntry, name = entry.id): boolean {
  return (isHost(entry.provider) ? notGeneralPurposeAtHost : notGeneralPurpose).test(name.toLowerCase());
}

/**
 * Why a host's entry is not a model to offer, or null: a host lists base, legacy and niche open weights beside its
 * chat models, and the sources flag tool calling on the current chat-tuned ones; a regional inference profile
 * (`eu.amazon.nova-pro-v1:0`) is where the call runs, not another model.
 */
function hostCopy(entry: ModelEntry): string | null {
  if (isHost(entry.provider) && entry.mode === 'chat' && entry.capabilities.tools !== true) {
    return 'not a current chat model of the host';
  }
  return parseModelName(entry.id).bedrockKeys.length > 1 ? 'a regional inference profile' : null;
}

/** Generations the providers have retired or replaced at the same or a lower price (2025-2026 deprecations). */
const retired =
  /^(gpt-3\.5|gpt-4$|gpt-4-(32k|turbo|vision)|claude-(2|v1|instant|3-)|gemini-(1\.0|1\.5|pro$|pro-1|flash-1\.5|gemma)|mistral-(tiny|7b)$|open-mi|mixtral|grok-(2|beta))/;

/** Aggregators and gateways: the model is one string that can name any provider. */
function aggregatorOf(call: CallRecord): string | null {
  const url = (call.baseUrl ?? '').toLowerCase();
  const model = (call.model ?? '').toLowerCase();
  if (call.sdk === 'litellm') return 'LiteLLM';
  if (model.startsWith('openrouter/') || url.includes('openrouter.ai')) return 'OpenRouter';
  if (/gateway|litellm|portkey|helicone/.test(url)) return 'a gateway';
  if (call.sdk === 'vercel-ai' && call.modelVia !== 'unresolved' && /^[a-z-]+\/[^/]+$/.test(model)) {
    return 'the AI Gateway';
  }
  return null;
}

/** The prefix an aggregator expects before a model of `provider`. */
function aggregatorName(via: string, entry: ModelEntry): string {
  const openRouter: Partial<Record<Provider, string>> = { google: 'google', mistral: 'mistralai', xai: 'x-ai' };
  const liteLlm: Partial<Record<Provider, string>> = { google: 'gemini' };
  const table = via === 'OpenRouter' ? openRouter : via === 'LiteLLM' ? liteLlm : {};
  return `${table[entry.provider] ?? entry.provider}/${entry.id}`;
}

const listedNames = new WeakMap<PriceTable, Set<string>>();

/** A dated snapshot (`ministral-3b-2512`) of a model the table also lists by its plain name. */
function isSnapshotOfListed(entry: ModelEntry, table: PriceTable): boolean {
  let listed = listedNames.get(table);
  if (!listed) {
    listed = new Set(table.models.map((m) => canonicalKey(m.id)));
    listedNames.set(table, listed);
  }
  return withoutSnapshotSuffixes(canonicalKey(entry.id)).some((name) => listed.has(name));
}

/** Why `entry` cannot take over the call, or null when it can. */
function unsuitable(
  entry: ModelEntry,
  current: ModelEntry,
  call: CallRecord,
  cost: CallCost,
  table: PriceTable,
): string | null {
  if (entry.id === current.id) return 'the same model';
  if (entry.mode !== current.mode) return 'another kind of model';
  if (entry.provider === 'custom') return 'a private deployment';
  if (specialPurpose(entry) || retired.test(entry.id)) return 'not a general-purpose current model';
  const copy = hostCopy(entry);
  if (copy) return copy;
  if (isSnapshotOfListed(entry, table)) return 'a snapshot of a listed model';
  // What the call uses, the replacement must support (an unknown flag does not count as support).
  const uses = call.features;
  if (uses.vision && entry.capabilities.vision !== true) return 'no image input';
  if (uses.tools && entry.capabilities.tools !== true) return 'no tools';
  if (uses.structuredOutput && entry.capabilities.structuredOutput !== true) return 'no structured output';
  const limit = call.outputLimitValue;
  if (limit !== null && entry.maxOutputTokens !== null && entry.maxOutputTokens < limit) return 'output too short';
  const needed = (cost.inputTokens ?? 0) + (limit ?? 0);
  if (entry.contextWindow !== null && entry.contextWindow < needed) return 'context window too small';
  return null;
}

/**
 * The provider whose list a call's replacement comes from: a host the name or the call goes to (a Bedrock call
 * takes Bedrock ids, even for Claude, which it bills at Anthropic's prices), else the current model's maker.
 */
function listOf(call: CallRecord, current: ModelEntry): Provider {
  const goesTo = parseModelName(call.model ?? '').host ?? providerFromHint(call.sdk, call.baseUrl, call.modelProvider);
  return goesTo && isHost(goesTo) ? goesTo : current.provider;
}

/** A model's name without its maker's path, its `Meta-` and case: what two spellings of one model share. */
function sameModelKey(id: string): string {
  return canonicalKey(parseModelName(id).bare).replace(/^meta-/, '');
}

/**
 * The cheapest models that could take over a call, each with the call's own monthly figure: the same provider
 * (a host's own list for a call to a host), or any maker when the call goes through an aggregator where
 * switching is one string. Only models cheaper
 * than the current one (expected monthly cost), of the same kind (chat or embedding), current and
 * general-purpose, with room for the call's prompt and output limit, and flagged in the price table for what the
 * call uses (image input, tools, structured output). Null when the call's model is not known.
 */
export function cheapestAlternatives(
  call: CallRecord,
  context: CostContext,
  options: { count?: number; current?: CallCost } = {},
): Alternatives | null {
  const cost = options.current ?? estimateCallCost(call, context);
  if (!cost.monthlyUsd || !cost.resolved || call.model === null) return null;
  const resolved = resolveModel(call.model, context.table, resolveHintOf(call));
  if (resolved.unknown) return null;
  const current = resolved.entry;
  const via = aggregatorOf(call);
  const provider = via ? null : listOf(call, current);
  const alternatives: Alternative[] = [];
  for (const entry of context.table.models) {
    // Through an aggregator: the makers' own models (a host's catalogue of open weights is not a like-for-like
    // stand-in, and not every aggregator reaches it); otherwise the list of the provider the call goes to.
    if (provider ? entry.provider !== provider : isHost(entry.provider)) continue;
    if (unsuitable(entry, current, call, cost, context.table)) continue;
    const name = via ? aggregatorName(via, entry) : entry.id;
    const priced = estimateCallCost({ ...call, model: name, modelVia: 'literal' }, context);
    // A name that resolves elsewhere (an alias shared by two providers) is not this entry's price.
    if (!priced.monthlyUsd || !priced.costPerCallUsd || priced.resolved?.id !== entry.id) continue;
    const saving = cost.monthlyUsd.expected - priced.monthlyUsd.expected;
    if (saving <= 0) continue;
    alternatives.push({
      id: entry.id,
      provider: entry.provider,
      name,
      costPerCallUsd: priced.costPerCallUsd,
      monthlyUsd: priced.monthlyUsd,
      monthlySavingUsd: saving,
    });
  }
  alternatives.sort((a, b) => a.monthlyUsd.expected - b.monthlyUsd.expected || a.id.localeCompare(b.id));
  // One model under two spellings (Together's `Llama-3.3-70B-…` and `Meta-Llama-3.3-70B-…`) is offered once.
  const seen = new Set<string>();
  const distinct = alternatives.filter((a) => {
    const model = `${a.provider}/${sameModelKey(a.id)}`;
    if (seen.has(model)) return false;
    seen.add(model);
    return true;
  });
  return {
    scope: via ? 'any-provider' : 'same-provider',
    via,
    alternatives: distinct.slice(0, options.count ?? 3),
  };
}

/**
 * Whether a model is one a person would pick today: current and general-purpose, not a dated snapshot of a name
 * the table also lists (the alternatives' test, except that a `-latest` alias counts: code that names it gets
 * the newest model). A pick of models lists these first.
 */
export function isCurrentGeneralPurpose(entry: ModelEntry, table: PriceTable): boolean {
  if (entry.provider === 'custom' || retired.test(entry.id) || hostCopy(entry)) return false;
  const alias = /-latest$/.test(entry.id);
  return !specialPurpose(entry, entry.id.replace(/-latest$/, '')) && (alias || !isSnapshotOfListed(entry, table));
}
