/** `$1,234.56` from a dollar up; below it four significant digits (`$0.005515`), so per-call figures stay readable. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  const abs = Math.abs(usd);
  if (abs >= 1) return `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const digits = Math.min(12, 3 - Math.floor(Math.log10(abs)));
  return `$${usd.toLocaleString('en-US', { maximumFractionDigits: digits })}`;
}

export function formatTokens(tokens: number): string {
  return Math.round(tokens).toLocaleString('en-US');
}

/** USD per 1M tokens as the price tables write it. */
export function formatRate(usdPerMTok: number): string {
  return `$${usdPerMTok.toLocaleString('en-US', { maximumFractionDigits: 6 })}/1M`;
}

/**
 * Dollars at a glance, for one-line summaries (`$0.0042`, `$12.60`, `$1,260`): two significant digits below a
 * dollar, cents up to $100, whole dollars above. Zero is written `$0` only for a real price of zero.
 */
export function formatUsdShort(usd: number): string {
  if (usd === 0) return '$0';
  // Rounding can carry a figure into the next band ($0.996 → $1.00, $99.996 → $100): band by the rounded value.
  const small = Number(usd.toPrecision(2));
  if (Math.abs(small) < 1) return `$${small.toLocaleString('en-US', { maximumFractionDigits: 12 })}`;
  const cents = Math.round(usd * 100) / 100;
  if (Math.abs(cents) < 100) {
    return `$${cents.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  }
  return `$${Math.round(usd).toLocaleString('en-US')}`;
}
