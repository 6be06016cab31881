import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { countTokens } from '../../../src/core/tokens';
import { captureIo } from '../helpers/io';

const system = 'You are a terse assistant. Answer in one sentence.';
const user = 'What is the capital of France?';
const app = `from openai import OpenAI

client = OpenAI()

# llm-cost-lens: 10/day
client.chat.completions.create(
    model="gpt-4o",
    max_completion_tokens=100,
    messages=[{"role": "system", "content": "${system}"}, {"role": "user", "content": "${user}"}],
)

client.chat.completions.create(model="gpt-17-ultra", messages=[{"role": "user", "content": "${user}"}])

client.embeddings.create(model="text-embedding-3-small", input="${user}")
`;

interface CostedRecord {
  model: string | null;
  inputTokens: number | null;
  inputTokensExact: boolean;
  costPerCallUsd: { expected: number; worst: number } | null;
  monthlyUsd: { expected: number; worst: number } | null;
  unknownModel: { reason: string; suggestions: string[] } | null;
}

describe('scan: cost of each call', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-scan-cost-'));
    writeFileSync(path.join(root, 'app.py'), app);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('prices a fully static call exactly, per call and per month from its annotation', async () => {
    const io = captureIo(root);
    assert.equal(await runCli(['scan', '.', '--format', 'json'], io), 0, io.err());
    const calls = (JSON.parse(io.out()) as { calls: CostedRecord[] }).calls;
    const call = calls.find((c) => c.model === 'gpt-4o');
    assert.ok(call);
    // Two messages: their texts (o200k) plus 3 tokens each and 3 priming the reply.
    const expectedInput = countTokens(system, 'gpt-4o').tokens + countTokens(user, 'gpt-4o').tokens + 9;
    assert.equal(call.inputTokens, expectedInput);
    assert.equal(call.inputTokensExact, true);
    // gpt-4o: $2.50 input, $10 output per 1M; expected output 500 capped by the limit of 100.
    const perCall = (expectedInput * 2.5 + 100 * 10) / 1e6;
    assert.ok(call.costPerCallUsd);
    assert.ok(Math.abs(call.costPerCallUsd.expected - perCall) < 1e-12);
    assert.ok(Math.abs(call.costPerCallUsd.worst - perCall) < 1e-12);
    assert.ok(Math.abs((call.monthlyUsd?.expected ?? 0) - perCall * 10 * 30) < 1e-9);
  });

  it('gives an unknown model no price, only the reason and the closest names', async () => {
    const io = captureIo(root);
    await runCli(['scan', '.', '--format', 'json'], io);
    const calls = (JSON.parse(io.out()) as { calls: CostedRecord[] }).calls;
    const call = calls.find((c) => c.model === 'gpt-17-ultra');
    assert.ok(call);
    assert.equal(call.costPerCallUsd, null);
    assert.equal(call.monthlyUsd, null);
    assert.ok(call.unknownModel && call.unknownModel.suggestions.length > 0);
    const table = captureIo(root);
    await runCli(['scan', '.'], table);
    assert.match(table.out(), /gpt-17-ultra .* unknown model/);
    // An embedding has no output to limit: its limit cell is a dash, not `none`.
    assert.match(table.out(), /openai\s+embeddings\s+text-embedding-3-small\s+—\s/);
    assert.match(
      table.out(),
      /Total per month over 2 priced calls: \$[\d,.]+( \(max \$[\d,.]+\))?; 1 call not priced \(model not in the price table\)\.\nAssumed: /,
    );
  });

  it('takes calls per day from --calls-per-day for calls without an annotation', async () => {
    const io = captureIo(root);
    await runCli(['scan', '.', '--format', 'json', '--calls-per-day', '2'], io);
    const calls = (JSON.parse(io.out()) as { calls: CostedRecord[] }).calls;
    const plain = calls.find((c) => c.model === 'text-embedding-3-small');
    assert.ok(plain?.costPerCallUsd && plain.monthlyUsd);
    assert.ok(plain.costPerCallUsd.expected > 0);
    assert.ok(Math.abs(plain.monthlyUsd.expected - plain.costPerCallUsd.expected * 2 * 30) < 1e-12);
    const annotated = calls.find((c) => c.model === 'gpt-4o');
    assert.ok(annotated?.costPerCallUsd && annotated.monthlyUsd);
    assert.ok(Math.abs(annotated.monthlyUsd.expected - annotated.costPerCallUsd.expected * 10 * 30) < 1e-9);
    const bad = captureIo(root);
    assert.equal(await runCli(['scan', '.', '--calls-per-day', 'lots'], bad), 2);
  });
});
