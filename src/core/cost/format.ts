const formats = new Map<string, Intl.NumberFormat>();

/**
 * An en-US number format with these fraction digits, made once: `toLocaleString` with options builds a new
 * formatter on every call, and figures are formatted dozens of times per call on every keystroke.
 */
function numberFormat(minimumFractionDigits: number, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${minimumFractionDigits}:${maximumFractionDigits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits, maximumFractionDigits });
    formats.set(key, format);
  }
  return format;
}

/**
 * Texts of numbers already formatted: token counts, rates and dollar figures repeat across a workspace's calls (the
 * same limits, prompts and models), and an Intl format costs a microsecond or two each time. Bounded: cleared when
 * full.
 */
class FormattedNumbers {
  private readonly texts = new Map<number, string>();

  constructor(private readonly write: (value: number) => string) {}

  get(value: number): string {
    // -0 and 0 share a key in a Map, and Intl writes them differently.
    if (Object.is(value, -0)) return this.write(value);
    let text = this.texts.get(value);
    if (text === undefined) {
      if (this.texts.size >= 10_000) this.texts.clear();
      text = this.write(value);
      this.texts.set(value, text);
    }
    return text;
  }
}

const tokenTexts = new FormattedNumbers((tokens) => numberFormat(0, 0).format(Math.round(tokens)));
const rateTexts = new FormattedNumbers((usdPerMTok) => `$${numberFormat(0, 6).format(usdPerMTok)}/1M`);

const usdTexts = new FormattedNumbers((usd) => {
  if (usd === 0) return '$0';
  const abs = Math.abs(usd);
  if (abs >= 1) return `$${numberFormat(2, 2).format(usd)}`;
  // Four significant digits below a dollar are at least four decimals; at least cents, as dollars are written:
  // `$0.60`, not `$0.6`.
  return `$${numberFormat(2, Math.min(12, 3 - Math.floor(Math.log10(abs)))).format(usd)}`;
});

/**
 * `$1,234.56` from a dollar up; below it four significant digits (`$0.005515`), so per-call figures stay readable,
 * and at least cents (`$0.60`).
 */
export function formatUsd(usd: number): string {
  return usdTexts.get(usd);
}

/** `1 call`, `1,200 calls`: a count with its word, plural past one. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

export function formatTokens(tokens: number): string {
  return tokenTexts.get(tokens);
}

/** USD per 1M tokens as the price tables write it. */
export function formatRate(usdPerMTok: number): string {
  return rateTexts.get(usdPerMTok);
}

/**
 * Dollars at a glance, for one-line summaries (`$0.0042`, `$0.60`, `$12.60`, `$1,260`): two significant digits below
 * a dollar (at least cents), cents up to $100, whole dollars above. Zero is written `$0` only for a real price of zero.
 */
export function formatUsdShort(usd: number): string {
  if (usd === 0) return '$0';
  // Rounding can carry a figure into the next band ($0.996 → $1.00, $99.996 → $100): band by the rounded value.
  const small = Number(usd.toPrecision(2));
  if (Math.abs(small) < 1) return `$${numberFormat(2, 12).format(small)}`;
  const cents = Math.round(usd * 100) / 100;
  if (Math.abs(cents) < 100) return `$${numberFormat(2, 2).format(cents)}`;
  return `$${numberFormat(0, 0).format(Math.round(usd))}`;
}

/**
 * Why calls have no price, in words the lens and the finding use: the code names no model, or it names one the
 * price table lacks (`ui-tars`), or some of each.
 */
export function notPricedReason(counts: { unpriced: number; unnamed: number }): string {
  if (counts.unnamed >= counts.unpriced) return 'model not known';
  return counts.unnamed === 0 ? 'model not in the price table' : 'model not known or not in the price table';
}
