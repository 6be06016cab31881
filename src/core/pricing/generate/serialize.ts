import type { PriceTable } from '../types';

/** JSON with one model per line: compact, and a price change shows as a one-line diff. */
export function serializeTable(table: PriceTable): string {
  const { generatedAt, pricesAsOf, sources } = table;
  const head = JSON.stringify({ generatedAt, pricesAsOf, sources }, null, 2);
  const models = table.models.map((m) => `    ${JSON.stringify(m)}`).join(',\n');
  return `${head.slice(0, -2)},\n  "models": [\n${models}\n  ]\n}\n`;
}
