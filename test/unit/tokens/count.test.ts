import assert from 'node:assert/strict';
import { test } from 'node:test';
import reference from '../../fixtures/tokens/reference.json';
import {
  bpeCounter,
  chatOverheadTokens,
  countTokens,
  countTokensForFamily,
  tokenizerFamilyFor,
  type BpeEncoding,
} from '../../../src/core/tokens';

const encodings: BpeEncoding[] = ['o200k_base', 'cl100k_base'];

/** js-tiktoken's own encoder, the library the counter shares its tables with (an ES module, typed here). */
interface ReferenceEncoder {
  encode(text: string, allowedSpecial: string[], disallowedSpecial: string[]): number[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- js-tiktoken's types are ESM-only
const { Tiktoken } = require('js-tiktoken/lite') as { Tiktoken: new (ranks: unknown) => ReferenceEncoder };

test('tokens: counts equal the independent reference (gpt-tokenizer) on every text, both encodings', () => {
  assert.ok(reference.cases.length >= 15);
  for (const encoding of encodings) {
    for (const c of reference.cases) {
      assert.equal(bpeCounter(encoding).count(c.text), c[encoding], `${encoding} ${c.name}`);
    }
  }
});

test('tokens: counts equal js-tiktoken encode(text, [], []) on short mixed and random texts', () => {
  const pool = [...' \n\r\tabcXYZ0123456789.,!?\'"漢字ü🎉=<|>_-'];
  let seed = 7;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (const encoding of encodings) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the rank table by name
    const reference = new Tiktoken(require(`js-tiktoken/ranks/${encoding}`));
    for (let i = 0; i < 150; i++) {
      const text = Array.from(
        { length: 1 + Math.floor(random() * 120) },
        () => pool[Math.floor(random() * pool.length)],
      ).join('');
      assert.equal(
        bpeCounter(encoding).count(text),
        reference.encode(text, [], []).length,
        `${encoding} ${JSON.stringify(text)}`,
      );
    }
  }
});

test('tokens: special-token text never throws and counts as ordinary text', () => {
  const result = countTokens('<|endoftext|><|im_start|>user<|im_end|>', 'gpt-4o');
  assert.equal(result.exact, true);
  assert.ok(result.tokens > 3);
});

test('tokens: a 100,000-character run without whitespace is counted exactly and quickly', () => {
  const counter = bpeCounter('o200k_base');
  counter.count('warm up');
  let letters = '';
  for (let i = 0; i < 100_000; i++) letters += String.fromCharCode(97 + ((i * 7919) % 26));
  const start = performance.now();
  const tokens = counter.count(letters);
  const ms = performance.now() - start;
  assert.ok(tokens > 10_000);
  // The benchmark reports the figure (well under 100 ms); the bound here leaves room for a loaded CI machine.
  assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
  assert.equal(counter.count('a'.repeat(5000)), reference.cases.find((c) => c.name === 'longLetters')?.o200k_base);
});

test('tokens: the encoding per model follows tiktoken', () => {
  const cases: [string, string][] = [
    ['gpt-4o', 'o200k_base'],
    ['gpt-4o-mini-2024-07-18', 'o200k_base'],
    ['gpt-4.1', 'o200k_base'],
    ['gpt-5.2', 'o200k_base'],
    ['o3', 'o200k_base'],
    ['o4-mini', 'o200k_base'],
    ['openai/gpt-4o', 'o200k_base'],
    ['gpt-4', 'cl100k_base'],
    ['gpt-4-turbo', 'cl100k_base'],
    ['gpt-4-1106-preview', 'cl100k_base'],
    ['gpt-4-1-mini', 'o200k_base'],
    ['gpt-3.5-turbo', 'cl100k_base'],
    ['text-embedding-3-small', 'cl100k_base'],
    ['text-embedding-ada-002', 'cl100k_base'],
    ['claude-sonnet-4-5', 'claude'],
    ['claude-3-5-haiku-latest', 'claude'],
    ['claude-opus-4-7', 'claude-4.7'],
    ['claude-opus-4.8', 'claude-4.7'],
    ['claude-sonnet-5', 'claude-4.7'],
    ['gemini-2.5-pro', 'gemini'],
    ['deepseek-chat', 'generic'],
  ];
  for (const [model, family] of cases) assert.equal(tokenizerFamilyFor(model), family, model);
});

test('tokens: Claude and Gemini are estimates from the documented character ratios', () => {
  const text = 'x'.repeat(3400);
  assert.deepEqual(countTokens(text, 'claude-sonnet-4-5'), { tokens: 1000, exact: false, family: 'claude' });
  // The newer tokenizer (4.7 and later): 2.5 characters per token, about 30% more tokens.
  assert.deepEqual(countTokens(text, 'claude-opus-4-7'), { tokens: 1360, exact: false, family: 'claude-4.7' });
  assert.deepEqual(countTokens(text, 'gemini-2.5-flash'), { tokens: 850, exact: false, family: 'gemini' });
});

test('tokens: counts are memoised by content', () => {
  const text = `memo ${'lorem ipsum '.repeat(20_000)}`;
  const first = performance.now();
  const a = countTokens(text, 'gpt-4o');
  const firstMs = performance.now() - first;
  const second = performance.now();
  const b = countTokens(text, 'gpt-4o');
  const secondMs = performance.now() - second;
  assert.deepEqual(a, b);
  assert.ok(secondMs <= firstMs, `memoised ${secondMs} ms vs ${firstMs} ms`);
});

test('tokens: chat format adds 3 per message plus 3 for the reply', () => {
  assert.equal(chatOverheadTokens(0), 0);
  assert.equal(chatOverheadTokens(1), 6);
  assert.equal(chatOverheadTokens(2), 9);
});

test('tokens: a count store is asked first, and told every exact count it did not have', () => {
  const asked: string[] = [];
  const told = new Map<string, number>();
  const store = {
    get: (encoding: BpeEncoding, text: string) => {
      asked.push(`${encoding} ${text}`);
      return text === 'kept' ? 12345 : undefined;
    },
    set: (encoding: BpeEncoding, text: string, tokens: number) => told.set(`${encoding} ${text}`, tokens),
  };
  assert.deepEqual(countTokensForFamily('kept', 'o200k_base', { store }), {
    tokens: 12345,
    exact: true,
    family: 'o200k_base',
  });
  const fresh = countTokensForFamily('hello there, world', 'cl100k_base', { store });
  assert.equal(fresh.tokens, bpeCounter('cl100k_base').count('hello there, world'));
  assert.deepEqual([...told], [['cl100k_base hello there, world', fresh.tokens]]);
  // Counted before (the in-process memo): the store still learns it, so a later run finds it.
  const store2 = { get: () => undefined, set: (_encoding: BpeEncoding, text: string, n: number) => told.set(text, n) };
  countTokensForFamily('hello there, world', 'cl100k_base', { store: store2 });
  assert.equal(told.get('hello there, world'), fresh.tokens);
  // Estimates (no offline tokenizer) are never stored.
  countTokensForFamily('a Claude prompt', 'claude', { store });
  assert.equal(told.size, 2);
  assert.deepEqual(asked, ['o200k_base kept', 'cl100k_base hello there, world']);
});
