import type { CallRecord, TextRange } from '../../core/analysis/types';
import { daysPerMonth, priceTokens, type CostSettings } from '../../core/cost';
import { resolveHintOf, resolveModel, type PriceTable } from '../../core/pricing';
import { countTokens } from '../../core/tokens';
import type { Saving } from './compressCommand';

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

function within(inner: TextRange, outer: TextRange | undefined): boolean {
  return outer !== undefined && outer.start <= inner.start && inner.end <= outer.end;
}

/** The calls that send the text at `range`: their system prompt or messages are written there. */
export function callsUsing(calls: readonly CallRecord[], range: TextRange): CallRecord[] {
  return calls.filter(
    (call) =>
      within(range, call.systemPrompt.range) ||
      within(range, call.argumentRanges.system) ||
      within(range, call.argumentRanges.messages),
  );
}

/**
 * What sending `after` instead of `before` saves in those calls: the tokens saved (counted with each call's
 * model) at its input price, per call and per month (calls per day from its annotation or the setting).
 */
export function compressionSaving(
  calls: readonly CallRecord[],
  table: PriceTable,
  settings: CostSettings,
  before: string,
  after: string,
): Saving | undefined {
  let perCallUsd = 0;
  let perMonthUsd = 0;
  let approximate = false;
  let priced = 0;
  for (const call of calls) {
    if (!call.model) continue;
    const resolved = resolveModel(call.model, table, resolveHintOf(call));
    if (resolved.unknown) continue;
    const old = countTokens(before, resolved.entry.id);
    const now = countTokens(after, resolved.entry.id);
    approximate ||= !old.exact || !now.exact;
    const saved = Math.max(0, old.tokens - now.tokens);
    const usd = priceTokens(resolved.entry, { input: saved, output: 0, batch: call.batch }, table).totalUsd;
    perCallUsd += usd;
    perMonthUsd += usd * (call.callsPerDay ?? settings.callsPerDay) * daysPerMonth;
    priced++;
  }
  return priced === 0 ? undefined : { calls: priced, perCallUsd, perMonthUsd, approximate };
}
