import type { CallRecord } from '../analysis/types';
import { resolveModel } from '../pricing/resolve';
import { canonicalKey, withoutSnapshotSuffixes } from '../pricing/names';
import type { ModelEntry, PriceTable, Provider } from '../pricing/types';
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
  if (notGeneralPurpose.test(entry.id) || retired.test(entry.id)) return 'not a general-purpose current model';
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
 * The cheapest models that could take over a call, each with the call's own monthly figure: the same provider,
 * or any provider when the call goes through an aggregator where switching is one string. Only models cheaper
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
  const resolved = resolveModel(call.model, context.table, { sdk: call.sdk, baseUrl: call.baseUrl });
  if (resolved.unknown) return null;
  const current = resolved.entry;
  const via = aggregatorOf(call);
  const alternatives: Alternative[] = [];
  for (const entry of context.table.models) {
    if (!via && entry.provider !== current.provider) continue;
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
  return {
    scope: via ? 'any-provider' : 'same-provider',
    via,
    alternatives: alternatives.slice(0, options.count ?? 3),
  };
}

/**
 * Whether a model is one a person would pick today: current and general-purpose, not a dated snapshot of a name
 * the table also lists (the alternatives' test, except that a `-latest` alias counts: code that names it gets
 * the newest model). A pick of models lists these first.
 */
export function isCurrentGeneralPurpose(entry: ModelEntry, table: PriceTable): boolean {
  if (entry.provider === 'custom' || retired.test(entry.id)) return false;
  const alias = /-latest$/.test(entry.id);
  return !notGeneralPurpose.test(entry.id.replace(/-latest$/, '')) && (alias || !isSnapshotOfListed(entry, table));
}
