import { canonicalKey } from '../names';
import { capabilityKeys, type ModelCapabilities, type ModelEntry, type PriceTable } from '../types';

function mergeCapabilities(fresh: ModelCapabilities, known: ModelCapabilities): ModelCapabilities {
  const merged = { ...known };
  for (const key of capabilityKeys) merged[key] = fresh[key] ?? known[key];
  return merged;
}

/** The fetched entry's prices on the snapshot's entry of the same model: names, limits and flags from both. */
function updated(known: ModelEntry, fresh: ModelEntry): ModelEntry {
  const sameBase = known.prices.input.usd === fresh.prices.input.usd;
  return {
    ...known,
    mode: fresh.mode,
    aliases: [...new Set([...known.aliases, ...fresh.aliases, ...(fresh.id === known.id ? [] : [fresh.id])])]
      .filter((a) => a !== known.id)
      .sort(),
    // At the same base price the snapshot's other prices (cache reads from genai-prices) still hold.
    prices: sameBase ? { ...known.prices, ...fresh.prices } : fresh.prices,
    // The snapshot's long-context prices only still hold at the same base price.
    tiers: fresh.tiers.length > 0 || !sameBase ? fresh.tiers : known.tiers,
    contextWindow: fresh.contextWindow ?? known.contextWindow,
    maxOutputTokens: fresh.maxOutputTokens ?? known.maxOutputTokens,
    tier: fresh.tier,
    caching:
      fresh.caching.kind === 'none'
        ? known.caching
        : { kind: fresh.caching.kind, minTokens: fresh.caching.minTokens ?? known.caching.minTokens },
    capabilities: mergeCapabilities(fresh.capabilities, known.capabilities),
  };
}

/**
 * The fetched table over the snapshot: a model both know takes the fetched prices (the newer dated source)
 * and keeps the snapshot's names, limits and flags where the map has none; a model only the map knows is
 * added; a model only the snapshot knows stays, with its own sources and dates. Matching is by exact name
 * (id or alias, same provider), never by prefix. Returns the table and how many prices changed.
 */
export function overlayTable(
  base: PriceTable,
  fresh: PriceTable,
  label: string,
): { table: PriceTable; updated: number; added: number; changedPrices: number } {
  const byName = new Map<string, ModelEntry>();
  for (const entry of base.models) {
    for (const name of [entry.id, ...entry.aliases]) {
      const key = `${entry.provider}/${canonicalKey(name)}`;
      if (!byName.has(key)) byName.set(key, entry);
    }
  }
  const replaced = new Map<ModelEntry, ModelEntry>();
  const added: ModelEntry[] = [];
  let changedPrices = 0;
  for (const entry of fresh.models) {
    const known = byName.get(`${entry.provider}/${canonicalKey(entry.id)}`);
    if (!known || replaced.has(known)) {
      if (!known) added.push(entry);
      continue;
    }
    const next = updated(known, entry);
    if (next.prices.input.usd !== known.prices.input.usd || next.prices.output?.usd !== known.prices.output?.usd) {
      changedPrices++;
    }
    replaced.set(known, next);
  }
  const models = [...base.models.map((m) => replaced.get(m) ?? m), ...added].sort(
    (a, b) => a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id),
  );
  return {
    table: {
      generatedAt: fresh.generatedAt,
      pricesAsOf: fresh.pricesAsOf ?? fresh.generatedAt,
      origin: { kind: 'update', label },
      sources: { ...base.sources, ...fresh.sources },
      models,
    },
    updated: replaced.size,
    added: added.length,
    changedPrices,
  };
}
