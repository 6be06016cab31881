import { canonicalKey, parseModelName, providerFromHint, withoutSnapshotSuffixes } from './names';
import { closestNames } from './suggest';
import type { ModelEntry, Provider } from './types';

/** What name resolution reads of an entry (the generator resolves against drafts too). */
export interface NamedEntry {
  id: string;
  provider: Provider;
  aliases: string[];
  prefixes: string[];
}

export interface ResolveHint {
  sdk?: string;
  baseUrl?: string | null;
  /** Skip the closest-name search for an unknown name (bulk lookups that only need a hit or a miss). */
  noSuggestions?: boolean;
}

export type Resolution<E extends NamedEntry = ModelEntry> =
  | { unknown: false; entry: E; /** The name as written. */ name: string; /** How it matched. */ via: string }
  | { unknown: true; name: string; suggestions: string[] };

interface Index<E extends NamedEntry> {
  exact: Map<string, E[]>;
  prefixes: { key: string; entry: E }[];
  names: string[];
}

/** Built once per table object (tables are immutable once built). */
const indexes = new WeakMap<object, Index<NamedEntry>>();

function indexOf<E extends NamedEntry>(table: { models: E[] }): Index<E> {
  let index = indexes.get(table) as Index<E> | undefined;
  if (index) return index;
  const exact = new Map<string, E[]>();
  const prefixes: Index<E>['prefixes'] = [];
  for (const entry of table.models) {
    for (const name of [entry.id, ...entry.aliases]) {
      const key = canonicalKey(name);
      const list = exact.get(key) ?? [];
      if (!list.includes(entry)) list.push(entry);
      exact.set(key, list);
    }
    for (const prefix of entry.prefixes) prefixes.push({ key: canonicalKey(prefix), entry });
  }
  prefixes.sort((a, b) => b.key.length - a.key.length);
  index = { exact, prefixes, names: table.models.map((m) => m.id) };
  indexes.set(table, index);
  return index;
}

function pick<E extends NamedEntry>(entries: E[], provider: Provider | null): E | undefined {
  return entries.find((e) => e.provider === provider) ?? entries[0];
}

function lookup<E extends NamedEntry>(
  index: Index<E>,
  key: string,
  provider: Provider | null,
): { entry: E; via: string } | null {
  const exact = index.exact.get(key);
  if (exact && exact.length > 0) {
    const entry = pick(exact, provider);
    if (entry) return { entry, via: 'name' };
  }
  const matches = index.prefixes.filter((p) => key.startsWith(p.key));
  const longest = matches[0]?.key.length;
  const entry = pick(
    matches.filter((m) => m.key.length === longest).map((m) => m.entry),
    provider,
  );
  return entry ? { entry, via: 'prefix' } : null;
}

/**
 * Finds the price entry for a model name as written in code: with router or cloud prefixes (`openrouter/`,
 * `bedrock/`, `azure/`), dated snapshots, `-latest`, dots for dashes. An unknown name is reported as unknown
 * with the closest known names; it never falls back to some price.
 */
export function resolveModel<E extends NamedEntry = ModelEntry>(
  name: string,
  table: { models: E[] },
  hint: ResolveHint = {},
): Resolution<E> {
  const index = indexOf(table);
  const parsed = parseModelName(name);
  const provider = parsed.provider ?? providerFromHint(hint.sdk, hint.baseUrl);
  const key = canonicalKey(parsed.bare);
  if (key) {
    for (const candidate of [key, ...withoutSnapshotSuffixes(key)]) {
      const found = lookup(index, candidate, provider);
      if (found) {
        return { unknown: false, entry: found.entry, name, via: candidate === key ? found.via : 'snapshot' };
      }
    }
  }
  if (hint.noSuggestions) return { unknown: true, name, suggestions: [] };
  const pool = provider ? table.models.filter((m) => m.provider === provider).map((m) => m.id) : index.names;
  return { unknown: true, name, suggestions: closestNames(key || name, pool.length > 0 ? pool : index.names) };
}
