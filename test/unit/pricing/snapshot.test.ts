import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { bundledTable, priceKinds, type ModelEntry } from '../../../src/core/pricing';
import { repoRoot } from '../helpers/paths';

const pricingDataDir = path.join(repoRoot, 'src', 'core', 'pricing', 'data');

function entry(id: string): ModelEntry {
  const found = bundledTable.models.find((m) => m.id === id);
  assert.ok(found, `${id} is in the snapshot`);
  return found;
}

const usd = (m: ModelEntry, kind: (typeof priceKinds)[number]): number | undefined => m.prices[kind]?.usd;

test('snapshot: covers the six providers, chat and embedding models', () => {
  assert.ok(bundledTable.models.length > 150);
  for (const provider of ['openai', 'anthropic', 'google', 'deepseek', 'mistral', 'xai']) {
    assert.ok(
      bundledTable.models.some((m) => m.provider === provider),
      provider,
    );
  }
  assert.ok(bundledTable.models.some((m) => m.mode === 'embedding' && m.provider === 'openai'));
  assert.ok(bundledTable.models.some((m) => m.mode === 'embedding' && m.provider === 'google'));
});

test('snapshot: every price names a known source with a date, and no chat model costs $0', () => {
  for (const model of bundledTable.models) {
    const prices = [...Object.values(model.prices), ...model.tiers.flatMap((t) => Object.values(t.prices))];
    for (const price of prices) {
      const source = bundledTable.sources[price.src];
      assert.ok(source, `${model.id}: source ${price.src}`);
      assert.match(source.date, /^\d{4}-\d{2}-\d{2}$/);
    }
    assert.ok(model.prices.input.usd > 0, `${model.id} input price`);
  }
});

test('snapshot: the reference price facts (provider-apis.md §6)', () => {
  const facts: [string, number, number | undefined, number | undefined][] = [
    ['gpt-4o', 2.5, 1.25, 10],
    ['gpt-4o-mini', 0.15, 0.075, 0.6],
    ['gpt-4.1', 2, 0.5, 8],
    ['gpt-5', 1.25, 0.125, 10],
    ['gpt-5-mini', 0.25, 0.025, 2],
    ['gpt-5-nano', 0.05, 0.005, 0.4],
    ['claude-sonnet-4-5', 3, 0.3, 15],
    ['claude-sonnet-4-6', 3, 0.3, 15],
    ['claude-haiku-4-5', 1, 0.1, 5],
    ['claude-opus-4-5', 5, 0.5, 25],
    ['claude-opus-5', 5, 0.5, 25],
    ['gemini-2.5-pro', 1.25, 0.125, 10],
    ['gemini-2.5-flash', 0.3, 0.03, 2.5],
    ['text-embedding-3-small', 0.02, undefined, undefined],
    ['text-embedding-3-large', 0.13, undefined, undefined],
  ];
  for (const [id, input, cacheRead, output] of facts) {
    const m = entry(id);
    assert.equal(usd(m, 'input'), input, `${id} input`);
    assert.equal(usd(m, 'cacheRead'), cacheRead, `${id} cache read`);
    if (output !== undefined) assert.equal(usd(m, 'output'), output, `${id} output`);
  }
  assert.equal(entry('gpt-4o').contextWindow, 128_000);
  assert.equal(entry('gpt-4o').maxOutputTokens, 16_384);
  assert.equal(entry('gpt-4.1').contextWindow, 1_047_576);
  assert.equal(entry('gpt-4.1').maxOutputTokens, 32_768);
  assert.equal(entry('gpt-5').maxOutputTokens, 128_000);
  assert.equal(entry('claude-haiku-4-5').maxOutputTokens, 64_000);
  for (const [id, w5, w1] of [
    ['claude-sonnet-4-5', 3.75, 6],
    ['claude-haiku-4-5', 1.25, 2],
    ['claude-opus-4-5', 6.25, 10],
  ] as const) {
    assert.equal(usd(entry(id), 'cacheWrite5m'), w5, `${id} 5m write`);
    assert.equal(usd(entry(id), 'cacheWrite1h'), w1, `${id} 1h write`);
  }
  const pro = entry('gemini-2.5-pro');
  assert.deepEqual(
    pro.tiers.map((t) => [t.above, t.prices.input?.usd, t.prices.output?.usd]),
    [[200_000, 2.5, 15]],
  );
});

test('snapshot: batch is 50% where no batch price is listed; none for providers without a discount', () => {
  assert.equal(usd(entry('claude-sonnet-4-5'), 'batchInput'), 1.5);
  assert.equal(usd(entry('claude-sonnet-4-5'), 'batchOutput'), 7.5);
  assert.equal(usd(entry('gpt-4o'), 'batchInput'), 1.25);
  assert.equal(usd(entry('gemini-2.5-flash'), 'batchOutput'), 1.25);
  assert.equal(usd(entry('deepseek-chat'), 'batchInput'), undefined);
});

test('snapshot: caching facts per model', () => {
  assert.deepEqual(entry('claude-opus-4-5').caching, { kind: 'explicit', minTokens: 4096 });
  assert.deepEqual(entry('claude-haiku-4-5').caching, { kind: 'explicit', minTokens: 4096 });
  assert.deepEqual(entry('claude-opus-4-7').caching, { kind: 'explicit', minTokens: 2048 });
  assert.deepEqual(entry('claude-sonnet-4-5').caching, { kind: 'explicit', minTokens: 1024 });
  assert.deepEqual(entry('claude-opus-5').caching, { kind: 'explicit', minTokens: 512 });
  assert.deepEqual(entry('gpt-4o').caching, { kind: 'automatic', minTokens: 1024 });
  assert.equal(entry('gpt-5-pro').caching.kind, 'none');
  assert.equal(entry('text-embedding-3-small').caching.kind, 'none');
});

test('snapshot: tiers order models for cheaper-model suggestions', () => {
  assert.equal(entry('gpt-4o-mini').tier, 'budget');
  assert.equal(entry('gpt-4o').tier, 'standard');
  assert.equal(entry('claude-opus-4-5').tier, 'premium');
  assert.equal(entry('o1').tier, 'frontier');
  assert.equal(entry('gpt-4o').tokenizer, 'o200k_base');
});

test('snapshot: a dated price change is taken as of the generation date, with its date', () => {
  const sonnet5 = entry('claude-sonnet-5');
  assert.equal(sonnet5.prices.input.usd, 3);
  assert.equal(sonnet5.prices.input.since, '2026-09-01');
});

test('snapshot: the figures the providers publish where the sources were stale or merged', () => {
  const deepseek = entry('deepseek-chat');
  assert.deepEqual(
    [usd(deepseek, 'input'), usd(deepseek, 'cacheRead'), usd(deepseek, 'output'), deepseek.contextWindow],
    [0.28, 0.028, 0.42, 131_072],
  );
  assert.equal(deepseek.prices.input.since, '2025-09-05');
  assert.equal(bundledTable.sources[deepseek.prices.input.src]?.name, 'DeepSeek pricing page');
  assert.deepEqual([usd(entry('deepseek-reasoner'), 'input'), usd(entry('deepseek-reasoner'), 'output')], [0.28, 0.42]);
  // The first GPT-4o snapshot is its own entry at its own price, not gpt-4o's.
  const first = entry('gpt-4o-2024-05-13');
  assert.deepEqual([usd(first, 'input'), usd(first, 'output'), first.maxOutputTokens], [5, 15, 4096]);
  assert.ok(!entry('gpt-4o').aliases.includes('gpt-4o-2024-05-13'));
  // grok-4 doubles above 128k prompt tokens.
  assert.deepEqual(
    entry('grok-4-0709').tiers.map((t) => [t.above, t.prices.input?.usd, t.prices.output?.usd]),
    [[128_000, 6, 30]],
  );
  // -latest names follow the newest snapshot.
  assert.ok(entry('mistral-large-2512').aliases.includes('mistral-large-latest'));
  assert.equal(usd(entry('mistral-large-2512'), 'input'), 0.5);
  assert.ok(entry('codestral-2508').aliases.includes('codestral-latest'));
  assert.equal(entry('codestral-2508').contextWindow, 256_000);
  // Max output: a context window repeated is no max output; known limits from the clouds' entries of the model.
  for (const id of ['grok-4-0709', 'grok-3', 'mistral-large-2512', 'codestral-2508', 'pixtral-large']) {
    assert.equal(entry(id).maxOutputTokens, null, `${id} max output`);
  }
  assert.equal(entry('claude-3-5-haiku-latest').maxOutputTokens, 8192);
  assert.equal(entry('gemini-2.0-flash').maxOutputTokens, 8192);
  assert.equal(entry('o1').contextWindow, 200_000);
});

test('snapshot: capabilities from the sources, reasoning models flagged', () => {
  for (const id of ['o3', 'o4-mini', 'gpt-5', 'gpt-5-mini', 'deepseek-reasoner', 'grok-4-0709', 'gemini-2.5-pro']) {
    assert.equal(entry(id).capabilities.reasoning, true, `${id} reasons`);
  }
  for (const id of ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'deepseek-chat']) {
    assert.equal(entry(id).capabilities.reasoning, false, `${id} does not reason`);
  }
  assert.deepEqual(entry('gpt-4o').capabilities, {
    vision: true,
    tools: true,
    structuredOutput: true,
    reasoning: false,
  });
  assert.equal(entry('text-embedding-3-small').capabilities.tools, false);
  for (const model of bundledTable.models) {
    assert.deepEqual(Object.keys(model.capabilities).sort(), ['reasoning', 'structuredOutput', 'tools', 'vision']);
  }
});

test('snapshot: the disagreement list sits beside the snapshot and names the cases the rules decided', () => {
  const review = fs.readFileSync(path.join(pricingDataDir, 'disagreements.md'), 'utf8');
  for (const row of [
    /\| deepseek-chat \| output \| .*\$1\.1\/1M.*\$0\.42\/1M \| \$0\.42\/1M \| `providerFact` \|/,
    /\| gpt-4o-2024-05-13 \| model \| .* \| its own entry \(LiteLLM\) \| `ownSnapshot` \|/,
    /\| mistral-large-latest \| model \| .* \| mistral-large-2512 \| `latestAlias` \|/,
  ]) {
    assert.match(review, row);
  }
  // The README's price section states the count and the count per rule: they stay true.
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const rows = review.split('\n').filter((line) => /^\| .* \| `\w+` \|$/.test(line));
  assert.match(readme, new RegExp(`\\((${rows.length}) in this snapshot\\)`));
  for (const rule of ['newerSource', 'providerFact', 'ownSnapshot', 'latestAlias']) {
    const count = rows.filter((line) => line.endsWith(`| \`${rule}\` |`)).length;
    assert.match(readme, new RegExp(`\\| \`${rule}\` +\\|[^|]*\\| ${count}[,:]`), rule);
  }
});
