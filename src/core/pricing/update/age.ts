import type { PriceTable } from '../types';

/** Prices older than this are called out (status bar tooltip, CLI footer): providers change prices often. */
export const staleAfterDays = 120;

export interface TableAge {
  /** The date the table's prices are from (YYYY-MM-DD). */
  pricesAsOf: string;
  days: number;
  stale: boolean;
}

const dayMs = 24 * 60 * 60 * 1000;

/** How old a table's prices are on `today` (YYYY-MM-DD or a Date); stale past 120 days. */
export function tableAge(table: PriceTable, today: Date = new Date()): TableAge {
  const pricesAsOf = table.pricesAsOf ?? table.generatedAt;
  const days = Math.max(0, Math.floor((today.getTime() - Date.parse(`${pricesAsOf}T00:00:00Z`)) / dayMs));
  return { pricesAsOf, days, stale: days > staleAfterDays };
}

/** "the bundled snapshot, prices as of 2026-08-21": a table's own name and the date of its prices. */
export function pricesOf(table: PriceTable): string {
  return `${table.origin?.label ?? 'the bundled snapshot'}, prices as of ${tableAge(table).pricesAsOf}`;
}

/**
 * "the bundled snapshot, prices as of 2026-08-21", and past 120 days "…; 131 days old, prices change often: <advice>"
 * (how to update, in the words of the surface: a command, a flag).
 */
export function describeTable(table: PriceTable, today: Date, advice: string): string {
  const age = tableAge(table, today);
  const stale = age.stale ? `; ${age.days} days old, prices change often: ${advice}` : '';
  return `${pricesOf(table)}${stale}`;
}
