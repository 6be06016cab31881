import type { CallRecord } from '../analysis/types';
import { describeSource } from '../pricing/describe';
import { resolveModel } from '../pricing/resolve';
import type { ModelEntry, PriceTable } from '../pricing/types';
import type { CountOptions } from '../tokens/count';
import { splitForCaching } from './caching';
import { formatTokens } from './format';
import { priceTokens } from './priceTokens';
import { countPromptTokens } from './promptTokens';
import { daysPerMonth, type CostSettings } from './settings';
import type { BreakdownLine, CallCost } from './types';

export interface CostContext {
  table: PriceTable;
  settings: CostSettings;
  /** Passed to the token counter: the editor asks for estimates while the tokenizer loads. */
  count?: CountOptions;
}

function unknownCost(
  call: CallRecord,
  callsPerDay: number,
  source: CallCost['callsPerDaySource'],
  reason: string,
  suggestions: string[],
): CallCost {
  return {
    model: call.model,
    resolved: null,
    unknown: { reason, suggestions },
    inputTokens: null,
    inputExact: false,
    outputTokens: null,
    costPerCallUsd: null,
    monthlyUsd: null,
    callsPerDay,
    callsPerDaySource: source,
    breakdown: [],
    notes: [reason],
  };
}

function outputTokens(
  call: CallRecord,
  entry: ModelEntry,
  expectedSetting: number,
  notes: string[],
): { expected: number; worst: number } {
  if (entry.mode === 'embedding') return { expected: 0, worst: 0 };
  const limit = call.outputLimitValue;
  const max = entry.maxOutputTokens;
  let worst: number;
  if (limit !== null && limit >= 0) {
    worst = max !== null ? Math.min(limit, max) : limit;
    const param = call.outputLimitParam ? `${call.outputLimitParam} = ` : '';
    notes.push(`worst case: the output limit ${param}${formatTokens(limit)} tokens`);
  } else if (max !== null) {
    worst = max;
    const why = call.outputLimit ? `the output limit is not a constant` : 'no output limit';
    notes.push(`${why}: worst case uses the model's max output of ${formatTokens(max)} tokens`);
  } else {
    worst = expectedSetting;
    notes.push(`no output limit and ${entry.id}'s max output is unknown: worst case = expected output`);
  }
  const expected = Math.min(expectedSetting, worst);
  notes.push(`expected output: ${formatTokens(expected)} tokens (setting)`);
  return { expected, worst };
}

/**
 * The cost of one call: tokens sent (static text counted, dynamic parts at the configured size), prompt
 * caching, batch and long-context prices, expected and worst-case output, per call and per month.
 * Unknown models give no dollar figure, only the reason and the closest known names.
 */
export function estimateCallCost(call: CallRecord, context: CostContext): CallCost {
  const { table, settings } = context;
  const annotated = call.callsPerDay !== null && call.callsPerDay >= 0;
  const callsPerDay = annotated ? (call.callsPerDay as number) : settings.callsPerDay;
  const perDaySource: CallCost['callsPerDaySource'] = annotated ? 'annotation' : 'setting';
  if (!call.model)
    return unknownCost(call, callsPerDay, perDaySource, 'model not known: it is not written as a constant', []);
  const resolution = resolveModel(call.model, table, { sdk: call.sdk, baseUrl: call.baseUrl });
  if (resolution.unknown) {
    return unknownCost(call, callsPerDay, perDaySource, `unknown model '${call.model}'`, resolution.suggestions);
  }
  const entry = resolution.entry;
  const notes: string[] = [];
  if (resolution.via !== 'name') notes.push(`'${call.model}' priced as ${entry.id}`);
  const prompt = countPromptTokens(
    call,
    entry.tokenizer,
    settings.dynamicPartTokens,
    entry.mode === 'chat',
    context.count,
  );
  const counted = prompt.staticExact ? 'counted exactly' : `estimated (≈, ${entry.tokenizer} character ratio)`;
  notes.push(`input: ${formatTokens(prompt.staticTokens)} tokens of static text ${counted}`);
  if (prompt.dynamicParts > 0) {
    notes.push(
      `+ ${prompt.dynamicParts} dynamic part(s) × ${formatTokens(settings.dynamicPartTokens)} tokens (setting)`,
    );
  }
  if (prompt.overheadTokens > 0) notes.push(`+ ${prompt.overheadTokens} tokens of chat formatting`);
  const split = splitForCaching(call, entry, prompt.total, prompt.staticPrefixTokens, callsPerDay);
  notes.push(...split.notes);
  const output = outputTokens(call, entry, settings.expectedOutputTokens, notes);
  const usage = {
    input: split.uncached,
    cacheRead: split.read,
    cacheWrite5m: split.write5m,
    cacheWrite1h: split.write1h,
    batch: call.batch,
  };
  const expected = priceTokens(entry, { ...usage, output: output.expected }, table);
  const worst = priceTokens(entry, { ...usage, output: output.worst }, table);
  notes.push(...expected.notes);
  const breakdown: BreakdownLine[] = [
    ...expected.parts.map((p) => ({ ...p, case: p.part === 'output' ? ('expected' as const) : ('both' as const) })),
    ...worst.parts.filter((p) => p.part === 'output').map((p) => ({ ...p, case: 'worst' as const })),
  ];
  const perMonth = callsPerDay * daysPerMonth;
  notes.push(
    `per month: per call × ${formatTokens(callsPerDay)} calls a day (${annotated ? 'annotation' : 'setting'}) × ${daysPerMonth}`,
    `prices: ${describeSource(entry.prices.input, table)}`,
  );
  return {
    model: call.model,
    resolved: { id: entry.id, provider: entry.provider },
    unknown: null,
    inputTokens: prompt.total,
    inputExact: prompt.exact,
    outputTokens: output,
    costPerCallUsd: { expected: expected.totalUsd, worst: worst.totalUsd },
    monthlyUsd: { expected: expected.totalUsd * perMonth, worst: worst.totalUsd * perMonth },
    callsPerDay,
    callsPerDaySource: perDaySource,
    breakdown,
    notes,
  };
}
