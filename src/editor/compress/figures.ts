import { priceTokens } from '../../core/cost';
import { resolveModel, type PriceTable } from '../../core/pricing';

/** Dollars one compression call cost, from its reported usage; undefined for a model the table does not know. */
export function compressionCallCost(
  table: PriceTable,
  model: string,
  usage: { promptTokens: number; completionTokens: number },
): number | undefined {
  const resolved = resolveModel(model, table);
  if (resolved.unknown) return undefined;
  return priceTokens(resolved.entry, { input: usage.promptTokens, output: usage.completionTokens }, table).totalUsd;
}
