import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPriceTable } from '../../../src/core/pricing/generate/build';
import { serializeTable } from '../../../src/core/pricing/generate/serialize';

const genai = [
  {
    id: 'anthropic',
    models: [
      {
        id: 'claude-x-1',
        match: { or: [{ starts_with: 'claude-x-1' }, { equals: 'claude-x1' }] },
        context_window: 200000,
        prices: [
          { prices: { input_mtok: 2, output_mtok: 10 } },
          {
            constraint: { start_date: '2026-09-01' },
            prices: { input_mtok: { base: 3, tiers: [{ start: 200000, price: 6 }] }, output_mtok: 15 },
          },
        ],
      },
    ],
  },
  {
    id: 'deepseek',
    models: [
      {
        id: 'deepseek-y',
        match: { equals: 'deepseek-y' },
        prices: [
          { prices: { input_mtok: 0.1, output_mtok: 0.2 } },
          {
            constraint: { start_time: '00:30:00Z', end_time: '16:30:00Z' },
            prices: { input_mtok: 0.2, output_mtok: 0.4 },
          },
        ],
      },
    ],
  },
];

const litellm = {
  'claude-x-1-20260101': {
    litellm_provider: 'anthropic',
    mode: 'chat',
    input_cost_per_token: 0.000003,
    output_cost_per_token: 0.000015,
    max_output_tokens: 64000,
  },
};

test('generate: prices in force on the date, tiers, rules, LiteLLM gaps, sources', () => {
  const info = { name: 'test', date: '2026-08-21' };
  const { table, problems } = buildPriceTable(
    [
      { format: 'genai-prices', data: genai, info },
      { format: 'litellm', data: litellm, info },
    ],
    '2026-11-28',
  );
  assert.deepEqual(problems, []);
  const claude = table.models.find((m) => m.id === 'claude-x-1');
  assert.ok(claude);
  assert.deepEqual(claude.prices.input, { usd: 3, src: 'genai-prices', since: '2026-09-01' });
  assert.equal(claude.prices.cacheWrite5m?.usd, 3.75);
  assert.equal(claude.prices.cacheWrite1h?.usd, 6);
  assert.equal(claude.prices.cacheRead?.src, 'anthropicCache');
  assert.equal(claude.tiers[0]?.above, 200000);
  assert.equal(claude.tiers[0]?.prices.input?.usd, 6);
  assert.equal(claude.maxOutputTokens, 64000);
  assert.ok(claude.aliases.includes('claude-x-1-20260101'));
  // DeepSeek: the standard-hours price (16 h a day), not the off-peak one listed first.
  assert.equal(table.models.find((m) => m.id === 'deepseek-y')?.prices.input.usd, 0.2);
  assert.ok(table.sources.anthropicCache);
  // Before the price change, the earlier price applies.
  const earlier = buildPriceTable([{ format: 'genai-prices', data: genai, info }], '2026-08-01').table;
  assert.equal(earlier.models.find((m) => m.id === 'claude-x-1')?.prices.input.usd, 2);
  assert.deepEqual(JSON.parse(serializeTable(table)), table);
});
