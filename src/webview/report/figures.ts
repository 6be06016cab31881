import { formatTokens, formatUsd, formatUsdShort, notPricedReason, plural } from '../../core/cost/format';
import type { UsdRange } from '../../core/workspace/totals';

export { formatTokens, formatUsd, formatUsdShort, notPricedReason, plural };

/** Under a breakdown cut at its first rows: `and 2 more files — the calls table below lists them all`. */
export function moreRowsNote(rest: number, keyTitle: string): string {
  const noun = keyTitle.toLowerCase();
  return `and ${plural(rest, `more ${noun}`)} — the calls table below lists them all`;
}

/** `$1,260/mo`; a range whose worst case is unknown says so rather than adding it as nothing. */
export function monthly(usd: number): string {
  return `${formatUsdShort(usd)}/mo`;
}

export function worstCase(range: UsdRange): string {
  return range.worst === null ? 'worst case unknown' : `worst case ${monthly(range.worst)}`;
}

/** The names the code writes for a model priced under another (`in code: gpt-4-0125-preview, …`); '' when none. */
export function writtenAs(names: readonly string[] | undefined): string {
  return names && names.length > 0 ? `in code: ${names.join(', ')}` : '';
}

/** A model's label with the names the code writes for it: `gpt-4-turbo (in code: gpt-4-0125-preview)`. */
export function labelWithWritten(label: string, names: readonly string[] | undefined): string {
  const written = writtenAs(names);
  return written ? `${label} (${written})` : label;
}
