/** `$0.0123`, `$1.23`, `$1,234.56`: enough digits to be useful for sub-cent per-call figures. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  const abs = Math.abs(usd);
  const digits = abs >= 100 ? 2 : abs >= 1 ? 2 : Math.min(8, Math.max(2, 2 - Math.floor(Math.log10(abs)) + 1));
  return `$${usd.toLocaleString('en-US', { minimumFractionDigits: abs >= 1 ? 2 : 0, maximumFractionDigits: digits })}`;
}

export function formatTokens(tokens: number): string {
  return Math.round(tokens).toLocaleString('en-US');
}

/** USD per 1M tokens as the price tables write it. */
export function formatRate(usdPerMTok: number): string {
  return `$${usdPerMTok.toLocaleString('en-US', { maximumFractionDigits: 6 })}/1M`;
}
