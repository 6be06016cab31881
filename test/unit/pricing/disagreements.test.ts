import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPriceTable, type SourceInput } from '../../../src/core/pricing/generate/build';
import { differs, renderDisagreements } from '../../../src/core/pricing/generate/disagreements';
import type { ProviderFact } from '../../../src/core/pricing/generate/providerFacts';

const perToken = (usdPerMTok: number): number => usdPerMTok / 1e6;

/** A LiteLLM entry: prices in USD per 1M (converted to per-token as the map writes them). */
function lite(provider: string, input: number, output: number, extra: Record<string, unknown> = {}) {
  return {
    litellm_provider: provider,
    mode: 'chat',
    input_cost_per_token: perToken(input),
    output_cost_per_token: perToken(output),
    ...extra,
  };
}

function genaiModel(id: string, equals: string[], input: number, output: number, extra: Record<string, unknown> = {}) {
  return {
    id,
    match: { or: [{ equals: id }, ...equals.map((e) => ({ equals: e }))] },
    prices: { input_mtok: input, output_mtok: output },
    ...extra,
  };
}

function build(
  genai: unknown[],
  litellm: Record<string, unknown>,
  options: { genaiDate?: string; liteDate?: string; facts?: ProviderFact[] } = {},
) {
  const inputs: SourceInput[] = [
    { format: 'genai-prices', data: genai, info: { name: 'genai-prices', date: options.genaiDate ?? '2026-08-21' } },
    { format: 'litellm', data: litellm, info: { name: 'LiteLLM', date: options.liteDate ?? '2026-07-24' } },
  ];
  return buildPriceTable(inputs, '2026-11-30', { facts: options.facts ?? [] });
}

test('disagreements: more than 5% apart, of the larger figure', () => {
  assert.equal(differs(100, 105), false);
  assert.equal(differs(100, 106), true);
  assert.equal(differs(1_000_000, 1_047_576), false);
  assert.equal(differs(0.27, 0.28), false);
  assert.equal(differs(1.1, 0.42), true);
});

test('disagreements: a same-name price gap is listed and the newer dated source wins', () => {
  const genai = [{ id: 'openai', models: [genaiModel('gpt-x', [], 2, 8)] }];
  const older = build(genai, { 'gpt-x': lite('openai', 3, 8) });
  const x = older.table.models.find((m) => m.id === 'gpt-x');
  assert.equal(x?.prices.input.usd, 2, 'genai-prices (2026-08-21) is newer than LiteLLM (2026-07-24)');
  assert.deepEqual(older.disagreements, [
    {
      model: 'gpt-x',
      field: 'input',
      said: ['genai-prices: $2/1M', 'LiteLLM: $3/1M'],
      chosen: '$2/1M',
      rule: 'newerSource',
    },
  ]);
  const newer = build(genai, { 'gpt-x': lite('openai', 3, 8) }, { liteDate: '2026-10-01' });
  const y = newer.table.models.find((m) => m.id === 'gpt-x');
  assert.equal(y?.prices.input.usd, 3, 'a newer LiteLLM snapshot wins');
  assert.equal(y?.prices.input.src, 'litellm');
  // A gap under 5% is rounding: no disagreement.
  assert.deepEqual(build(genai, { 'gpt-x': lite('openai', 2.05, 8) }).disagreements, []);
});

test('disagreements: a dated snapshot priced on its own is never merged into a base with other prices', () => {
  const genai = [{ id: 'openai', models: [genaiModel('gpt-y', ['gpt-y-2024-05-13', 'gpt-y-2024-08-06'], 2.5, 10)] }];
  const { table, disagreements } = build(genai, {
    'gpt-y': lite('openai', 2.5, 10),
    'gpt-y-2024-05-13': lite('openai', 5, 15, { max_output_tokens: 4096 }),
    'gpt-y-2024-08-06': lite('openai', 2.5, 10),
  });
  const base = table.models.find((m) => m.id === 'gpt-y');
  const snapshot = table.models.find((m) => m.id === 'gpt-y-2024-05-13');
  assert.deepEqual(base?.aliases, ['gpt-y-2024-08-06']);
  assert.deepEqual(
    [snapshot?.prices.input.usd, snapshot?.prices.output?.usd, snapshot?.maxOutputTokens],
    [5, 15, 4096],
  );
  assert.equal(disagreements[0]?.rule, 'ownSnapshot');
  assert.equal(disagreements[0]?.model, 'gpt-y-2024-05-13');
});

test('disagreements: when LiteLLM prices the base name the same stale way, the snapshot stays with the base', () => {
  const genai = [{ id: 'mistral', models: [genaiModel('nemo', ['open-nemo'], 0.15, 0.15)] }];
  const { table, disagreements } = build(genai, {
    'mistral/open-nemo': lite('mistral', 0.3, 0.3),
    'mistral/open-nemo-2407': lite('mistral', 0.3, 0.3),
  });
  assert.equal(table.models.length, 1);
  assert.ok(table.models[0]?.aliases.includes('open-nemo-2407'));
  assert.equal(table.models[0]?.prices.input.usd, 0.15);
  assert.ok(disagreements.every((d) => d.rule === 'newerSource'));
});

test('disagreements: a -latest name follows the newest dated snapshot of its family', () => {
  const genai = [
    {
      id: 'mistral',
      models: [
        genaiModel('large', ['large-latest', 'large-2407', 'large-2411'], 2, 6),
        genaiModel('large-2512', [], 0.5, 1.5),
      ],
    },
  ];
  const { table, disagreements } = build(genai, { 'mistral/large-latest': lite('mistral', 0.5, 1.5) });
  const newest = table.models.find((m) => m.id === 'large-2512');
  assert.ok(newest?.aliases.includes('large-latest'));
  assert.ok(!table.models.find((m) => m.id === 'large')?.aliases.includes('large-latest'));
  assert.deepEqual(
    disagreements.map((d) => [d.model, d.rule, d.chosen]),
    [['large-latest', 'latestAlias', 'large-2512']],
  );
});

test('limits: a max output equal to the context window is none; the clouds give Claude and Gemini theirs', () => {
  const genai = [
    { id: 'x-ai', models: [genaiModel('grok-z', [], 3, 15, { context_window: 256000 })] },
    {
      id: 'anthropic',
      models: [
        {
          ...genaiModel('claude-q-latest', [], 0.8, 4, { context_window: 200000 }),
          match: { starts_with: 'claude-q' },
        },
      ],
    },
  ];
  const { table } = build(genai, {
    'xai/grok-z': lite('xai', 3, 15, { max_input_tokens: 256000, max_output_tokens: 256000 }),
    'anthropic.claude-q-20241022-v1:0': lite('bedrock', 0.8, 4, { max_input_tokens: 200000, max_output_tokens: 8192 }),
  });
  assert.equal(table.models.find((m) => m.id === 'grok-z')?.maxOutputTokens, null);
  const claude = table.models.find((m) => m.id === 'claude-q-latest');
  assert.equal(claude?.maxOutputTokens, 8192);
  assert.equal(claude?.aliases.includes('claude-q-20241022'), false, 'a cloud entry adds no name');
});

test('limits and capabilities: a deprecated entry still describes its model, and adds no entry of its own', () => {
  const genai = [{ id: 'google', models: [genaiModel('gemini-f', [], 0.1, 0.4)] }];
  const { table } = build(genai, {
    'gemini/gemini-f': lite('gemini', 0.1, 0.4, {
      deprecation_date: '2026-06-01',
      max_output_tokens: 8192,
      max_input_tokens: 1048576,
      supports_vision: true,
      supports_function_calling: true,
    }),
    'gemini/gemini-old': lite('gemini', 1, 2, { deprecation_date: '2026-06-01' }),
  });
  assert.deepEqual(
    table.models.map((m) => m.id),
    ['gemini-f'],
  );
  const flash = table.models[0];
  assert.equal(flash?.maxOutputTokens, 8192);
  assert.deepEqual(flash?.capabilities, { vision: true, tools: true, structuredOutput: false, reasoning: false });
});

test('capabilities: stated flags, reasoning by name when no source says, null for models LiteLLM lacks', () => {
  const genai = [
    { id: 'openai', models: [genaiModel('o9', [], 2, 8), genaiModel('gpt-q', [], 1, 4)] },
    { id: 'x-ai', models: [genaiModel('grok-4-z', [], 3, 15)] },
  ];
  const { table } = build(genai, {
    o9: lite('openai', 2, 8, { supports_reasoning: true, supports_response_schema: true }),
    'xai/grok-4-z': lite('xai', 3, 15, { supports_function_calling: true }),
  });
  const of = (id: string) => table.models.find((m) => m.id === id)?.capabilities;
  assert.deepEqual(of('o9'), { vision: false, tools: false, structuredOutput: true, reasoning: true });
  assert.deepEqual(of('grok-4-z'), { vision: false, tools: true, structuredOutput: false, reasoning: true });
  assert.deepEqual(of('gpt-q'), { vision: null, tools: null, structuredOutput: null, reasoning: null });
});

const fact: ProviderFact = {
  key: 'deepseekPricing',
  source: { name: 'DeepSeek pricing page', url: 'https://example.test/pricing' },
  provider: 'deepseek',
  models: ['deepseek-c'],
  effective: '2025-09-05',
  checked: '2026-11-30',
  prices: { input: 0.28, output: 0.42, cacheRead: 0.028 },
  contextWindow: 131_072,
};

test('provider facts: correct sources older than their check, dated, listed; a newer source wins', () => {
  const genai = [
    {
      id: 'deepseek',
      models: [
        {
          id: 'deepseek-c',
          match: { equals: 'deepseek-c' },
          context_window: 64000,
          prices: { input_mtok: 0.27, cache_read_mtok: 0.07, output_mtok: 1.1 },
        },
      ],
    },
  ];
  const { table, disagreements } = build(genai, {}, { facts: [fact] });
  const model = table.models[0];
  assert.deepEqual(model?.prices.output, { usd: 0.42, src: 'deepseekPricing', since: '2025-09-05' });
  assert.equal(model?.prices.cacheRead?.usd, 0.028);
  assert.equal(model?.contextWindow, 131_072);
  assert.equal(table.sources.deepseekPricing?.date, '2026-11-30');
  assert.deepEqual(
    disagreements.map((d) => [d.field, d.rule]),
    [
      ['output', 'providerFact'],
      ['cacheRead', 'providerFact'],
      ['contextWindow', 'providerFact'],
    ],
  );
  const later = build(genai, {}, { facts: [fact], genaiDate: '2026-12-15' });
  assert.equal(later.table.models[0]?.prices.output?.usd, 1.1, 'a source checked after the fact wins');
  assert.equal(later.table.sources.deepseekPricing, undefined);
});

test('disagreements: the review file states the rules and one row per case', () => {
  const text = renderDisagreements(
    [
      {
        model: 'a|b',
        field: 'input',
        said: ['genai-prices: $1/1M', 'LiteLLM: $2/1M'],
        chosen: '$1/1M',
        rule: 'newerSource',
      },
    ],
    'Sources: test.',
  );
  assert.match(text, /- `newerSource`: the newer dated source/);
  assert.match(text, /\| a\\\|b \| input \| genai-prices: \$1\/1M; LiteLLM: \$2\/1M \| \$1\/1M \| `newerSource` \|/);
  assert.match(text, /1 disagreement:/);
});
