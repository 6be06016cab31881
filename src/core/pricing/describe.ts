import type { Price, PriceTable } from './types';

/** "genai-prices 47df840a, 2026-08-21" (+ "since 2026-09-01"): where a price comes from, for every display. */
export function describeSource(price: Price, table: PriceTable): string {
  const source = table.sources[price.src];
  if (!source) return price.src;
  const commit = source.commit ? ` ${source.commit}` : '';
  const since = price.since ? `, in force since ${price.since}` : '';
  return `${source.name}${commit}, ${source.date}${since}`;
}
