import type { CallRecord } from '../analysis/types';
import { describeSource } from '../pricing/describe';
import { resolveHintOf, resolveModel } from '../pricing/resolve';
import { unpricedKind } from '../pricing/unpricedKinds';
import { providerNames, type ModelEntry, type PriceTable } from '../pricing/types';
import type { CountOptions } from '../tokens/count';
import type { Assumption } from './assumptions';
import { splitForCaching } from './caching';
import { formatTokens } from './format';
import { priceTokens, type PricedPart, type TokenUsage } from './priceTokens';
import { countPromptTokens } from './promptTokens';
import { planReasoning } from './reasoning';
import { daysPerMonth, settingKeys, type CostSettings, type SettingSources } from './settings';
import type { BreakdownLine, CallCost, CostPair } from './types';

export interface CostContext {
  table: PriceTable;
  settings: CostSettings;
  /** Where each setting's value came from (the editor: user setting or default; the CLI: flag or default). */
  sources?: SettingSources;
  /** Passed to the token counter: the editor asks for estimates while the tokenizer loads. */
  count?: CountOptions;
}

function settingAssumption(
  key: Exclude<keyof CostSettings, 'reasoningTokens'>,
  label: string,
  context: CostContext,
): Assumption {
  return {
    key,
    label,
    value: context.settings[key],
    source: context.sources?.[key] ?? 'default',
    setting: settingKeys[key],
  };
}

function callsPerDayOf(call: CallRecord, context: CostContext): Pick<CallCost, 'callsPerDay' | 'callsPerDaySource'> {
  if (call.callsPerDay !== null && call.callsPerDay >= 0) {
    return { callsPerDay: call.callsPerDay, callsPerDaySource: 'annotation' };
  }
  return { callsPerDay: context.settings.callsPerDay, callsPerDaySource: context.sources?.callsPerDay ?? 'default' };
}

function unknownCost(call: CallRecord, context: CostContext, reason: string, suggestions: string[]): CallCost {
  const perDay = callsPerDayOf(call, context);
  return {
    model: call.model,
    resolved: null,
    unknown: { reason, suggestions },
    inputTokens: null,
    inputExact: false,
    outputTokens: null,
    costPerCallUsd: null,
    monthlyUsd: null,
    callsPerDay: perDay.callsPerDay,
    callsPerDaySource: perDay.callsPerDaySource,
    requests: 1,
    breakdown: [],
    assumptions: [
      {
        key: 'callsPerDay',
        label: 'calls a day',
        value: perDay.callsPerDay,
        source: perDay.callsPerDaySource,
        setting: settingKeys.callsPerDay,
      },
    ],
    notes: [reason],
  };
}

interface OutputPlan {
  expected: number;
  reasoning: number;
  /** Null when neither the call nor the model bounds the answer. */
  worst: number | null;
}

/**
 * Expected output: the visible answer (setting) plus, for reasoning models, the reasoning tokens of the call's
 * effort (billed as output). Worst case: the call's output limit (which counts reasoning tokens too), else
 * the model's max output, else unknown — never the expected figure.
 */
function planOutput(
  call: CallRecord,
  entry: ModelEntry,
  context: CostContext,
  notes: string[],
  assumptions: Assumption[],
): OutputPlan {
  if (entry.mode === 'embedding') return { expected: 0, reasoning: 0, worst: 0 };
  const limit = call.outputLimitValue;
  const max = entry.maxOutputTokens;
  let worst: number | null;
  if (limit !== null && limit >= 0) {
    worst = max !== null ? Math.min(limit, max) : limit;
    const param = call.outputLimitParam ? `${call.outputLimitParam} = ` : '';
    notes.push(`worst case: the output limit ${param}${formatTokens(limit)} tokens`);
    assumptions.push({
      key: 'worstCaseOutput',
      label: 'worst-case output tokens (the limit)',
      value: worst,
      source: 'code',
    });
  } else if (max !== null) {
    worst = max;
    const why = call.outputLimit ? 'the output limit is not a constant' : 'no output limit';
    notes.push(`${why}: worst case uses the model's max output of ${formatTokens(max)} tokens`);
    assumptions.push({
      key: 'worstCaseOutput',
      label: "worst-case output tokens (the model's max)",
      value: max,
      source: 'model',
    });
  } else {
    worst = null;
    notes.push(`no output limit and ${entry.id}'s max output is unknown: worst case unknown`);
    assumptions.push({ key: 'worstCaseOutput', label: 'worst-case output tokens', value: null, source: 'model' });
  }
  const visible = context.settings.expectedOutputTokens;
  assumptions.push(settingAssumption('expectedOutputTokens', 'expected output tokens (visible answer)', context));
  const plan = planReasoning(call, entry, context.settings);
  let reasoning = 0;
  if (plan) {
    reasoning = plan.tokens;
    if (plan.budget !== undefined) {
      assumptions.push({
        key: 'reasoningTokens',
        label: 'reasoning tokens (the thinking budget in the code)',
        value: plan.budget,
        source: 'code',
      });
      notes.push(
        `reasoning: ${plan.note}, spent in full as the expected case (in place of ${settingKeys.reasoningTokens}), billed as output; the worst case is the output limit, which includes them`,
      );
    } else if (plan.effort) {
      assumptions.push({
        key: 'reasoningTokens',
        label: `reasoning tokens at effort ${plan.effort}`,
        value: plan.tokens,
        source: context.sources?.reasoningTokens ?? 'default',
        setting: settingKeys.reasoningTokens,
      });
      notes.push(
        `reasoning: ${plan.note}, ${formatTokens(plan.tokens)} reasoning tokens expected (${settingKeys.reasoningTokens}.${plan.effort}), billed as output; the worst case is the output limit, which includes them`,
      );
    } else notes.push(`reasoning: ${plan.note}`);
  }
  const wanted = visible + reasoning;
  const expected = worst === null ? wanted : Math.min(wanted, worst);
  const parts = reasoning > 0 ? ` = ${formatTokens(visible)} visible + ${formatTokens(reasoning)} reasoning` : '';
  const capped = expected < wanted ? `, capped at the worst case` : '';
  notes.push(`expected output: ${formatTokens(expected)} tokens${parts}${capped}`);
  return { expected, reasoning: Math.min(reasoning, expected), worst };
}

/** A priced part as a line of the breakdown, its keys in the part's order (a spread and one more key is slow in V8). */
function breakdownLine(part: PricedPart, which: BreakdownLine['case']): BreakdownLine {
  const { part: name, tokens, usdPerMTok, usd, how, source } = part;
  return { part: name, tokens, usdPerMTok, usd, how, source, case: which };
}

function scale(pair: { expected: number; worst: number | null }, factor: number): CostPair {
  return { expected: pair.expected * factor, worst: pair.worst === null ? null : pair.worst * factor };
}

/**
 * OpenRouter's `:free` variants cost nothing but are rate-limited to a few requests a minute and a daily cap, which
 * traffic at a cost worth projecting outgrows: they are priced as the paid model (the table leaves them out).
 */
function freeVariantNote(model: string): string {
  return model.endsWith(':free')
    ? ` (the ':free' variant costs nothing but is rate-limited: priced as the paid model that real traffic needs)`
    : '';
}

/**
 * The cost of one call: tokens sent (static text counted, dynamic parts and whole conversations at the
 * configured sizes), prompt caching with traffic, batch and long-context prices, expected output (reasoning
 * included) and worst case, per call and per month. Every value assumed is listed in `assumptions`. Unknown
 * models give no dollar figure, only the reason and the closest known names.
 */
export function estimateCallCost(call: CallRecord, context: CostContext): CallCost {
  const { table, settings } = context;
  if (!call.model)
    return unknownCost(
      call,
      context,
      'model not known: the code does not say it here (it comes from a parameter, a setting or another call)',
      [],
    );
  const resolution = resolveModel(call.model, table, resolveHintOf(call));
  if (resolution.unknown) {
    const kind = unpricedKind(call.model);
    // Billed by audio tokens, images or seconds: no text model is a suggestion for it.
    if (kind) return unknownCost(call, context, `'${call.model}' is ${kind}, which the price table does not price`, []);
    return unknownCost(call, context, `unknown model '${call.model}'`, resolution.suggestions);
  }
  const entry = resolution.entry;
  const perDay = callsPerDayOf(call, context);
  const requests = call.batch && call.batchRequests !== null && call.batchRequests > 0 ? call.batchRequests : 1;
  const notes: string[] = [];
  const assumptions: Assumption[] = [
    {
      key: 'callsPerDay',
      label: 'calls a day',
      value: perDay.callsPerDay,
      source: perDay.callsPerDaySource,
      setting: settingKeys.callsPerDay,
    },
  ];
  if (resolution.expectedProvider) {
    notes.push(
      `'${call.model}' is not in ${providerNames[resolution.expectedProvider]}'s price list: priced as ${providerNames[entry.provider]}'s ${entry.id}`,
    );
  } else if (resolution.via !== 'name')
    notes.push(`'${call.model}' priced as ${entry.id}${freeVariantNote(call.model)}`);
  const chat = entry.mode === 'chat';
  const prompt = countPromptTokens(call, entry.tokenizer, settings, chat, context.count);
  const counted = prompt.staticExact ? 'counted exactly' : `estimated (≈, ${entry.tokenizer} character ratio)`;
  const tools = prompt.toolTokens > 0 ? `, ${formatTokens(prompt.toolTokens)} of them tool definitions` : '';
  notes.push(`input: ${formatTokens(prompt.staticTokens)} tokens of static text ${counted}${tools}`);
  if (prompt.dynamicParts > 0) {
    notes.push(
      `+ ${prompt.dynamicParts} dynamic part(s) × ${formatTokens(settings.dynamicPartTokens)} tokens (${settingKeys.dynamicPartTokens})`,
    );
    assumptions.push(
      settingAssumption('dynamicPartTokens', `tokens per dynamic part (×${prompt.dynamicParts})`, context),
    );
  }
  for (const conversation of prompt.conversations) {
    notes.push(
      `+ \`${conversation}\` is a whole conversation: ${formatTokens(settings.historyTokens)} tokens of chat history (${settingKeys.historyTokens})`,
    );
  }
  if (prompt.conversations.length > 0) {
    const times = prompt.conversations.length > 1 ? ` (×${prompt.conversations.length})` : '';
    assumptions.push(settingAssumption('historyTokens', `tokens of chat history${times}`, context));
  }
  if (prompt.overheadTokens > 0) notes.push(`+ ${prompt.overheadTokens} tokens of chat formatting`);
  // Input the code sends but the count leaves out: the figure is then a floor, and says so.
  if (chat && call.features.tools) {
    notes.push(
      prompt.toolTokens > 0
        ? "not counted: the provider's tool-use instructions added to the tool definitions (a few hundred tokens on some models)"
        : "not counted: the tool definitions sent with the call (their schemas and the provider's tool-use instructions, often hundreds of tokens)",
    );
  }
  if (chat && call.features.vision) {
    notes.push('not counted: images in the request (about 85 to 1,600 tokens each, by size, detail and provider)');
  }
  // Requests in one batch reach the cache like separate calls.
  const split = splitForCaching(call, entry, prompt.total, prompt.staticPrefixTokens, perDay.callsPerDay * requests);
  notes.push(...split.notes);
  if (split.read + split.write5m + split.write1h > 0) {
    assumptions.push({
      key: 'cacheWriteShare',
      label: 'share of calls that write the prompt cache (Poisson arrivals)',
      value: split.writeShare,
      source: perDay.callsPerDaySource,
      setting: settingKeys.callsPerDay,
    });
  }
  const output = planOutput(call, entry, context, notes, assumptions);
  // Written out rather than `{ ...usage, output }`: V8 adds a property after a spread through a slow path, and
  // this runs twice for each call of a workspace.
  const usage = (outputTokens: number): TokenUsage => ({
    input: split.uncached,
    cacheRead: split.read,
    cacheWrite5m: split.write5m,
    cacheWrite1h: split.write1h,
    batch: call.batch,
    output: outputTokens,
  });
  const expected = priceTokens(entry, usage(output.expected), table);
  const worst = output.worst === null ? null : priceTokens(entry, usage(output.worst), table);
  notes.push(...expected.notes);
  const breakdown: BreakdownLine[] = [
    ...expected.parts.map((p) => breakdownLine(p, p.part === 'output' ? 'expected' : 'both')),
    ...(worst?.parts ?? []).filter((p) => p.part === 'output').map((p) => breakdownLine(p, 'worst')),
  ];
  if (call.batch) {
    if (requests > 1) {
      notes.push(`batch of ${requests} requests written in the code: per submission = ${requests} × the request above`);
      assumptions.push({
        key: 'batchRequests',
        label: 'requests per batch submission',
        value: requests,
        source: 'code',
      });
    } else if (call.batchRequests === null) {
      notes.push('the number of requests in this batch is not visible in the code: priced as one request');
    }
  }
  const perCall = scale({ expected: expected.totalUsd, worst: worst?.totalUsd ?? null }, requests);
  const perMonth = perDay.callsPerDay * daysPerMonth;
  notes.push(
    `per month: per call × ${formatTokens(perDay.callsPerDay)} calls a day (${perDay.callsPerDaySource}) × ${daysPerMonth}`,
    `prices: ${describeSource(entry.prices.input, table)} (table in use: ${table.origin?.label ?? 'the bundled snapshot'})`,
  );
  return {
    model: call.model,
    resolved: { id: entry.id, provider: entry.provider },
    unknown: null,
    inputTokens: prompt.total,
    inputExact: prompt.exact,
    outputTokens: output,
    costPerCallUsd: perCall,
    monthlyUsd: scale(perCall, perMonth),
    callsPerDay: perDay.callsPerDay,
    callsPerDaySource: perDay.callsPerDaySource,
    requests,
    breakdown,
    assumptions,
    notes,
  };
}
