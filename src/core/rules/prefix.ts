import type { PromptSegment } from '../analysis/types';
import type { ModelEntry } from '../pricing/types';
import { countTokensForFamily, type CountOptions } from '../tokens/count';

/** Tokens of static text in segments: before the first dynamic part, and in all. */
export interface PrefixTokens {
  /** Static tokens before the first dynamic part (what a prefix cache can hold). */
  prefix: number;
  /** Static tokens after the first dynamic part. */
  after: number;
  dynamicParts: number;
  exact: boolean;
}

export function prefixTokens(
  segments: readonly PromptSegment[],
  entry: ModelEntry,
  count: CountOptions = {},
): PrefixTokens {
  const counted: PrefixTokens = { prefix: 0, after: 0, dynamicParts: 0, exact: true };
  for (const segment of segments) {
    if (segment.kind === 'dynamic') {
      counted.dynamicParts++;
      continue;
    }
    const { tokens, exact } = countTokensForFamily(segment.text, entry.tokenizer, count);
    counted.exact &&= exact;
    if (counted.dynamicParts === 0) counted.prefix += tokens;
    else counted.after += tokens;
  }
  return counted;
}

/** The model's minimum cacheable prefix in tokens (below it nothing is cached); null when it does not cache. */
export function cacheMinimum(entry: ModelEntry | null): number | null {
  if (!entry || entry.caching.kind === 'none') return null;
  return entry.caching.minTokens ?? 1024;
}

/** `≈2,000` for an estimate, `2,000` for an exact count. */
export function tokensText(tokens: number, exact: boolean): string {
  return `${exact ? '' : '≈'}${Math.round(tokens).toLocaleString('en-US')}`;
}
