import { formatTokens, formatUsd, formatUsdShort } from '../../core/cost/format';
import type { UsdRange } from '../../core/workspace/totals';

export { formatTokens, formatUsd, formatUsdShort };

export const plural = (n: number, word: string, many = `${word}s`): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;

/** `$1,260/mo`; a range whose worst case is unknown says so rather than adding it as nothing. */
export function monthly(usd: number): string {
  return `${formatUsdShort(usd)}/mo`;
}

export function worstCase(range: UsdRange): string {
  return range.worst === null ? 'worst case unknown' : `worst case ${monthly(range.worst)}`;
}
