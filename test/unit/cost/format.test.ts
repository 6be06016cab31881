import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatRate, formatTokens, formatUsd } from '../../../src/core/cost/format';

const en = (min: number, max: number, value: number): string =>
  new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max }).format(value);

/**
 * The dollar text as written without any memo: `$1,234.56` from a dollar up, else four significant digits and at
 * least cents.
 */
function usdText(usd: number): string {
  if (usd === 0) return '$0';
  const abs = Math.abs(usd);
  return abs >= 1 ? `$${en(2, 2, usd)}` : `$${en(2, Math.max(2, Math.min(12, 3 - Math.floor(Math.log10(abs)))), usd)}`;
}

/** Values near each other and across bands, so that a memo keyed by anything but the exact value shows. */
const values = [
  0,
  -0,
  1,
  0.5,
  0.005515,
  0.0055149,
  0.0055151,
  0.00021285,
  0.000212851,
  6.3855,
  6.3854999999999995,
  165.45,
  1234.5,
  1234.567,
  0.999999,
  1.005,
  12600.5,
  3e-9,
  2.5e-13,
  -0.42,
  -1500.25,
  2 / 3,
  1 / 3,
  1e6 + 0.004,
  123456789.125,
];

describe('number texts', () => {
  it('write each dollar figure as Intl does, the same when asked again in another order', () => {
    for (const value of [...values, ...[...values].reverse(), ...values]) {
      assert.equal(formatUsd(value), usdText(value), String(value));
    }
  });

  it('write at least cents below a dollar', () => {
    assert.deepEqual([0.6, 0.5, 0.05, 0.12, 0.0042].map(formatUsd), ['$0.60', '$0.50', '$0.05', '$0.12', '$0.0042']);
  });

  it('write token counts and rates as Intl does, however often asked', () => {
    for (const value of [...values, ...[...values].reverse()]) {
      assert.equal(formatTokens(value), en(0, 0, Math.round(value)), String(value));
      assert.equal(formatRate(value), `$${en(0, 6, value)}/1M`, String(value));
    }
  });
});
