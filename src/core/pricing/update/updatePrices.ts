import type { PriceTable } from '../types';
import { fetchPriceMap } from './fetchPriceMap';
import { overlayTable } from './overlay';
import { readPriceMap } from './readPriceMap';
import { liteLlmPriceMapUrl } from './source';

export type UpdateOutcome =
  | {
      ok: true;
      /** The map as fetched: what to store, to build the same table again next time. */
      text: string;
      fetchedOn: string;
      table: PriceTable;
      /** "195 models from LiteLLM's map: 150 updated (23 with new prices), 40 added". */
      summary: string;
      /** Entries skipped for bad prices. */
      problems: string[];
    }
  | { ok: false; reason: string };

/** The table a stored (or just fetched) map gives over `base`, or why it cannot be used. */
export function tableFromStoredMap(
  text: string,
  fetchedOn: string,
  base: PriceTable,
  url = liteLlmPriceMapUrl,
): { ok: true; table: PriceTable; summary: string; problems: string[] } | { ok: false; reason: string } {
  const read = readPriceMap(text, fetchedOn, url);
  if (!read.ok) return read;
  const label = `LiteLLM's price map fetched ${fetchedOn} (Update Prices)`;
  const merged = overlayTable(base, read.table, label);
  const changed = merged.changedPrices === 1 ? '1 with a new price' : `${merged.changedPrices} with new prices`;
  const summary = `${read.table.models.length} models from LiteLLM's map of ${fetchedOn}: ${merged.updated} known (${changed}), ${merged.added} added`;
  return { ok: true, table: merged.table, summary, problems: read.problems };
}

/**
 * Fetches LiteLLM's price map, validates it and lays it over `base`. Never throws, never returns an invalid
 * table: any failure (network, HTTP status, timeout, size, not a price map) comes back as a reason.
 */
export async function updatePrices(options: {
  base: PriceTable;
  url?: string;
  timeoutMs?: number;
  maxBytes?: number;
  now?: Date;
}): Promise<UpdateOutcome> {
  const url = options.url ?? liteLlmPriceMapUrl;
  const fetched = await fetchPriceMap({ url, timeoutMs: options.timeoutMs, maxBytes: options.maxBytes });
  if (!fetched.ok) return fetched;
  const fetchedOn = (options.now ?? new Date()).toISOString().slice(0, 10);
  const built = tableFromStoredMap(fetched.text, fetchedOn, options.base, url);
  if (!built.ok) return built;
  return { ...built, text: fetched.text, fetchedOn };
}
