import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countTokens, isEncodingLoaded, loadEncodingSoon } from '../../../src/core/tokens';

// node --test runs each file in its own process: nothing has loaded a rank table before this file.

test('tokens: importing the module loads no rank table', () => {
  assert.equal(isEncodingLoaded('o200k_base'), false);
  assert.equal(isEncodingLoaded('cl100k_base'), false);
});

test('tokens: an estimate (≈) while the table loads in the background, then the exact count', async () => {
  const text = 'Count me once the table is there.';
  const early = countTokens(text, 'gpt-4', { whenNotLoaded: 'estimate' });
  assert.equal(early.exact, false);
  assert.equal(early.tokens, Math.ceil(text.length / 4));
  await loadEncodingSoon('cl100k_base');
  assert.equal(isEncodingLoaded('cl100k_base'), true);
  const later = countTokens(text, 'gpt-4', { whenNotLoaded: 'estimate' });
  assert.equal(later.exact, true);
  assert.equal(isEncodingLoaded('o200k_base'), false);
});
