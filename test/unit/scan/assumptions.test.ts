import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { captureIo } from '../helpers/io';

const app = `from openai import OpenAI
from anthropic import Anthropic
from mistralai import Mistral

client = OpenAI()
claude = Anthropic()
mistral = Mistral()

def answer(history, question):
    # llm-cost-lens: 10/day
    client.chat.completions.create(model="gpt-4o-mini", messages=history)
    client.chat.completions.create(model="o3", messages=[{"role": "user", "content": question}])
    mistral.chat.complete(model="mistral-large-latest", messages=[{"role": "user", "content": question}])

def nightly():
    claude.messages.batches.create(requests=[
        {"custom_id": "a", "params": {"model": "claude-sonnet-4-5", "max_tokens": 100, "messages": [{"role": "user", "content": "Summarise A"}]}},
        {"custom_id": "b", "params": {"model": "claude-sonnet-4-5", "max_tokens": 100, "messages": [{"role": "user", "content": "Summarise B"}]}},
    ])
`;

interface Assumed {
  value: unknown;
  source: string;
  setting: string;
  flag?: string;
  calls: number;
}

interface ScanJson {
  assumptions: {
    callsPerDay: Assumed;
    dynamicPartTokens: Assumed;
    historyTokens: Assumed;
    expectedOutputTokens: Assumed;
    reasoningTokens: Assumed;
    perCall: { file: string; line: number; callsPerDay: number; source: string }[];
  };
  calls: {
    line: number;
    model: string;
    inputTokens: number;
    requests: number;
    costPerCallUsd: { expected: number; worst: number | null };
    assumptions: { key: string; value: number | null; source: string }[];
  }[];
}

describe('scan: the assumptions behind the figures', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-assumptions-'));
    writeFileSync(path.join(root, 'app.py'), app);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  async function scanJson(...flags: string[]): Promise<ScanJson> {
    const io = captureIo(root);
    assert.equal(await runCli(['scan', '.', '--format', 'json', ...flags], io), 0, io.err());
    return JSON.parse(io.out()) as ScanJson;
  }

  it('lists each assumption with its value and origin, and per call where its calls a day came from', async () => {
    const { assumptions, calls } = await scanJson();
    assert.deepEqual(assumptions.callsPerDay, {
      value: 1000,
      source: 'default',
      setting: 'llmCostLens.callsPerDay',
      flag: '--calls-per-day',
      calls: 3,
    });
    assert.equal(assumptions.historyTokens.value, 2000);
    assert.equal(assumptions.historyTokens.calls, 1);
    assert.equal(assumptions.reasoningTokens.calls, 1);
    assert.deepEqual(
      assumptions.perCall.map((c) => [c.line, c.callsPerDay, c.source]),
      [
        [11, 10, 'annotation'],
        [12, 1000, 'default'],
        [13, 1000, 'default'],
        [16, 1000, 'default'],
      ],
    );
    const history = calls.find((c) => c.model === 'gpt-4o-mini');
    // 2,000 tokens of history + 3 for the message + 3 priming the reply.
    assert.equal(history?.inputTokens, 2006);
    const batch = calls.find((c) => c.line === 16);
    assert.equal(batch?.requests, 2);
    const mistral = calls.find((c) => c.model === 'mistral-large-latest');
    assert.equal(mistral?.costPerCallUsd.worst, null);
  });

  it('takes each figure from its flag, and says so', async () => {
    const { assumptions, calls } = await scanJson(
      '--history-tokens',
      '500',
      '--dynamic-part-tokens',
      '50',
      '--expected-output-tokens',
      '100',
    );
    assert.deepEqual([assumptions.historyTokens.value, assumptions.historyTokens.source], [500, 'flag']);
    assert.equal(assumptions.dynamicPartTokens.source, 'flag');
    assert.equal(assumptions.expectedOutputTokens.value, 100);
    assert.equal(assumptions.callsPerDay.source, 'default');
    assert.equal(calls.find((c) => c.model === 'gpt-4o-mini')?.inputTokens, 506);
    const o3 = calls.find((c) => c.model === 'o3');
    assert.equal(o3?.assumptions.find((a) => a.key === 'expectedOutputTokens')?.source, 'flag');
    for (const flag of ['--history-tokens', '--dynamic-part-tokens', '--expected-output-tokens']) {
      const bad = captureIo(root);
      assert.equal(await runCli(['scan', '.', flag, 'lots'], bad), 2, flag);
      assert.match(bad.err(), new RegExp(`${flag} must be a number of at least 0`));
    }
  });

  it('ends the table with one line stating the assumptions, and says an unknown worst case', async () => {
    const io = { ...captureIo(root), now: () => new Date('2026-11-30T12:00:00Z') };
    assert.equal(await runCli(['scan', '.', '--calls-per-day', '300'], io), 0);
    const lines = io.out().trimEnd().split('\n');
    assert.equal(lines[lines.length - 3], 'Prices: the bundled snapshot, prices as of 2026-08-21.');
    assert.match(
      lines[lines.length - 1] ?? '',
      /^Assumed: 300 calls a day \(flag; 1 call annotated\), 200 tokens per dynamic part \(default\), 2,000 tokens per chat history sent whole \(default; 1 call\), 500 output tokens \(default\), \+ reasoning tokens by effort for 1 call \(minimal 250, low 1,000, medium 2,500, high 6,000, xhigh 12,000\)\. Change with --calls-per-day, --dynamic-part-tokens, --history-tokens, --expected-output-tokens\.$/,
    );
    assert.match(io.out(), /mistral-large-latest .*\$[\d.]+ \(max unknown\)/);
    assert.match(
      io.out(),
      /Total per month over 4 priced calls: \$[\d,.]+ \(max unknown\); 1 with no known max output\./,
    );
  });
});
