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
