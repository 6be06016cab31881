import type { DraftModel } from './draft';
import { readGenaiPrices } from './genaiPrices';
import { readLiteLlm, type LiteLlmModel } from './litellm';
import { finishEntry, ruleSources } from './rules';
import { canonicalKey, withoutSnapshotSuffixes } from '../names';
import { resolveModel } from '../resolve';
import type { ModelEntry, PriceKind, PriceTable, SourceInfo } from '../types';

export interface SourceInput {
  format: 'genai-prices' | 'litellm';
  data: unknown;
  info: SourceInfo;
}

export interface BuildResult {
  table: PriceTable;
  problems: string[];
}

/** The LiteLLM record that describes the draft best: its own name first, then one at the same input price. */
function bestRecord(draft: DraftModel, records: LiteLlmModel[]): LiteLlmModel | undefined {
  const own = records.find((r) => canonicalKey(r.bare) === canonicalKey(draft.id));
  return own ?? records.find((r) => r.prices.input === draft.prices.input?.usd) ?? records[0];
}

function supplement(draft: DraftModel, record: LiteLlmModel, src: string): void {
  const fill = (kind: PriceKind): void => {
    const usd = record.prices[kind];
    if (usd !== undefined && !draft.prices[kind]) draft.prices[kind] = { usd, src };
  };
  // Prices derived from a different input price are stale (LiteLLM lags price cuts): fill only when they agree.
  const sameBase = draft.prices.input === undefined || record.prices.input === draft.prices.input.usd;
  // LiteLLM's Anthropic 1-hour prices are sometimes wrong (Haiku 3 at $6); the provider rule is exact.
  const kinds = ['cacheRead', 'cacheWrite5m', 'cacheWrite1h', 'batchInput', 'batchOutput'] as const;
  if (sameBase) kinds.filter((k) => draft.provider !== 'anthropic' || k !== 'cacheWrite1h').forEach(fill);
  fill('input');
  fill('output');
  if (draft.tiers.length === 0 && sameBase) {
    const byThreshold = new Map<number, DraftModel['tiers'][number]>();
    for (const t of record.tiers) {
      const tier = byThreshold.get(t.above) ?? { above: t.above, prices: {} };
      tier.prices[t.kind] = { usd: t.usd, src };
      byThreshold.set(t.above, tier);
    }
    draft.tiers = [...byThreshold.values()].filter((t) => t.prices.input).sort((a, b) => a.above - b.above);
  }
  // genai-prices rounds context windows (1,000,000 for gpt-4.1's 1,047,576); LiteLLM's exact figure wins when close.
  const window = record.maxInputTokens;
  if (
    draft.contextWindow === null ||
    (window !== null && Math.abs(window - draft.contextWindow) <= draft.contextWindow * 0.1)
  ) {
    draft.contextWindow = window ?? draft.contextWindow;
  }
  draft.maxOutputTokens ??= record.maxOutputTokens;
  draft.supportsCaching ??= record.supportsCaching;
  draft.cacheMinTokens ??= record.cacheMinTokens;
  if (record.mode === 'embedding') draft.mode = 'embedding';
}

function liteLlmDraft(record: LiteLlmModel): DraftModel {
  return {
    id: record.bare,
    provider: record.provider,
    mode: record.mode,
    aliases: [],
    prefixes: [],
    prices: {},
    tiers: [],
    contextWindow: null,
    maxOutputTokens: null,
    cacheMinTokens: null,
    supportsCaching: null,
  };
}

/**
 * Builds the table: genai-prices (more current and careful) gives the models and their prices; LiteLLM adds
 * names, max output, batch and 1-hour cache prices, long-context tiers, and the models genai-prices lacks.
 * Provider rules fill what both leave out. Every price keeps the key of its source.
 */
export function buildPriceTable(inputs: SourceInput[], asOf: string): BuildResult {
  const problems: string[] = [];
  const sources: Record<string, SourceInfo> = {};
  const drafts: DraftModel[] = [];
  const records: { record: LiteLlmModel; src: string }[] = [];
  for (const input of inputs) {
    const src = input.format;
    sources[src] = input.info;
    if (input.format === 'genai-prices') drafts.push(...readGenaiPrices(input.data, src, asOf, problems));
    else records.push(...readLiteLlm(input.data, asOf, problems).map((record) => ({ record, src })));
  }
  // LiteLLM names resolve against the primary source's names, with the same rules as at run time.
  const primary = { models: drafts.map((d) => ({ ...d, aliases: [...d.aliases] })) };
  const matched = new Map<DraftModel, LiteLlmModel[]>();
  const extra = new Map<string, { draft: DraftModel; records: LiteLlmModel[] }>();
  for (const { record } of records) {
    const resolved = resolveModel(`${record.provider}/${record.bare}`, primary);
    const draft = resolved.unknown ? undefined : drafts.find((d) => d.id === resolved.entry.id);
    if (draft && draft.provider === record.provider) {
      matched.set(draft, [...(matched.get(draft) ?? []), record]);
      draft.aliases.push(record.bare);
      continue;
    }
    const key = canonicalKey(record.bare);
    const base = [key, ...withoutSnapshotSuffixes(key)].find((k) => extra.has(k)) ?? key;
    const group = extra.get(base) ?? { draft: liteLlmDraft(record), records: [] };
    group.records.push(record);
    if (group.draft.id !== record.bare) group.draft.aliases.push(record.bare);
    extra.set(base, group);
  }
  const liteSrc = records[0]?.src ?? 'litellm';
  for (const [draft, list] of matched) {
    const best = bestRecord(draft, list);
    if (best) supplement(draft, best, liteSrc);
  }
  for (const { draft, records: list } of extra.values()) {
    const best = bestRecord(draft, list) ?? list[0];
    if (best) supplement(draft, best, liteSrc);
    drafts.push(draft);
  }
  const models = drafts
    .map(finishEntry)
    .filter((e): e is ModelEntry => e !== null)
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id));
  const used = new Set(
    models.flatMap((m) =>
      [...Object.values(m.prices), ...m.tiers.flatMap((t) => Object.values(t.prices))].map((p) => p.src),
    ),
  );
  for (const [key, info] of Object.entries(ruleSources)) {
    if (used.has(key)) sources[key] = { ...info, date: asOf };
  }
  return { table: { generatedAt: asOf, sources, models }, problems };
}
