import assert from 'node:assert/strict';
import { test } from 'node:test';
import { priceTokens, type TokenUsage } from '../../../src/core/cost';
import {
  applyOverrides,
  bundledTable,
  resolveModel,
  validateOverrides,
  type PriceTable,
} from '../../../src/core/pricing';
import { near } from './records';

function cost(model: string, usage: TokenUsage, table: PriceTable = bundledTable): number {
  const r = resolveModel(model, table);
  assert.ok(!r.unknown, `${model} resolves`);
  return priceTokens(r.entry, usage, table).totalUsd;
}

// Each expected figure is worked out by hand from the per-1M prices in the comment.
const cases: [string, string, TokenUsage, number][] = [
  // 1000 × 2.50 + 500 × 10.00
  ['plain gpt-4o', 'gpt-4o', { input: 1000, output: 500 }, 0.0075],
  // 10,000 × 0.15 + 2,000 × 0.60
  ['plain gpt-4o-mini', 'gpt-4o-mini', { input: 10_000, output: 2000 }, 0.0027],
  // 200 × 2.50 + 1,800 × 1.25 (cached, 50%) + 100 × 10
  ['cache read gpt-4o', 'gpt-4o', { input: 200, cacheRead: 1800, output: 100 }, 0.00375],
  // 1,000 × 1.25 + 10,000 × 0.125 (cached, 90%) + 1,000 × 10
  ['cache read gpt-5', 'gpt-5', { input: 1000, cacheRead: 10_000, output: 1000 }, 0.0125],
  // 100 × 3 + 2,000 × 3.75 (5-min write, 1.25x) + 300 × 15
  ['cache write 5m sonnet 4.5', 'claude-sonnet-4-5', { input: 100, cacheWrite5m: 2000, output: 300 }, 0.0123],
  // 100 × 3 + 2,000 × 6 (1-h write, 2x) + 300 × 15
  ['cache write 1h sonnet 4.5', 'claude-sonnet-4-5', { input: 100, cacheWrite1h: 2000, output: 300 }, 0.0168],
  // 50 × 1 + 10,000 × 0.10 + 200 × 5
  ['cache read haiku 4.5', 'claude-haiku-4-5', { input: 50, cacheRead: 10_000, output: 200 }, 0.00205],
  // 5,000 × 10 (1-h write) + 1,000 × 25
  ['cache write 1h opus 4.5', 'claude-opus-4-5', { input: 0, cacheWrite1h: 5000, output: 1000 }, 0.075],
  // 1,000 × 1.25 + 500 × 5 (batch, 50%)
  ['batch gpt-4o', 'gpt-4o', { input: 1000, output: 500, batch: true }, 0.00375],
  // 10,000 × 1.50 + 1,000 × 7.50
  ['batch sonnet 4.5', 'claude-sonnet-4-5', { input: 10_000, output: 1000, batch: true }, 0.0225],
  // 10,000 × 0.15 (read 0.30, batch discount stacks)
  [
    'batch + cache read sonnet 4.5',
    'claude-sonnet-4-5',
    { input: 0, cacheRead: 10_000, output: 0, batch: true },
    0.0015,
  ],
  // 250,000 × 2.50 + 1,000 × 15 (above 200K: long-context prices)
  ['long context gemini 2.5 pro', 'gemini-2.5-pro', { input: 250_000, output: 1000 }, 0.64],
  // 100,000 × 1.25 + 1,000 × 10 (below the threshold)
  ['below threshold gemini 2.5 pro', 'gemini-2.5-pro', { input: 100_000, output: 1000 }, 0.135],
  // 300,000 × 6 + 1,000 × 22.50 (above 200K)
  ['long context sonnet 4.5', 'claude-sonnet-4-5', { input: 300_000, output: 1000 }, 1.8225],
  // 300,000 × 5 (above 272K)
  ['long context gpt-5.4', 'gpt-5.4', { input: 300_000, output: 0 }, 1.5],
  // 1,000,000 × 0.02
  ['embedding 3-small', 'text-embedding-3-small', { input: 1_000_000, output: 0 }, 0.02],
  // 50,000 × 0.13
  ['embedding 3-large', 'text-embedding-3-large', { input: 50_000, output: 0 }, 0.0065],
  // as gpt-4o
  ['prefix + snapshot', 'openai/gpt-4o-2024-08-06', { input: 1000, output: 500 }, 0.0075],
  // 1,000 × 3 + 1,000 × 15
  ['dots for dashes', 'anthropic/claude-sonnet-4.5', { input: 1000, output: 1000 }, 0.018],
  // 2,000 × 1 + 100 × 5
  ['bedrock name', 'bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0', { input: 2000, output: 100 }, 0.0025],
  // 10,000 × 0.30 + 1,000 × 2.50
  ['gemini prefix', 'gemini/gemini-2.5-flash', { input: 10_000, output: 1000 }, 0.0055],
  // 1M × 0.28 + 1M × 0.42 (DeepSeek's price since 2025-09-05, a provider fact)
  ['deepseek', 'deepseek/deepseek-chat', { input: 1_000_000, output: 1_000_000 }, 0.7],
  // 150,000 × 6 + 1,000 × 30: above 128k tokens grok-4 bills the whole request at the higher rate
  ['grok-4 long context', 'grok-4', { input: 150_000, output: 1000 }, 0.93],
  // 1M × 5 + 1M × 15: the first GPT-4o snapshot keeps its own price
  ['gpt-4o-2024-05-13', 'gpt-4o-2024-05-13', { input: 1_000_000, output: 1_000_000 }, 20],
];

for (const [name, model, usage, expected] of cases) {
  test(`priceTokens: ${name}`, () => near(cost(model, usage), expected, name));
}

test('priceTokens: an override reprices the model, batch keeps its 50%', () => {
  const { overrides } = validateOverrides({ 'gpt-4o': { input: 2, output: 8 } });
  const { table } = applyOverrides(bundledTable, overrides);
  // 1,000 × 2 + 500 × 8
  near(cost('gpt-4o', { input: 1000, output: 500 }, table), 0.006, 'override');
  // 1,000 × 1 + 500 × 4
  near(cost('gpt-4o', { input: 1000, output: 500, batch: true }, table), 0.003, 'override batch');
});

test('priceTokens: parts say how each figure was computed and where the price comes from', () => {
  const r = resolveModel('gpt-4o', bundledTable);
  assert.ok(!r.unknown);
  const priced = priceTokens(r.entry, { input: 1000, output: 500 }, bundledTable);
  assert.equal(priced.parts.length, 2);
  assert.match(priced.parts[0]?.how ?? '', /1,000 tokens × \$2\.5\/1M \(input\) = \$0\.0025/);
  assert.match(priced.parts[0]?.source ?? '', /genai-prices 47df840a, 2026-08-21/);
  const noBatch = resolveModel('deepseek-chat', bundledTable);
  assert.ok(!noBatch.unknown);
  assert.match(
    priceTokens(noBatch.entry, { input: 1, output: 1, batch: true }, bundledTable).notes.join(),
    /no batch price/,
  );
});

test('priceTokens: the long-context cliff applies to prompts above the threshold, cached tokens included', () => {
  // 200,000 × 1.25 (at the threshold: base price)
  near(cost('gemini-2.5-pro', { input: 200_000, output: 0 }), 0.25, 'at threshold');
  // 200,001 × 2.50
  near(cost('gemini-2.5-pro', { input: 200_001, output: 0 }), 0.5000025, 'above');
  // 1,000 × 2.50 + 199,001 × 0.25 (cache read, long-context rate)
  near(cost('gemini-2.5-pro', { input: 1000, cacheRead: 199_001, output: 0 }), 0.05225025, 'cached prompt above');
});
