import assert from 'node:assert/strict';
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
