import {
  canonicalKey,
  indexKey,
  nameReadings,
  parseModelName,
  providerFromHint,
  withoutSnapshotSuffixes,
  type NameReading,
} from './names';
import { isEmbeddingApi } from '../sdk';
import { closestNames } from './suggest';
import { isHost, type ModelEntry, type ModelMode, type Provider } from './types';

/** What name resolution reads of an entry (the generator resolves against drafts too). */
export interface NamedEntry {
  id: string;
  provider: Provider;
  aliases: string[];
  prefixes: string[];
  mode?: ModelMode;
}

/** What the call says besides the model name, to tell apart the same name at several providers. */
export interface ResolveHint {
  sdk?: string;
  baseUrl?: string | null;
  /** The provider the code names for the call (`CallRecord.modelProvider`: `ChatGroq`, `groq:`, `cohere(...)`). */
  provider?: string;
  /** Skip the closest-name search for an unknown name (bulk lookups that only need a hit or a miss). */
  noSuggestions?: boolean;
  /** What the call asks for, when its API says: an unknown name's suggestions are models of that kind. */
  mode?: ModelMode;
}

/** What a call record says about where it goes, as a hint (its SDK, base URL and the provider the code names). */
export function resolveHintOf(call: {
  sdk: string;
  baseUrl: string | null;
  modelProvider?: string;
  api?: string;
}): ResolveHint {
  const mode = call.api === undefined ? undefined : modeOfApi(call.api);
  return {
    sdk: call.sdk,
    baseUrl: call.baseUrl,
    ...(call.modelProvider ? { provider: call.modelProvider } : {}),
    ...(mode ? { mode } : {}),
  };
}

/** The kind of model an API takes; none for a generic one (Bedrock's `invoke_model` runs chat and embedding models). */
function modeOfApi(api: string): ModelMode | undefined {
  if (isEmbeddingApi(api)) return 'embedding';
  return api.startsWith('invoke_model') ? undefined : 'chat';
}

export type Resolution<E extends NamedEntry = ModelEntry> =
  | {
      unknown: false;
      entry: E;
      /** The name as written. */
      name: string;
      /** How it matched. */
      via: string;
      /**
       * The provider the name or the call points at, when the entry is another provider's: that provider's list
       * lacks the name, so the figure is the other provider's price (said beside it).
       */
      expectedProvider?: Provider;
    }
  | { unknown: true; name: string; suggestions: string[] };

interface Index<E extends NamedEntry> {
  exact: Map<string, E[]>;
  prefixes: { key: string; entry: E }[];
  /** Each entry's id by the key it is compared by (`llama-v3p1-70b-instruct` for Fireworks' long id). */
  names: { key: string; id: string; provider: Provider; mode?: ModelMode }[];
  /** Resolutions already made, by name and hint: a workspace's calls name the same few models again and again. */
  resolved: Map<string, Resolution<E>>;
}

/** Resolutions kept per table before the memo starts over (a bound for tables queried with endless names). */
const maxResolved = 10_000;

/** Built once per table object (tables are immutable once built). */
const indexes = new WeakMap<object, Index<NamedEntry>>();

function indexOf<E extends NamedEntry>(table: { models: E[] }): Index<E> {
  let index = indexes.get(table) as Index<E> | undefined;
  if (index) return index;
  const exact = new Map<string, E[]>();
  const prefixes: Index<E>['prefixes'] = [];
  for (const entry of table.models) {
    for (const name of [entry.id, ...entry.aliases]) {
      const key = indexKey(name);
      const list = exact.get(key) ?? [];
      if (!list.includes(entry)) list.push(entry);
      exact.set(key, list);
    }
    for (const prefix of entry.prefixes) prefixes.push({ key: canonicalKey(prefix), entry });
  }
  prefixes.sort((a, b) => b.key.length - a.key.length);
  const names = table.models.map((m) => ({ key: indexKey(m.id), id: m.id, provider: m.provider, mode: m.mode }));
  index = { exact, prefixes, names, resolved: new Map() };
  indexes.set(table, index);
  return index;
}

/** Whether the name as written is one of the entry's own names in full (`qwen/qwen3-32b` is Groq's, not Fireworks' `…/qwen3-32b`). */
function namedInFull(entry: NamedEntry, written: string): boolean {
  return [entry.id, ...entry.aliases].some((name) => {
    const own = canonicalKey(name);
    return written === own || written.endsWith(`/${own}`);
  });
}

/**
 * The entry among `entries` for `provider`; with no provider (the loose pass) a maker's own entry before a
 * host's copy (`gemma-3-27b-it` is Google's unless the call says it goes to a host). Among several, the one the
 * name spells in full.
 */
function pick<E extends NamedEntry>(entries: E[], provider: Provider | null, written: string): E | undefined {
  const candidates = provider ? entries.filter((e) => e.provider === provider) : entries;
  const ranked =
    candidates.length > 1 ? [...candidates.filter((e) => namedInFull(e, written)), ...candidates] : candidates;
  if (provider) return ranked[0];
  return ranked.find((e) => !isHost(e.provider)) ?? ranked[0];
}

function lookup<E extends NamedEntry>(
  index: Index<E>,
  key: string,
  provider: Provider | null,
  written: string,
): { entry: E; via: string } | null {
  const exact = index.exact.get(key);
  const named = exact && pick(exact, provider, written);
  if (named) return { entry: named, via: 'name' };
  const matches = index.prefixes.filter((p) => key.startsWith(p.key) && (!provider || p.entry.provider === provider));
  const longest = matches[0]?.key.length;
  const entry = pick(
    matches.filter((m) => m.key.length === longest).map((m) => m.entry),
    provider,
    written,
  );
  return entry ? { entry, via: 'prefix' } : null;
}

function find<E extends NamedEntry>(
  index: Index<E>,
  reading: NameReading,
  provider: Provider | null,
  written: string,
): { entry: E; via: string } | null {
  for (const candidate of [reading.key, ...withoutSnapshotSuffixes(reading.key)]) {
    const found = lookup(index, candidate, provider, written);
    if (found) return { entry: found.entry, via: candidate === reading.key ? found.via : 'snapshot' };
  }
  return null;
}

/**
 * Finds the price entry for a model name as written in code: with router or cloud prefixes (`openrouter/`,
 * `groq/`, `bedrock/`, `azure/`), Bedrock ids and inference profiles (`us.amazon.nova-pro-v1:0`), dated
 * snapshots, `-latest`, dots for dashes. The same name at several providers is told apart by what the name
 * and the call say (the hint: SDK, base URL, the provider the code names): their readings are tried in each
 * one's own list first; only when none has it does any provider's entry answer, and the resolution says so
 * (`expectedProvider`). An unknown name is reported as unknown with the closest known names; it never falls
 * back to some price.
 */
export function resolveModel<E extends NamedEntry = ModelEntry>(
  name: string,
  table: { models: E[] },
  hint: ResolveHint = {},
): Resolution<E> {
  const index = indexOf(table);
  // NUL cannot be in a hint's fields as the code writes them; it keeps the key's parts apart.
  const key = `${name}\0${hint.sdk ?? ''}\0${hint.baseUrl ?? ''}\0${hint.provider ?? ''}\0${hint.noSuggestions ? 1 : 0}\0${hint.mode ?? ''}`;
  let resolution = index.resolved.get(key);
  if (!resolution) {
    if (index.resolved.size >= maxResolved) index.resolved.clear();
    resolution = resolveUncached(name, index, hint);
    index.resolved.set(key, resolution);
  }
  return resolution;
}

function resolveUncached<E extends NamedEntry>(name: string, index: Index<E>, hint: ResolveHint): Resolution<E> {
  const parsed = parseModelName(name);
  const readings = parsed.bare ? nameReadings(parsed, providerFromHint(hint.sdk, hint.baseUrl, hint.provider)) : [];
  const written = canonicalKey(name);
  for (const reading of readings) {
    const found = find(index, reading, reading.provider, written);
    if (found) return { unknown: false, entry: found.entry, name, via: found.via };
  }
  const expected = readings[0]?.provider ?? null;
  const loose =
    readings.length > 0 ? readings : parsed.bare ? [{ key: canonicalKey(parsed.bare), provider: null }] : [];
  for (const reading of loose) {
    const found = find(index, reading, null, written);
    if (found) {
      const other = expected && found.entry.provider !== expected ? { expectedProvider: expected } : {};
      return { unknown: false, entry: found.entry, name, via: found.via, ...other };
    }
  }
  if (hint.noSuggestions) return { unknown: true, name, suggestions: [] };
  return {
    unknown: true,
    name,
    suggestions: suggestionsFor(index, canonicalKey(parsed.bare) || name, expected, hint.mode),
  };
}

/**
 * The closest ids to an unknown name: of the provider it points at when that one has models, else of the makers
 * (a host's catalogue of open weights would fill the list with long ids few calls mean).
 */
function suggestionsFor(
  index: Index<NamedEntry>,
  key: string,
  provider: Provider | null,
  mode: ModelMode | undefined,
): string[] {
  // An embedding call's closest names are embedding models, a chat call's chat models (entries say their mode).
  const names = mode ? index.names.filter((n) => n.mode === undefined || n.mode === mode) : index.names;
  const own = provider ? names.filter((n) => n.provider === provider) : [];
  const pool = own.length > 0 ? own : names.filter((n) => !isHost(n.provider));
  const ids = new Map<string, string>();
  for (const { key: nameKey, id } of pool) if (!ids.has(nameKey)) ids.set(nameKey, id);
  return closestNames(key, ids.keys()).map((k) => ids.get(k) ?? k);
}
