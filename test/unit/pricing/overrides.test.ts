import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  applyOverrides,
  bundledTable,
  loadPriceFile,
  resolveModel,
  validateOverrides,
} from '../../../src/core/pricing';

test('overrides: valid entries are kept, each bad entry is named, the rest keeps working', () => {
  const { overrides, problems } = validateOverrides({
    'gpt-4o': { input: 2, output: 8 },
    'my-deployment': { basedOn: 'claude-sonnet-4-5', input: 2.4 },
    'bad-price': { input: -1 },
    'bad-field': { inptu: 1 },
    'not-an-object': 5,
    empty: {},
  });
  assert.deepEqual(
    overrides.map((o) => o.model),
    ['gpt-4o', 'my-deployment'],
  );
  assert.equal(problems.length, 4);
  for (const name of ['bad-price', 'bad-field', 'not-an-object', 'empty']) {
    assert.ok(
      problems.some((p) => p.includes(`'${name}'`)),
      `${name} named in ${JSON.stringify(problems)}`,
    );
  }
  assert.deepEqual(validateOverrides('nope').problems.length, 1);
  assert.deepEqual(validateOverrides(undefined), { overrides: [], problems: [] });
});

test('overrides: applied prices carry the override source; derived prices keep their ratio', () => {
  const { overrides } = validateOverrides({
    'gpt-4o': { input: 2, output: 8 },
    'acme-gpt': { basedOn: 'gpt-4o-mini', input: 0.1 },
  });
  const { table, problems } = applyOverrides(bundledTable, overrides, '2026-11-28');
  assert.deepEqual(problems, []);
  const r = resolveModel('gpt-4o', table);
  assert.ok(!r.unknown);
  assert.equal(r.entry.prices.input.usd, 2);
  assert.equal(r.entry.prices.input.src, 'override');
  assert.equal(r.entry.prices.batchInput?.usd, 1);
  assert.equal(r.entry.prices.cacheRead?.usd, 1);
  assert.equal(table.sources.override?.date, '2026-11-28');
  const acme = resolveModel('acme-gpt', table);
  assert.ok(!acme.unknown && acme.entry.prices.input.usd === 0.1 && acme.entry.prices.output?.usd === 0.6);
  assert.equal(
    resolveModel('gpt-4o', bundledTable).unknown === false &&
      bundledTable.models.find((m) => m.id === 'gpt-4o')?.prices.input.usd,
    2.5,
  );
});

test('overrides: an unknown basedOn or an incomplete unknown model is reported, not applied', () => {
  const { overrides } = validateOverrides({ x: { basedOn: 'gpt-9000', input: 1 }, y: { input: 1 } });
  const { table, problems } = applyOverrides(bundledTable, overrides);
  assert.equal(problems.length, 2);
  assert.match(problems[0] ?? '', /'x'.*gpt-9000/);
  assert.equal(resolveModel('y', table).unknown, true);
});

test('price file: a LiteLLM-format file replaces the table; bad entries are named and skipped', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-'));
  const file = path.join(dir, 'prices.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      'gpt-4o': {
        litellm_provider: 'openai',
        mode: 'chat',
        input_cost_per_token: 0.000002,
        output_cost_per_token: 0.000008,
        max_output_tokens: 16384,
      },
      'gpt-bad': {
        litellm_provider: 'openai',
        mode: 'chat',
        input_cost_per_token: 'cheap',
        output_cost_per_token: 0.00001,
      },
    }),
  );
  const { table, problems } = loadPriceFile(file, '2026-11-28');
  assert.ok(table);
  assert.equal(table.models.length, 1);
  assert.equal(table.models[0]?.prices.input.usd, 2);
  assert.equal(table.models[0]?.prices.batchInput?.usd, 1);
  assert.ok(
    problems.some((p) => p.includes("'gpt-bad'")),
    JSON.stringify(problems),
  );
  fs.writeFileSync(file, '{ not json');
  const broken = loadPriceFile(file);
  assert.equal(broken.table, null);
  assert.equal(broken.problems.length, 1);
  assert.equal(loadPriceFile(path.join(dir, 'missing.json')).table, null);
});

test('price file: a genai-prices file replaces the prices, the snapshot fills max output', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-'));
  const file = path.join(dir, 'data.json');
  const models = [
    { id: 'gpt-4o', match: { equals: 'gpt-4o' }, prices: { input_mtok: 2, cache_read_mtok: 1, output_mtok: 8 } },
  ];
  fs.writeFileSync(file, JSON.stringify([{ id: 'openai', models }]));
  const { table, problems } = loadPriceFile(file, '2026-12-01');
  assert.deepEqual(problems, []);
  const r = table && resolveModel('gpt-4o-2024-08-06', table);
  assert.ok(r && !r.unknown);
  assert.equal(r.entry.prices.output?.usd, 8);
  assert.equal(r.entry.prices.batchOutput?.usd, 4);
  assert.equal(r.entry.maxOutputTokens, 16_384);
  assert.equal(table.sources['genai-prices']?.date.length, 10);
});

test('overrides: a dated snapshot name is repriced alone; the base model keeps its prices', () => {
  const { overrides } = validateOverrides({ 'claude-sonnet-4-5-20250929': { input: 2.5 } });
  const { table, problems } = applyOverrides(bundledTable, overrides);
  assert.deepEqual(problems, []);
  const dated = resolveModel('claude-sonnet-4-5-20250929', table);
  const base = resolveModel('claude-sonnet-4-5', table);
  assert.ok(!dated.unknown && !base.unknown);
  assert.equal(dated.entry.prices.input.usd, 2.5);
  assert.equal(dated.entry.prices.output?.usd, 15);
  // 5-minute write keeps its 1.25x: 3.125.
  assert.equal(dated.entry.prices.cacheWrite5m?.usd, 3.125);
  assert.equal(base.entry.prices.input.usd, 3);
});
