import { applyProviderFacts } from './applyFacts';
import { modelLabel, type Disagreement } from './disagreements';
import type { DraftModel } from './draft';
import { readGenaiPrices } from './genaiPrices';
import { followLatestAliases, newestSnapshot } from './latest';
import { readLiteLlm, type LiteLlmModel } from './litellm';
import { decidePrices, pricePair, pricesAgree, recordsAgree, supplement, type MergeSources } from './merge';
import { providerFacts, type ProviderFact } from './providerFacts';
import { withoutPassThroughCopies } from './routers';
import { finishEntry, ruleSources } from './rules';
import { canonicalKey, indexKey, parseModelName, withoutSnapshotSuffixes } from '../names';
import { resolveModel } from '../resolve';
import type { ModelEntry, PriceTable, SourceInfo } from '../types';

export interface SourceInput {
  format: 'genai-prices' | 'litellm';
  data: unknown;
  info: SourceInfo;
}

export interface BuildResult {
  table: PriceTable;
  problems: string[];
  /** Where the sources disagree, and what the table uses (written beside the snapshot for review). */
  disagreements: Disagreement[];
}

export interface BuildOptions {
  /** Provider facts to apply (tests pass their own). */
  facts?: readonly ProviderFact[];
}

function liteLlmDraft(record: LiteLlmModel): DraftModel {
  return {
    id: record.bare,
    provider: record.provider,
    mode: record.mode,
    aliases: [],
    prefixes: [],
    prices: {},
    tiers: [],
    contextWindow: null,
    maxOutputTokens: null,
    cacheMinTokens: null,
    supportsCaching: null,
    capabilities: {},
  };
}

/** What LiteLLM's name `record` is to the primary source: one of its models (same prices), or not. */
type Placement =
  | { kind: 'same'; draft: DraftModel }
  | { kind: 'facts-only'; draft: DraftModel; alias: boolean }
  | { kind: 'alias-only'; draft: DraftModel }
  | { kind: 'latest'; draft: DraftModel }
  | { kind: 'own'; draft: DraftModel | null }
  | { kind: 'ignored' };

interface PlacementContext {
  primary: { models: DraftModel[] };
  drafts: DraftModel[];
  /** LiteLLM's own (non-cloud) records by `provider/canonical name`. */
  liteByName: Map<string, LiteLlmModel>;
  sources: MergeSources;
  disagreements: Disagreement[];
}

const isSnapshotName = (name: string): boolean => withoutSnapshotSuffixes(canonicalKey(name)).length > 0;

function place(record: LiteLlmModel, context: PlacementContext): Placement {
  const { primary, drafts, liteByName, sources, disagreements } = context;
  const resolved = resolveModel(`${record.provider}/${record.bare}`, primary);
  if (resolved.unknown || resolved.entry.provider !== record.provider) return { kind: 'own', draft: null };
  const named = resolved.entry;
  const draft = drafts.find((d) => d.id === named.id && d.provider === named.provider);
  if (!draft) return { kind: 'own', draft: null };
  // LiteLLM files an embedding model under a chat model's name (gemini-1.5-flash): not the same model.
  if (record.mode !== draft.mode) return { kind: 'ignored' };
  if (pricesAgree(draft, record)) return { kind: 'same', draft };
  const key = canonicalKey(record.bare);
  // Names genai-prices lists for this model itself (not by prefix).
  const explicit = [named.id, ...named.aliases].map(canonicalKey);
  if (key === canonicalKey(draft.id) || (explicit.includes(key) && !isSnapshotName(key))) {
    decidePrices(draft, record, sources, disagreements);
    return { kind: 'facts-only', draft, alias: false };
  }
  // A -latest name LiteLLM prices otherwise describes another model: the -latest rule decides which entry it is.
  if (/-latest$/.test(key) && !explicit.includes(key)) return { kind: 'latest', draft };
  if (/-latest$/.test(key)) {
    disagreements.push({
      model: modelLabel({ id: record.bare, provider: record.provider }),
      field: 'model',
      said: [
        `genai-prices: priced as ${draft.id} (${pricePair(draft.prices.input?.usd, draft.prices.output?.usd)})`,
        `LiteLLM: ${pricePair(record.prices.input, record.prices.output)}`,
      ],
      chosen: draft.id,
      rule: 'newerSource',
    });
    return { kind: 'alias-only', draft };
  }
  // LiteLLM prices the model itself the same way: its figures are stale for the whole model, not a snapshot's own.
  const staleBase = explicit
    .filter((name) => !isSnapshotName(name))
    .map((name) => liteByName.get(`${record.provider}/${name}`))
    .find((base) => base !== undefined && recordsAgree(base, record));
  if (staleBase) {
    decidePrices(draft, record, sources, disagreements);
    return { kind: 'facts-only', draft, alias: !explicit.includes(key) };
  }
  disagreements.push({
    model: modelLabel({ id: record.bare, provider: record.provider }),
    field: 'model',
    said: [
      `genai-prices: priced as ${draft.id} (${pricePair(draft.prices.input?.usd, draft.prices.output?.usd)})`,
      `LiteLLM: its own price (${pricePair(record.prices.input, record.prices.output)})`,
    ],
    chosen: record.deprecated ? `${draft.id} (LiteLLM's entry is deprecated)` : `its own entry (LiteLLM)`,
    rule: 'ownSnapshot',
  });
  return { kind: 'own', draft: record.deprecated ? null : draft };
}

/**
 * A -latest name genai-prices does not list, which LiteLLM prices differently from the model it would resolve
 * to: it follows the newest dated snapshot of its family when there is one, else it is its own entry.
 */
function placeLatest(
  record: LiteLlmModel,
  resolvedTo: DraftModel,
  drafts: DraftModel[],
  attached: Map<DraftModel, LiteLlmModel[]>,
  disagreements: Disagreement[],
): void {
  const newest = newestSnapshot(
    record.bare.replace(/-latest$/, ''),
    drafts.filter((d) => d.provider === record.provider),
  );
  const target = newest?.draft ?? liteLlmDraft(record);
  if (!newest) {
    drafts.push(target);
    attached.set(target, [record]);
  } else if (!target.aliases.includes(record.bare)) target.aliases.push(record.bare);
  disagreements.push({
    model: modelLabel({ id: record.bare, provider: record.provider }),
    field: 'model',
    said: [
      `genai-prices: (by its name) ${resolvedTo.id} (${pricePair(resolvedTo.prices.input?.usd, resolvedTo.prices.output?.usd)})`,
      `LiteLLM: ${pricePair(record.prices.input, record.prices.output)}`,
    ],
    chosen: newest ? `${target.id}, the newest dated snapshot` : 'its own entry (LiteLLM)',
    rule: newest ? 'latestAlias' : 'ownSnapshot',
  });
}

/**
 * The names a record's model may be filed under: its own (a host's without its path, as names are looked up:
 * Fireworks lists `glm-5p1-fast` and `accounts/fireworks/routers/glm-5p1-fast`), without a Bedrock region,
 * without snapshot suffixes.
 */
function groupKeys(record: LiteLlmModel): string[] {
  const parsed = parseModelName(record.bare);
  const names = parsed.bedrockKeys.length > 0 ? parsed.bedrockKeys.map(canonicalKey) : [indexKey(record.bare)];
  return names.flatMap((name) => [name, ...withoutSnapshotSuffixes(name)]).map((k) => `${record.provider}/${k}`);
}

/**
 * Groups LiteLLM-only records into models: a snapshot or a Bedrock inference profile (`us.meta.…`) joins its base
 * only when their prices agree (profiles last, so that their base is there first).
 */
function groupExtra(records: LiteLlmModel[]): { draft: DraftModel; records: LiteLlmModel[] }[] {
  const groups = new Map<string, { draft: DraftModel; records: LiteLlmModel[] }>();
  const profile = (r: LiteLlmModel): boolean => parseModelName(r.bare).bedrockKeys.length > 1;
  for (const record of [...records.filter((r) => !profile(r)), ...records.filter(profile)]) {
    const [key = record.bare, ...bases] = groupKeys(record);
    const base = [key, ...bases].find((k) => {
      const first = groups.get(k)?.records[0];
      return first !== undefined && recordsAgree(first, record);
    });
    const group = (base && groups.get(base)) || { draft: liteLlmDraft(record), records: [] };
    group.records.push(record);
    const { draft } = group;
    // The name with its full path is the id (the one the host's API documents); the short one an alias.
    if (draft.id.split('/').length < record.bare.split('/').length) {
      draft.aliases.push(draft.id);
      draft.id = record.bare;
    } else if (draft.id !== record.bare) draft.aliases.push(record.bare);
    groups.set(base ?? key, group);
  }
  return [...new Set(groups.values())];
}

/** One row per model and field: repeats (a name listed twice) go, and a provider fact supersedes the rows it decided. */
function settled(list: Disagreement[]): Disagreement[] {
  const facts = new Set(list.filter((d) => d.rule === 'providerFact').map((d) => `${d.model}\u0000${d.field}`));
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.model}\u0000${d.field}`;
    if ((facts.has(key) && d.rule !== 'providerFact') || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Builds the table: genai-prices (more current and careful) gives the models and their prices; LiteLLM adds
 * names, max output, capabilities, batch and 1-hour cache prices, long-context tiers, and the models
 * genai-prices lacks. Where they disagree by more than 5% the documented rules decide, and each case is
 * listed. Provider facts correct stale sources; provider rules fill what all leave out. Every price keeps
 * the key of its source.
 */
export function buildPriceTable(inputs: SourceInput[], asOf: string, options: BuildOptions = {}): BuildResult {
  const problems: string[] = [];
  const disagreements: Disagreement[] = [];
  const sources: Record<string, SourceInfo> = {};
  const mergeSources: MergeSources = {};
  const drafts: DraftModel[] = [];
  const records: LiteLlmModel[] = [];
  for (const input of inputs) {
    const key = input.format;
    sources[key] = input.info;
    if (input.format === 'genai-prices') {
      mergeSources.genai = { key, info: input.info };
      // Loops, not push(...list): a spread of 100,000+ entries overflows the stack.
      for (const draft of readGenaiPrices(input.data, key, asOf, problems)) drafts.push(draft);
    } else {
      mergeSources.lite = { key, info: input.info };
      for (const record of readLiteLlm(input.data, asOf, problems)) records.push(record);
    }
  }
  // LiteLLM names resolve against the primary source's names, with the same rules as at run time.
  const primary = { models: drafts.map((d) => ({ ...d, aliases: [...d.aliases] })) };
  const liteByName = new Map(records.filter((r) => !r.cloud).map((r) => [`${r.provider}/${canonicalKey(r.bare)}`, r]));
  const context: PlacementContext = { primary, drafts, liteByName, sources: mergeSources, disagreements };
  const attached = new Map<DraftModel, LiteLlmModel[]>();
  const unplaced: LiteLlmModel[] = [];
  const latest: { record: LiteLlmModel; draft: DraftModel }[] = [];
  const cloud: LiteLlmModel[] = [];
  for (const record of records) {
    if (record.cloud) {
      cloud.push(record);
      continue;
    }
    const placement = place(record, context);
    if (placement.kind === 'ignored') continue;
    if (placement.kind === 'latest') {
      latest.push({ record, draft: placement.draft });
      continue;
    }
    if (placement.kind === 'alias-only') {
      if (!placement.draft.aliases.includes(record.bare)) placement.draft.aliases.push(record.bare);
      continue;
    }
    if (placement.kind === 'own') {
      if (placement.draft) placement.draft.aliases = placement.draft.aliases.filter((a) => a !== record.bare);
      if (!record.deprecated) unplaced.push(record);
      continue;
    }
    attached.set(placement.draft, [...(attached.get(placement.draft) ?? []), record]);
    if (placement.kind === 'same' || placement.alias) placement.draft.aliases.push(record.bare);
  }
  const extra = groupExtra(unplaced);
  for (const { draft, records: list } of extra) {
    attached.set(draft, list);
    drafts.push(draft);
  }
  for (const { record, draft } of latest) placeLatest(record, draft, drafts, attached, disagreements);
  // Cloud entries describe models already placed: they resolve against every draft.
  const everything = { models: drafts };
  for (const record of cloud) {
    const resolved = resolveModel(`${record.provider}/${record.bare}`, everything);
    if (!resolved.unknown && resolved.entry.provider === record.provider && resolved.entry.mode === record.mode) {
      attached.set(resolved.entry, [...(attached.get(resolved.entry) ?? []), record]);
    }
  }
  for (const draft of drafts) supplement(draft, attached.get(draft) ?? [], mergeSources, disagreements);
  followLatestAliases(drafts, disagreements);
  const newestSource = Object.values(sources).reduce((d, s) => (s.date > d ? s.date : d), '');
  const factSources = applyProviderFacts(drafts, options.facts ?? providerFacts, newestSource, disagreements);
  const models = withoutPassThroughCopies(drafts)
    .map(finishEntry)
    .filter((e): e is ModelEntry => e !== null)
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id));
  const used = new Set(
    models.flatMap((m) =>
      [...Object.values(m.prices), ...m.tiers.flatMap((t) => Object.values(t.prices))].map((p) => p.src),
    ),
  );
  for (const [key, info] of Object.entries(ruleSources)) {
    if (used.has(key)) sources[key] = { ...info, date: asOf };
  }
  for (const [key, info] of Object.entries(factSources)) if (used.has(key)) sources[key] = info;
  return {
    table: { generatedAt: asOf, pricesAsOf: newestSource || asOf, sources, models },
    problems,
    disagreements: settled(disagreements),
  };
}
