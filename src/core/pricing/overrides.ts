import { isRecord, roundUsd } from './generate/draft';
import { canonicalKey } from './names';
import { resolveModel } from './resolve';
import { priceKinds, type ModelEntry, type PriceKind, type PriceSet, type PriceTable } from './types';

/** A user's price for one model (negotiated rate, private deployment), USD per 1M tokens. */
export interface PriceOverride {
  model: string;
  prices: Partial<Record<PriceKind, number>>;
  /** For a name the table does not know (a deployment): the model whose other facts it shares. */
  basedOn?: string;
  contextWindow?: number;
  maxOutputTokens?: number;
}

export interface OverrideValidation {
  overrides: PriceOverride[];
  /** One message per bad entry, naming it; the valid entries are kept. */
  problems: string[];
}

export const overrideSourceKey = 'override';

const countFields = ['contextWindow', 'maxOutputTokens'] as const;

/** Which models price overrides set, for the lines that name where prices come from (CLI footer, report). */
export function describeOverrides(models: readonly string[]): string {
  return models.length > 0 ? `your price overrides for ${models.join(', ')}` : 'no price overrides';
}

/**
 * Validates the overrides setting: `{ "<model>": { "input": 2, "output": 8, "cacheRead": 0.5, "basedOn": "gpt-4o" } }`.
 * Price fields are the table's (`input`, `output`, `cacheRead`, `cacheWrite5m`, `cacheWrite1h`, `batchInput`,
 * `batchOutput`).
 */
export function validateOverrides(raw: unknown): OverrideValidation {
  const overrides: PriceOverride[] = [];
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { overrides, problems };
  if (!isRecord(raw)) return { overrides, problems: ['price overrides: expected an object keyed by model name'] };
  for (const [model, value] of Object.entries(raw)) {
    const bad = (message: string): void => void problems.push(`price override '${model}': ${message}`);
    if (!model.trim()) {
      bad('the model name is empty');
      continue;
    }
    if (!isRecord(value)) {
      bad('expected an object such as { "input": 2.5, "output": 10 }');
      continue;
    }
    const override: PriceOverride = { model, prices: {} };
    let ok = true;
    for (const [field, v] of Object.entries(value)) {
      if ((priceKinds as readonly string[]).includes(field)) {
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
          bad(`${field} must be a non-negative number of USD per 1M tokens, not ${JSON.stringify(v)}`);
          ok = false;
        } else override.prices[field as PriceKind] = v;
      } else if ((countFields as readonly string[]).includes(field)) {
        if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
          bad(`${field} must be a positive whole number of tokens, not ${JSON.stringify(v)}`);
          ok = false;
        } else override[field as (typeof countFields)[number]] = v;
      } else if (field === 'basedOn') {
        if (typeof v !== 'string' || !v.trim()) {
          bad('basedOn must be a model name');
          ok = false;
        } else override.basedOn = v;
      } else {
        bad(`unknown field '${field}' (expected ${[...priceKinds, ...countFields, 'basedOn'].join(', ')})`);
        ok = false;
      }
    }
    if (ok && Object.keys(override.prices).length === 0 && !override.basedOn) {
      bad('no price given');
      ok = false;
    }
    if (ok) overrides.push(override);
  }
  return { overrides, problems };
}

/** Prices not overridden keep their ratio to the base price they derive from (batch, cache read and write). */
const derivedFrom: Partial<Record<PriceKind, PriceKind>> = {
  cacheRead: 'input',
  cacheWrite5m: 'input',
  cacheWrite1h: 'input',
  batchInput: 'input',
  batchOutput: 'output',
};

function patched(base: ModelEntry, override: PriceOverride, id: string): ModelEntry {
  const prices: PriceSet = { ...base.prices };
  for (const kind of priceKinds) {
    const usd = override.prices[kind];
    if (usd !== undefined) {
      prices[kind] = { usd, src: overrideSourceKey };
      continue;
    }
    const from = derivedFrom[kind];
    const own = prices[kind];
    const newBase = from === undefined ? undefined : override.prices[from];
    const oldBase = from === undefined ? undefined : base.prices[from];
    if (own && newBase !== undefined && oldBase && oldBase.usd > 0) {
      prices[kind] = { usd: roundUsd((own.usd / oldBase.usd) * newBase), src: overrideSourceKey };
    }
  }
  const input = prices.input ?? base.prices.input;
  // Long-context tiers are list prices; a negotiated base rate makes them meaningless.
  const repriced = override.prices.input !== undefined || override.prices.output !== undefined;
  return {
    ...base,
    id,
    aliases: id === base.id ? base.aliases : [],
    prefixes: id === base.id ? base.prefixes : [],
    provider: base.provider,
    prices: { ...prices, input },
    tiers: repriced ? [] : base.tiers,
    contextWindow: override.contextWindow ?? base.contextWindow,
    maxOutputTokens: override.maxOutputTokens ?? base.maxOutputTokens,
  };
}

function customEntry(override: PriceOverride): ModelEntry | null {
  const { input, output } = override.prices;
  if (input === undefined || output === undefined) return null;
  const prices: PriceSet = {};
  for (const kind of priceKinds) {
    const usd = override.prices[kind];
    if (usd !== undefined) prices[kind] = { usd, src: overrideSourceKey };
  }
  return {
    id: override.model,
    provider: 'custom',
    mode: 'chat',
    aliases: [],
    prefixes: [],
    prices: { ...prices, input: { usd: input, src: overrideSourceKey } },
    tiers: [],
    contextWindow: override.contextWindow ?? null,
    maxOutputTokens: override.maxOutputTokens ?? null,
    tokenizer: 'generic',
    tier: 'standard',
    caching: { kind: 'none', minTokens: null },
    capabilities: { vision: null, tools: null, structuredOutput: null, reasoning: null },
  };
}

/**
 * A copy of `table` with the overrides applied. A name the table knows under another spelling gets its own
 * entry (so only that name is repriced); an unknown name needs `basedOn`, or both input and output prices.
 */
export function applyOverrides(
  table: PriceTable,
  overrides: PriceOverride[],
  today = new Date().toISOString().slice(0, 10),
): { table: PriceTable; problems: string[] } {
  if (overrides.length === 0) return { table, problems: [] };
  const problems: string[] = [];
  let models = [...table.models];
  for (const override of overrides) {
    const current: PriceTable = { ...table, models };
    const baseName = override.basedOn ?? override.model;
    const resolved = resolveModel(baseName, current);
    let entry: ModelEntry | null;
    if (!resolved.unknown) {
      const sameName = !override.basedOn && canonicalKey(resolved.entry.id) === canonicalKey(override.model);
      entry = patched(resolved.entry, override, sameName ? resolved.entry.id : override.model);
      if (sameName) models = models.filter((m) => m !== resolved.entry);
    } else if (override.basedOn) {
      problems.push(
        `price override '${override.model}': basedOn '${override.basedOn}' is not a known model (closest: ${resolved.suggestions.join(', ')})`,
      );
      continue;
    } else {
      entry = customEntry(override);
      if (!entry) {
        problems.push(
          `price override '${override.model}': not a known model, so both input and output prices (or basedOn) are needed`,
        );
        continue;
      }
    }
    models = [entry, ...models];
  }
  const sources = { ...table.sources, [overrideSourceKey]: { name: 'your price override (setting)', date: today } };
  return { table: { ...table, sources, models }, problems };
}
