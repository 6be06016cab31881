import { buildPriceTable } from '../generate/build';
import { looksLikeLiteLlm } from '../generate/litellm';
import type { PriceTable, Provider } from '../types';
import { liteLlmPriceMapUrl, updateSourceKey } from './source';

/** What a usable map must hold at least: a wrong file, an error page or a truncated map fails it. */
export const minimumMap = { chatModels: 20, providers: 3 } as const;

export type ReadResult = { ok: true; table: PriceTable; problems: string[] } | { ok: false; reason: string };

/** Moves the fetched prices under their own source key, so they are told apart from the snapshot's LiteLLM ones. */
function relabel(table: PriceTable): PriceTable {
  const rename = <T extends { src: string }>(price: T): T =>
    price.src === 'litellm' ? { ...price, src: updateSourceKey } : price;
  const { litellm, ...others } = table.sources;
  const models = table.models.map((m) => ({
    ...m,
    prices: Object.fromEntries(Object.entries(m.prices).map(([k, p]) => [k, rename(p)])) as typeof m.prices,
    tiers: m.tiers.map((t) => ({
      above: t.above,
      prices: Object.fromEntries(Object.entries(t.prices).map(([k, p]) => [k, rename(p)])),
    })),
  }));
  return { ...table, sources: litellm ? { ...others, [updateSourceKey]: litellm } : others, models };
}

/**
 * Reads a LiteLLM price map fetched on `fetchedOn` (YYYY-MM-DD) into a price table, or says why it cannot be
 * used: not JSON, not LiteLLM's format, or too few models of the covered providers to be the real map. Entries
 * with bad prices are skipped and reported; the rest is kept.
 */
export function readPriceMap(text: string, fetchedOn: string, url = liteLlmPriceMapUrl): ReadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!looksLikeLiteLlm(data))
    return { ok: false, reason: "not LiteLLM's price map (no entry has a litellm_provider)" };
  const info = { name: 'LiteLLM price map (Update Prices)', url, date: fetchedOn };
  const { table, problems } = buildPriceTable([{ format: 'litellm', data, info }], fetchedOn);
  const chat = table.models.filter((m) => m.mode === 'chat');
  const providers = new Set<Provider>(chat.map((m) => m.provider));
  if (chat.length < minimumMap.chatModels || providers.size < minimumMap.providers) {
    return {
      ok: false,
      reason: `only ${chat.length} chat models of ${providers.size} covered providers (at least ${minimumMap.chatModels} of ${minimumMap.providers} expected): not a complete price map`,
    };
  }
  return { ok: true, table: { ...relabel(table), pricesAsOf: fetchedOn }, problems };
}
