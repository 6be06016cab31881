import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { captureIo } from '../helpers/io';
import { near } from './records';

test('cli price: prints the entry with the source and date of each price', async () => {
  const io = captureIo();
  assert.equal(await runCli(['price', 'openai/gpt-4o-2024-08-06'], io), 0);
  assert.match(io.out(), /^gpt-4o \(openai, chat\)/);
  assert.match(io.out(), /input\s+\$2\.5\/1M\s+genai-prices 47df840a, 2026-08-21/);
  assert.match(io.out(), /batch input\s+\$1\.25\/1M/);
  assert.match(io.out(), /max output 16,384/);
});

test('cli price: json and unknown model (exit 3 with the closest names)', async () => {
  const io = captureIo();
  assert.equal(await runCli(['price', 'claude-sonnet-4.5', '--format', 'json'], io), 0);
  const json = JSON.parse(io.out()) as { entry: { id: string }; sources: Record<string, unknown> };
  assert.equal(json.entry.id, 'claude-sonnet-4-5');
  assert.ok(json.sources['genai-prices']);
  const unknown = captureIo();
  assert.equal(await runCli(['price', 'gpt-4x-turbo'], unknown), 3);
  assert.match(unknown.err(), /unknown model 'gpt-4x-turbo'.*gpt-4-turbo/);
});

test("cli price/estimate: the providers' published figures for the cases the sources got wrong", async () => {
  const deepseek = captureIo();
  assert.equal(await runCli(['price', 'deepseek-chat'], deepseek), 0);
  assert.match(deepseek.out(), /input\s+\$0\.28\/1M\s+DeepSeek pricing page, 2026-11-30, in force since 2025-09-05/);
  assert.match(deepseek.out(), /output\s+\$0\.42\/1M/);
  assert.match(deepseek.out(), /cache read\s+\$0\.028\/1M/);
  assert.match(deepseek.out(), /context window 131,072/);
  const snapshot = captureIo();
  assert.equal(await runCli(['price', 'gpt-4o-2024-05-13'], snapshot), 0);
  assert.match(snapshot.out(), /^gpt-4o-2024-05-13 \(openai, chat\)/);
  assert.match(snapshot.out(), /input\s+\$5\/1M/);
  assert.match(snapshot.out(), /output\s+\$15\/1M/);
  const grok = captureIo();
  assert.equal(
    await runCli(['estimate', '--model', 'grok-4', '--input', '150000', '--output', '1000', '--format', 'json'], grok),
    0,
  );
  const json = JSON.parse(grok.out()) as { totalUsd: number; longContextTierAbove: number | null };
  // 150,000 × $6 + 1,000 × $30 per 1M: the price above 128k tokens
  near(json.totalUsd, 0.93, 'grok-4 above 128k');
  assert.equal(json.longContextTierAbove, 128_000);
  const caps = captureIo();
  assert.equal(await runCli(['price', 'openai/o3'], caps), 0);
  assert.match(caps.out(), /capabilities: vision, tools, structured output, reasoning/);
});

test('cli estimate: json with the resolved model, total and parts', async () => {
  const io = captureIo();
  const argv = [
    'estimate',
    '--model',
    'claude-sonnet-4-5-20250929',
    '--input',
    '100',
    '--output',
    '300',
    '--cache-write',
    '2000',
    '--cache-ttl',
    '1h',
    '--format',
    'json',
  ];
  assert.equal(await runCli(argv, io), 0);
  const json = JSON.parse(io.out()) as { model: string; totalUsd: number; parts: { part: string; usd: number }[] };
  assert.equal(json.model, 'claude-sonnet-4-5');
  // 100 × 3 + 2,000 × 6 + 300 × 15
  near(json.totalUsd, 0.0168, 'total');
  assert.deepEqual(
    json.parts.map((p) => p.part),
    ['input', 'cacheWrite1h', 'output'],
  );
});

test('cli price: an audio or image model is said to be of a kind the table does not price, with no text model offered', async () => {
  for (const [name, kind] of [
    ['gpt-4o-audio-preview', 'an audio or realtime model'],
    ['gpt-image-1', 'an image model'],
  ]) {
    const io = captureIo();
    assert.equal(await runCli(['price', name], io), 3);
    assert.match(io.err(), new RegExp(`'${name}': ${kind}, which the price table does not price`));
    assert.doesNotMatch(io.err(), /Closest/);
  }
});

test('cli estimate: batch and cache read in text form', async () => {
  const io = captureIo();
  assert.equal(await runCli(['estimate', '--model', 'gpt-4o', '--input', '1000', '--output', '500', '--batch'], io), 0);
  assert.match(io.out(), /total \$0\.00375/);
  assert.match(io.out(), /batch input/);
});

test('cli estimate: unknown model exits 3; bad numbers are usage errors', async () => {
  const unknown = captureIo();
  assert.equal(await runCli(['estimate', '--model', 'gpt-9', '--input', '1', '--output', '1'], unknown), 3);
  assert.match(unknown.err(), /Closest: /);
  const bad = captureIo();
  assert.equal(await runCli(['estimate', '--model', 'gpt-4o', '--input', 'many', '--output', '1'], bad), 2);
  assert.match(bad.err(), /--input must be a whole number/);
  const ttl = captureIo();
  assert.equal(
    await runCli(['estimate', '--model', 'gpt-4o', '--input', '1', '--output', '1', '--cache-ttl', '2h'], ttl),
    2,
  );
});

test('cli price/estimate: --prices uses a newer price file; a broken one fails with the reason', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-'));
  const file = path.join(dir, 'prices.json');
  const entry = {
    litellm_provider: 'openai',
    mode: 'chat',
    input_cost_per_token: 0.000001,
    output_cost_per_token: 0.000004,
  };
  fs.writeFileSync(file, JSON.stringify({ 'gpt-4o': entry }));
  const io = captureIo(dir);
  assert.equal(
    await runCli(
      [
        'estimate',
        '--model',
        'gpt-4o',
        '--input',
        '1000',
        '--output',
        '500',
        '--prices',
        'prices.json',
        '--format',
        'json',
      ],
      io,
    ),
    0,
  );
  // 1,000 × 1 + 500 × 4
  near((JSON.parse(io.out()) as { totalUsd: number }).totalUsd, 0.003, 'total');
  const price = captureIo(dir);
  assert.equal(await runCli(['price', 'gpt-4o', '--prices', 'prices.json'], price), 0);
  assert.match(price.out(), /input\s+\$1\/1M\s+LiteLLM/);
  fs.writeFileSync(file, 'not json');
  const broken = captureIo(dir);
  assert.equal(await runCli(['price', 'gpt-4o', '--prices', 'prices.json'], broken), 4);
  assert.match(broken.err(), /cannot use the price file: .*prices\.json/);
});
