import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  defaultCostSettings,
  estimateCallCost,
  explainCost,
  scanCostFields,
  validateCostSettings,
  type CallCost,
} from '../../../src/core/cost';
import { bundledTable } from '../../../src/core/pricing';
import { countTokens } from '../../../src/core/tokens';
import { callRecord, near, text } from './records';

const context = { table: bundledTable, settings: defaultCostSettings };

function perCall(cost: CallCost): { expected: number; worst: number } {
  assert.ok(cost.costPerCallUsd, JSON.stringify(cost.unknown));
  const { expected, worst } = cost.costPerCallUsd;
  assert.ok(worst !== null, 'the worst case is known');
  return { expected, worst };
}

// Settings: 200 tokens per dynamic part, 500 expected output tokens, 1,000 calls a day.
// One user message with one dynamic part: 200 + chat format (3 + 3) = 206 input tokens.

test('estimate: plain gpt-4o call without an output limit', () => {
  const cost = estimateCallCost(callRecord({ model: 'gpt-4o' }), context);
  assert.equal(cost.inputTokens, 206);
  assert.equal(cost.inputExact, false);
  // 206 × 2.50 + 500 × 10
  near(perCall(cost).expected, 0.005515, 'expected');
  // 206 × 2.50 + 16,384 (max output) × 10
  near(perCall(cost).worst, 0.164355, 'worst');
  // × 1,000 calls × 30 days
  near(cost.monthlyUsd?.expected, 165.45, 'monthly');
  assert.ok(
    cost.notes.some((n) => n.includes("no output limit: worst case uses the model's max output of 16,384 tokens")),
  );
});

test('estimate: output limit and a calls-per-day annotation', () => {
  const cost = estimateCallCost(
    callRecord({
      model: 'gpt-4o',
      outputLimit: true,
      outputLimitParam: 'max_tokens',
      outputLimitValue: 1000,
      callsPerDay: 5000,
    }),
    context,
  );
  // 206 × 2.50 + 1,000 × 10
  near(perCall(cost).worst, 0.010515, 'worst');
  // 0.005515 × 5,000 × 30
  near(cost.monthlyUsd?.expected, 827.25, 'monthly');
  assert.equal(cost.callsPerDaySource, 'annotation');
});

// A 6,800-character static system prompt: Claude (before 4.7) ≈ 6,800 / 3.4 = 2,000 tokens.
const longSystem = { kind: 'literal' as const, segments: [text('x'.repeat(6800))] };

test('estimate: Anthropic cache_control 5m: calls that find no live cache write it, the others read it', () => {
  const call = callRecord({
    model: 'claude-sonnet-4-5',
    sdk: 'anthropic',
    api: 'messages.create',
    systemPrompt: longSystem,
    caching: { explicit: true, ttl: null, markers: [] },
    outputLimit: true,
    outputLimitValue: 1024,
  });
  const cost = estimateCallCost(call, context);
  // 2,000 + 200 + (2 × 3 + 3) = 2,209 input tokens, an estimate (≈).
  assert.equal(cost.inputTokens, 2209);
  assert.equal(cost.inputExact, false);
  // 1,000 calls a day, 5-minute lifetime: e^(−1,000/1,440 × 5) = e^(−3.4722) = 0.0310480 of calls write.
  // Per call 62.0959 written, 1,937.9041 read, 209 plain:
  // 209 × 3 + 1,937.9041 × 0.30 + 62.0959 × 3.75 + 500 × 15 = 8,941.2309 per 1M
  near(perCall(cost).expected, 0.0089412309135, 'expected');
  // + 1,024 × 15 instead of 500 × 15
  near(perCall(cost).worst, 0.0168012309135, 'worst');
  assert.ok(
    cost.notes.some((n) => n.includes('3.1% of calls find no live cache and write it')),
    cost.notes.join('\n'),
  );
});

test('estimate: Anthropic cache_control 1h', () => {
  const call = callRecord({
    model: 'claude-sonnet-4-5',
    sdk: 'anthropic',
    systemPrompt: longSystem,
    caching: { explicit: true, ttl: '1h', markers: [] },
  });
  // e^(−1,000/1,440 × 60) = e^(−41.67) ≈ 8e-19: practically every call reads. 209 × 3 + 2,000 × 0.30 + 500 × 15
  near(perCall(estimateCallCost(call, context)).expected, 0.008727, 'expected');
});

test('estimate: a prefix below the model minimum is not cached', () => {
  const call = callRecord({
    model: 'claude-haiku-4-5',
    sdk: 'anthropic',
    systemPrompt: longSystem,
    caching: { explicit: true, ttl: null, markers: [] },
  });
  const cost = estimateCallCost(call, context);
  // 2,209 × 1 + 500 × 5
  near(perCall(cost).expected, 0.004709, 'expected');
  assert.ok(
    cost.notes.some((n) => n.includes('below') && n.includes('4,096')),
    cost.notes.join('\n'),
  );
});

test('estimate: OpenAI automatic caching of a static prefix of 1,024 tokens or more', () => {
  const system = `hello${' hello'.repeat(1999)}`;
  assert.deepEqual(countTokens(system, 'gpt-4o'), { tokens: 2000, exact: true, family: 'o200k_base' });
  const call = callRecord({ model: 'gpt-4o', systemPrompt: { kind: 'literal', segments: [text(system)] } });
  const cost = estimateCallCost(call, context);
  assert.equal(cost.inputTokens, 2209);
  // Cached in 128-token steps: 1,920. 3.10480% of 1,000 calls a day miss (5-minute lifetime): 59.6121 tokens at
  // the input price, 1,860.3879 read. 289 × 2.50 + 59.6121 × 2.50 + 1,860.3879 × 1.25 + 500 × 10
  near(perCall(cost).expected, 0.0081970151004, 'expected');
});

test('estimate: exact input for a fully static OpenAI prompt', () => {
  const call = callRecord({ model: 'gpt-4o', messages: [{ role: 'user', segments: [text('hello hello')] }] });
  const cost = estimateCallCost(call, context);
  // 2 tokens + 6 of chat format, counted exactly.
  assert.equal(cost.inputTokens, 8);
  assert.equal(cost.inputExact, true);
});

test('estimate: batch prices for a call sent through a batch API', () => {
  const cost = estimateCallCost(callRecord({ model: 'gpt-4o', batch: true }), context);
  // 206 × 1.25 + 500 × 5
  near(perCall(cost).expected, 0.0027575, 'expected');
});

test('estimate: embeddings have no output and no chat format', () => {
  const cost = estimateCallCost(callRecord({ model: 'text-embedding-3-small', api: 'embeddings.create' }), context);
  assert.equal(cost.inputTokens, 200);
  // 200 × 0.02; × 1,000 × 30
  near(perCall(cost).expected, 0.000004, 'expected');
  near(perCall(cost).worst, 0.000004, 'worst');
  near(cost.monthlyUsd?.expected, 0.12, 'monthly');
});

test('estimate: an unknown model gives no dollar figure, only suggestions', () => {
  const cost = estimateCallCost(callRecord({ model: 'gpt-4x-turbo' }), context);
  assert.equal(cost.costPerCallUsd, null);
  assert.equal(cost.monthlyUsd, null);
  assert.ok(cost.unknown?.suggestions.includes('gpt-4-turbo'));
  const unresolved = estimateCallCost(callRecord({ model: null }), context);
  assert.equal(unresolved.costPerCallUsd, null);
});

test('estimate: the breakdown explains every figure', () => {
  const cost = estimateCallCost(callRecord({ model: 'gpt-4o' }), context);
  assert.deepEqual(
    cost.breakdown.map((line) => [line.part, line.case]),
    [
      ['input', 'both'],
      ['output', 'expected'],
      ['output', 'worst'],
    ],
  );
  assert.ok(cost.breakdown.every((line) => line.how.includes('×') && line.source.includes('2026')));
  assert.ok(cost.notes.some((n) => n.startsWith('prices: genai-prices')));
});

test('estimate: each breakdown line is a priced part with its case, each case priced with its own output', () => {
  const system = text('You are a careful assistant. '.repeat(200));
  const call = callRecord({
    model: 'claude-sonnet-4-5',
    sdk: 'anthropic',
    api: 'messages.create',
    batch: true,
    batchRequests: 3,
    outputLimit: true,
    outputLimitParam: 'max_tokens',
    outputLimitValue: 900,
    systemPrompt: { kind: 'constant', segments: [system] },
    caching: { explicit: true, ttl: '5m', markers: [] },
  });
  const cost = estimateCallCost(call, context);
  assert.ok(cost.outputTokens && cost.outputTokens.worst !== null && cost.costPerCallUsd?.worst != null);
  const keys = ['part', 'tokens', 'usdPerMTok', 'usd', 'how', 'source', 'case'];
  for (const line of cost.breakdown) {
    assert.deepEqual(Object.keys(line), keys);
    near(line.usd, (line.tokens * line.usdPerMTok) / 1e6, line.how);
    assert.ok(line.how.includes('batch'), line.how);
  }
  assert.ok(cost.breakdown.some((line) => line.part === 'cacheRead' || line.part === 'cacheWrite5m'));
  const output = (which: 'expected' | 'worst'): number | undefined =>
    cost.breakdown.find((line) => line.part === 'output' && line.case === which)?.tokens;
  assert.equal(output('expected'), cost.outputTokens.expected);
  assert.equal(output('worst'), cost.outputTokens.worst);
  const sum = (which: 'expected' | 'worst'): number =>
    cost.breakdown.filter((line) => line.case === 'both' || line.case === which).reduce((t, l) => t + l.usd, 0) *
    cost.requests;
  near(sum('expected'), cost.costPerCallUsd.expected, 'expected per call');
  near(sum('worst'), cost.costPerCallUsd.worst, 'worst per call');
});

test('estimate: explained in lines, estimates marked ≈, scan fields', () => {
  const cost = estimateCallCost(callRecord({ model: 'gpt-4o' }), context);
  const lines = explainCost(cost);
  assert.equal(lines[0], 'gpt-4o: ≈206 input tokens');
  assert.equal(lines[1], 'per call $0.005515 expected, $0.1644 worst case');
  assert.equal(lines[2], 'per month $165.45 expected, $4,930.65 worst case');
  assert.deepEqual(scanCostFields(cost).costPerCallUsd, cost.costPerCallUsd);
  const unknown = explainCost(estimateCallCost(callRecord({ model: 'gpt-4x-turbo' }), context));
  assert.match(unknown[0] ?? '', /unknown model 'gpt-4x-turbo' \(closest known: gpt-4-turbo.*\): no cost shown/);
});

test('settings: bad values are named and replaced by the defaults', () => {
  const { settings, problems } = validateCostSettings({
    callsPerDay: 50,
    dynamicPartTokens: -3,
    expectedOutputTokens: 'many',
  });
  assert.deepEqual(settings, { ...defaultCostSettings, callsPerDay: 50 });
  assert.equal(problems.length, 2);
  assert.match(problems[0] ?? '', /^dynamicPartTokens/);
  const reasoning = validateCostSettings({
    reasoningTokens: { low: 300, medium: 'lots', huge: 9 },
    historyTokens: 800,
  });
  assert.deepEqual(reasoning.settings.reasoningTokens, { ...defaultCostSettings.reasoningTokens, low: 300 });
  assert.equal(reasoning.settings.historyTokens, 800);
  assert.deepEqual(
    reasoning.problems.map((p) => p.split(':')[0]),
    ['reasoningTokens.medium', 'reasoningTokens.huge'],
  );
  assert.match(validateCostSettings({ reasoningTokens: 5 }).problems[0] ?? '', /^reasoningTokens: expected an object/);
});

test('estimate: an OpenRouter :free variant is priced as the paid model, and the note says why', () => {
  const cost = estimateCallCost(callRecord({ model: 'openrouter/deepseek/deepseek-chat:free' }), context);
  const paid = estimateCallCost(callRecord({ model: 'deepseek-chat' }), context);
  assert.equal(perCall(cost).expected, perCall(paid).expected);
  assert.ok(
    cost.notes.some((n) =>
      n.includes("priced as deepseek-chat (the ':free' variant costs nothing but is rate-limited"),
    ),
    cost.notes.join('\n'),
  );
  assert.ok(!paid.notes.some((n) => n.includes(':free')));
});

test('estimate: says what input it leaves out (tool definitions, images), and not where there is none', () => {
  const notCounted = (features: { tools: boolean; vision: boolean }): string[] =>
    estimateCallCost(
      callRecord({ model: 'gpt-4o', features: { ...features, structuredOutput: false, enumOutput: false } }),
      context,
    ).notes.filter((n) => n.startsWith('not counted:'));
  assert.deepEqual(notCounted({ tools: false, vision: false }), []);
  const both = notCounted({ tools: true, vision: true });
  assert.equal(both.length, 2);
  assert.match(both[0] ?? '', /tool definitions/);
  assert.match(both[1] ?? '', /images in the request/);
});
