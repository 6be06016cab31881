import { differs, modelLabel, type Disagreement } from './disagreements';
import { reasonsByName } from './rules';
import type { DraftModel, StatedCapabilities } from './draft';
import type { LiteLlmModel } from './litellm';
import { formatRate, formatTokens } from '../../cost/format';
import { canonicalKey } from '../names';
import { capabilityKeys, type PriceKind, type SourceInfo } from '../types';

/** The two sources as the merge sees them: keys their prices carry, and their snapshot dates. */
export interface MergeSources {
  genai?: { key: string; info: SourceInfo };
  lite?: { key: string; info: SourceInfo };
}

type InputOutput = { input?: number; output?: number };

function agree(a: InputOutput, b: InputOutput): boolean {
  for (const kind of ['input', 'output'] as const) {
    const x = a[kind];
    const y = b[kind];
    if (x !== undefined && y !== undefined && differs(x, y)) return false;
  }
  return true;
}

/** Input and output within 5% of each other: the record describes the same priced model as the draft. */
export function pricesAgree(draft: DraftModel, record: { prices: InputOutput }): boolean {
  return agree({ input: draft.prices.input?.usd, output: draft.prices.output?.usd }, record.prices);
}

export function recordsAgree(a: LiteLlmModel, b: LiteLlmModel): boolean {
  return agree(a.prices, b.prices);
}

/** `$2.5 / $10` */
export function pricePair(input: number | undefined, output: number | undefined): string {
  const rate = (usd: number | undefined): string => (usd === undefined ? '?' : formatRate(usd).replace('/1M', ''));
  return `${rate(input)} / ${rate(output)} per 1M`;
}

/**
 * Which source is newer for a figure: a dated price counts from its date, every other figure from its source's
 * snapshot date; on a tie genai-prices (checked weekly against the providers' pages).
 */
export function newerIsLiteLlm(sources: MergeSources, genaiSince?: string): boolean {
  const genaiDate = genaiSince ?? sources.genai?.info.date ?? '';
  return (sources.lite?.info.date ?? '') > genaiDate;
}

function mergeCapabilities(records: LiteLlmModel[]): StatedCapabilities {
  const merged: StatedCapabilities = {};
  for (const key of capabilityKeys) {
    const stated = records.map((r) => r.capabilities[key]).filter((v): v is boolean => v !== undefined);
    if (stated.length > 0) merged[key] = stated.includes(true);
  }
  return merged;
}

/**
 * Fills a draft from the LiteLLM records that describe it (its own name first): cache, batch and long-context
 * prices (only from records at the same prices: LiteLLM lags price cuts), the exact context window, the max
 * output, capabilities. Cloud records give limits and capabilities only. Context-window gaps above 5% between
 * the sources are recorded and decided for the newer source.
 */
export function supplement(
  draft: DraftModel,
  records: LiteLlmModel[],
  sources: MergeSources,
  disagreements: Disagreement[],
): void {
  const src = sources.lite?.key ?? 'litellm';
  const own = records.filter((r) => !r.cloud && canonicalKey(r.bare) === canonicalKey(draft.id));
  const direct = [...own, ...records.filter((r) => !r.cloud && !own.includes(r))];
  const cloud = records.filter((r) => r.cloud);
  const agreeing = direct.filter((r) => pricesAgree(draft, r));
  const fill = (kind: PriceKind, from: LiteLlmModel[]): void => {
    if (draft.prices[kind]) return;
    const usd = from.map((r) => r.prices[kind]).find((v) => v !== undefined);
    if (usd !== undefined) draft.prices[kind] = { usd, src };
  };
  fill('input', direct);
  fill('output', direct);
  // LiteLLM's Anthropic 1-hour prices are sometimes wrong (Haiku 3 at $6); the provider rule is exact.
  const kinds = ['cacheRead', 'cacheWrite5m', 'cacheWrite1h', 'batchInput', 'batchOutput'] as const;
  for (const kind of kinds) if (draft.provider !== 'anthropic' || kind !== 'cacheWrite1h') fill(kind, agreeing);
  if (draft.tiers.length === 0) {
    const withTiers = agreeing.find((r) => r.tiers.length > 0);
    const byThreshold = new Map<number, DraftModel['tiers'][number]>();
    for (const t of withTiers?.tiers ?? []) {
      const tier = byThreshold.get(t.above) ?? { above: t.above, prices: {} };
      tier.prices[t.kind] = { usd: t.usd, src };
      byThreshold.set(t.above, tier);
    }
    draft.tiers = [...byThreshold.values()].filter((t) => t.prices.input).sort((a, b) => a.above - b.above);
  }
  const window = direct.map((r) => r.maxInputTokens).find((w) => w !== null) ?? null;
  if (draft.contextWindow === null)
    draft.contextWindow = window ?? cloud.find((r) => r.maxInputTokens)?.maxInputTokens ?? null;
  else if (window !== null && window !== draft.contextWindow) {
    if (!differs(window, draft.contextWindow))
      draft.contextWindow = window; // LiteLLM's exact figure for a rounded one
    else {
      const liteWins = newerIsLiteLlm(sources);
      disagreements.push({
        model: modelLabel(draft),
        field: 'contextWindow',
        said: [`genai-prices: ${formatTokens(draft.contextWindow)}`, `LiteLLM: ${formatTokens(window)}`],
        chosen: formatTokens(liteWins ? window : draft.contextWindow),
        rule: 'newerSource',
      });
      if (liteWins) draft.contextWindow = window;
    }
  }
  draft.maxOutputTokens ??= maxOutput(draft, direct, cloud);
  draft.supportsCaching ??= direct.map((r) => r.supportsCaching).find((v) => v !== null) ?? null;
  draft.cacheMinTokens ??= [...direct, ...cloud].map((r) => r.cacheMinTokens).find((v) => v !== null) ?? null;
  const stated = { ...mergeCapabilities(cloud), ...mergeCapabilities(direct) };
  if (direct.length > 0) {
    // LiteLLM reads a flag it leaves out as "not supported"; the reasoning name rule still applies.
    for (const key of capabilityKeys) stated[key] ??= key === 'reasoning' && reasonsByName(draft.id);
  }
  draft.capabilities = { ...stated, ...draft.capabilities };
}

/** Clouds serve these providers' models with the provider's own limits (Bedrock and Vertex cap Mistral's lower). */
const cloudKeepsLimits = new Set(['anthropic', 'google', 'openai']);

/**
 * The model's max output: its own records first; then the largest a cloud states (a worst case must not be
 * understated). Never the model's context window (or above every window the sources give): that is no limit.
 */
function maxOutput(draft: DraftModel, direct: LiteLlmModel[], cloud: LiteLlmModel[]): number | null {
  const windows = [draft.contextWindow, ...direct.map((r) => r.maxInputTokens)].filter((w): w is number => w !== null);
  const largest = Math.max(...windows, 0);
  const usable = (m: number | null): m is number =>
    m !== null && m !== draft.contextWindow && (largest === 0 || m < largest);
  const own = direct.map((r) => r.maxOutputTokens).find(usable);
  if (own !== undefined) return own;
  if (!cloudKeepsLimits.has(draft.provider)) return null;
  const fromClouds = cloud.map((r) => r.maxOutputTokens).filter(usable);
  return fromClouds.length > 0 ? Math.max(...fromClouds) : null;
}

/** A same-name price disagreement between the sources, decided for the newer one. */
export function decidePrices(
  draft: DraftModel,
  record: LiteLlmModel,
  sources: MergeSources,
  disagreements: Disagreement[],
): void {
  for (const kind of ['input', 'output', 'cacheRead'] as const) {
    const mine = draft.prices[kind];
    const theirs = record.prices[kind];
    if (!mine || theirs === undefined || !differs(mine.usd, theirs)) continue;
    const liteWins = newerIsLiteLlm(sources, mine.since);
    disagreements.push({
      model: modelLabel(draft),
      field: kind,
      said: [`genai-prices: ${formatRate(mine.usd)}`, `LiteLLM: ${formatRate(theirs)}`],
      chosen: formatRate(liteWins ? theirs : mine.usd),
      rule: 'newerSource',
    });
    if (liteWins) draft.prices[kind] = { usd: theirs, src: sources.lite?.key ?? 'litellm' };
  }
}
