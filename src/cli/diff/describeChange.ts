import { formatTokens, formatUsd } from '../../core/cost/format';
import type { CallChange, CallSide } from '../../core/diff/callDiff';

/** `+$12.30` / `-$4.00` / `$0`; "not priced" when a side has no price. */
export function signedUsd(usd: number | null): string {
  if (usd === null) return 'not priced';
  if (Math.abs(usd) < 1e-9) return '$0';
  return `${usd > 0 ? '+' : '-'}${formatUsd(Math.abs(usd))}`;
}

/** `+21.6%` of the base, or '' when there is no base to compare with. */
export function signedPercent(delta: number, base: number): string {
  if (base <= 0 || Math.abs(delta) < 1e-9) return '';
  const percent = (delta / base) * 100;
  return `${percent > 0 ? '+' : ''}${percent.toFixed(Math.abs(percent) < 10 ? 1 : 0)}%`;
}

/** `4,096`; `set` when its value is not known; `none`; `not shown` when the settings are passed whole. */
const limitText = (side: CallSide): string =>
  side.limit !== 'set' ? side.limit : side.outputLimit === null ? 'set' : formatTokens(side.outputLimit);
const tokensText = (tokens: number | null): string => (tokens === null ? '?' : formatTokens(tokens));

/** What a side costs and runs: `gpt-4o · $296.00/mo`. */
export function sideSummary(side: CallSide | null): string {
  if (!side) return '—';
  const money = side.monthlyUsd ? `${formatUsd(side.monthlyUsd.expected)}/mo` : 'not priced';
  return `${side.model ?? 'model unknown'} · ${money}`;
}

/**
 * What changed about a call, in the words of a review: `model gpt-4o-mini → gpt-4o`, `output limit 300 → none`,
 * `prompt 1,200 → 2,400 tokens`, `now in a loop`, `calls a day 1,000 → 5,000`.
 */
export function whatChanged(change: CallChange): string {
  const { before: b, after: a } = change;
  if (!b) return `new ${a?.sdk ?? ''} ${a?.api ?? ''} call`.replace(/\s+/g, ' ').trim();
  if (!a) return `${b.sdk} ${b.api} call removed`;
  const parts: string[] = [];
  if (b.model !== a.model) parts.push(`model ${b.model ?? 'unknown'} → ${a.model ?? 'unknown'}`);
  else if (b.pricedAs !== a.pricedAs) parts.push(`priced as ${b.pricedAs ?? 'unknown'} → ${a.pricedAs ?? 'unknown'}`);
  if (b.outputLimit !== a.outputLimit || b.limit !== a.limit)
    parts.push(`output limit ${limitText(b)} → ${limitText(a)}`);
  if (b.inputTokens !== a.inputTokens)
    parts.push(`prompt ${tokensText(b.inputTokens)} → ${tokensText(a.inputTokens)} tokens`);
  if (b.inLoop !== a.inLoop) parts.push(a.inLoop ? 'now in a loop' : 'no longer in a loop');
  if (b.batch !== a.batch) parts.push(a.batch ? 'now through the batch API' : 'no longer batched');
  if (b.callsPerDay !== a.callsPerDay) {
    parts.push(`calls a day ${formatTokens(b.callsPerDay)} → ${formatTokens(a.callsPerDay)}`);
  }
  return parts.length > 0 ? parts.join('; ') : 'cost changed';
}
