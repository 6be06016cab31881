import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CallRecord, PromptMessage } from '../../../src/core/analysis/types';
import {
  defaultCostSettings,
  estimateCallCost,
  explainCost,
  type CallCost,
  type CostContext,
} from '../../../src/core/cost';
import { bundledTable } from '../../../src/core/pricing';
import { countTokens } from '../../../src/core/tokens';
import { callRecord, near, text } from './records';

const context: CostContext = { table: bundledTable, settings: defaultCostSettings };

function expectedUsd(cost: CallCost): number {
  assert.ok(cost.costPerCallUsd, JSON.stringify(cost.unknown));
  return cost.costPerCallUsd.expected;
}

function worstUsd(cost: CallCost): number | null {
  assert.ok(cost.costPerCallUsd, JSON.stringify(cost.unknown));
  return cost.costPerCallUsd.worst;
}

/** `messages=history`: one message standing for the whole argument, as the analyser records it. */
function wholeArgument(expression: string, name = 'messages'): Pick<CallRecord, 'messages' | 'sites'> {
  const range = { start: 40, end: 40 + expression.length };
  return {
    messages: [{ role: 'unknown', segments: [{ kind: 'dynamic', expression, range }] }],
    sites: {
      options: null,
      constructorOptions: null,
      complete: true,
      messages: { name, value: range, entry: { start: 31, end: range.end }, where: 'call' },
    },
  };
}

test('history: messages given as one variable are a conversation of historyTokens, and said so', () => {
  const cost = estimateCallCost(callRecord({ model: 'gpt-4o', ...wholeArgument('history') }), context);
  // 2,000 (history) + 3 (one message) + 3 (reply priming)
  assert.equal(cost.inputTokens, 2006);
  // 2,006 × 2.50 + 500 × 10
  near(expectedUsd(cost), 0.010015, 'expected');
  assert.ok(cost.notes.some((n) => n.includes('`history` is a whole conversation: 2,000 tokens of chat history')));
  assert.deepEqual(
    cost.assumptions.find((a) => a.key === 'historyTokens'),
    {
      key: 'historyTokens',
      label: 'tokens of chat history',
      value: 2000,
      source: 'default',
      setting: 'llmCostLens.historyTokens',
    },
  );
  const set = estimateCallCost(callRecord({ model: 'gpt-4o', ...wholeArgument('history') }), {
    ...context,
    settings: { ...defaultCostSettings, historyTokens: 8000 },
    sources: { historyTokens: 'setting' },
  });
  assert.equal(set.inputTokens, 8006);
  assert.equal(set.assumptions.find((a) => a.key === 'historyTokens')?.source, 'setting');
});

test('history: input= and contents= take one text or a list of turns; a name with no word of turns is one text', () => {
  const tokens = (expression: string, name: string): number | null =>
    estimateCallCost(callRecord({ model: 'gpt-4o', ...wholeArgument(expression, name) }), context).inputTokens;
  // openai-agents-python's docs script: `responses.create(..., input=chunk)` sends one chunk of text.
  assert.equal(tokens('chunk', 'input'), 206);
  assert.equal(tokens('self.user_question', 'input'), 206);
  assert.equal(tokens('prompt', 'contents'), 206);
  // crewai's `contents=contents_for_api`, simonw/llm's `input=input_items`: lists of turns.
  assert.equal(tokens('contents_for_api', 'contents'), 2006);
  assert.equal(tokens('input_items', 'input'), 2006);
  assert.equal(tokens('chatHistory', 'input'), 2006);
  // What a function returns may be either: counted as turns, as before.
  assert.equal(tokens('build(q)', 'input'), 2006);
  // `messages=` is always a list.
  assert.equal(tokens('prompt', 'messages'), 2006);
});

test("history: a LangChain model's input is one text or a list of turns, read by its name", () => {
  const tokens = (expression: string): number | null =>
    estimateCallCost(
      callRecord({ model: 'gpt-4o', sdk: 'langchain', api: 'invoke', ...wholeArgument(expression) }),
      context,
    ).inputTokens;
  // `model.invoke(q)` (open-canvas, LangChain's own examples) sends one question, not a 2,000-token chat.
  assert.equal(tokens('q'), 206);
  assert.equal(tokens('question'), 206);
  assert.equal(tokens('messages'), 2006);
  assert.equal(tokens('state.chat_history'), 2006);
  assert.equal(tokens('build(q)'), 2006);
});

test('history: a spliced list (*history) is a conversation; one message built from a variable is not', () => {
  const system = 'Be brief.';
  const messages: PromptMessage[] = [
    { role: 'unknown', segments: [{ kind: 'dynamic', expression: '*history' }] },
    { role: 'user', segments: [{ kind: 'dynamic', expression: 'q' }] },
  ];
  const cost = estimateCallCost(
    callRecord({ model: 'gpt-4o', systemPrompt: { kind: 'literal', segments: [text(system)] }, messages }),
    context,
  );
  // system text + 2,000 (history) + 200 (q) + 3 × 3 per message + 3
  assert.equal(cost.inputTokens, countTokens(system, 'gpt-4o').tokens + 2000 + 200 + 12);
  const single = estimateCallCost(
    callRecord({
      model: 'gpt-4o',
      messages: [
        { role: 'unknown', segments: [{ kind: 'dynamic', expression: 'msg', range: { start: 41, end: 44 } }] },
      ],
      sites: { ...wholeArgument('[msg]').sites },
    }),
    context,
  );
  assert.equal(single.inputTokens, 206, 'one message: one dynamic part of 200 tokens');
  assert.equal(
    single.assumptions.find((a) => a.key === 'historyTokens'),
    undefined,
  );
});

test('reasoning: expected output adds reasoning tokens by effort; the worst case is the output limit', () => {
  const o3 = estimateCallCost(callRecord({ model: 'o3' }), context);
  // o3 defaults to medium effort: 500 visible + 2,500 reasoning. 206 × 2 + 3,000 × 8
  near(expectedUsd(o3), 0.024412, 'o3 expected');
  // No limit: o3's max output 100,000. 206 × 2 + 100,000 × 8
  near(worstUsd(o3) ?? -1, 0.800412, 'o3 worst');
  assert.deepEqual(o3.outputTokens, { expected: 3000, reasoning: 2500, worst: 100_000 });
  assert.ok(
    o3.notes.some((n) => n.includes('o3 defaults to reasoning effort medium, 2,500 reasoning tokens expected')),
  );
  assert.ok(o3.notes.some((n) => n === 'expected output: 3,000 tokens = 500 visible + 2,500 reasoning'));
  const reasoning = o3.assumptions.find((a) => a.key === 'reasoningTokens');
  assert.deepEqual(reasoning, {
    key: 'reasoningTokens',
    label: 'reasoning tokens at effort medium',
    value: 2500,
    source: 'default',
    setting: 'llmCostLens.reasoningTokens',
  });
  const high = estimateCallCost(callRecord({ model: 'openai/o3', reasoningEffort: 'high' }), context);
  // 500 + 6,000 reasoning: 206 × 2 + 6,500 × 8
  near(expectedUsd(high), 0.052412, 'high effort');
  const none = estimateCallCost(callRecord({ model: 'gpt-5.1', reasoningEffort: 'none' }), context);
  assert.equal(none.outputTokens?.reasoning, 0);
  const limited = estimateCallCost(
    callRecord({ model: 'o3', outputLimit: true, outputLimitParam: 'max_completion_tokens', outputLimitValue: 2000 }),
    context,
  );
  // The limit counts reasoning tokens: expected 3,000 is capped at 2,000. 206 × 2 + 2,000 × 8
  near(expectedUsd(limited), 0.016412, 'capped');
  near(worstUsd(limited) ?? -1, 0.016412, 'limit');
});

test('reasoning: none for models that do not reason, or do only when asked', () => {
  const gpt4o = estimateCallCost(callRecord({ model: 'gpt-4o' }), context);
  assert.equal(gpt4o.outputTokens?.reasoning, 0);
  assert.equal(
    gpt4o.assumptions.find((a) => a.key === 'reasoningTokens'),
    undefined,
  );
  const claude = estimateCallCost(callRecord({ model: 'claude-sonnet-4-5', sdk: 'anthropic' }), context);
  assert.equal(claude.outputTokens?.expected, 500);
  assert.ok(claude.notes.some((n) => n.includes('extended thinking is off unless the call sets `thinking`')));
});

test('worst case: unknown when there is no limit and the model has no known max output, never the expected', () => {
  const cost = estimateCallCost(callRecord({ model: 'mistral-large-latest', sdk: 'mistral' }), context);
  // Mistral Large 3: 206 × 0.5 + 500 × 1.5
  near(expectedUsd(cost), 0.000853, 'expected');
  assert.equal(worstUsd(cost), null);
  assert.equal(cost.monthlyUsd?.worst, null);
  assert.equal(cost.outputTokens?.worst, null);
  assert.deepEqual(cost.assumptions.find((a) => a.key === 'worstCaseOutput')?.value, null);
  assert.equal(explainCost(cost)[1], 'per call $0.000853 expected, unknown worst case');
  assert.ok(!cost.breakdown.some((line) => line.case === 'worst'));
  assert.ok(cost.notes.includes("no output limit and mistral-large-2512's max output is unknown: worst case unknown"));
});

test('batch: a submission with N requests written in the code costs N requests at batch prices', () => {
  const batch = (batchRequests: number | null): CallRecord =>
    callRecord({
      model: 'claude-sonnet-4-5',
      sdk: 'anthropic',
      api: 'messages.batches.create',
      batch: true,
      batchRequests,
      outputLimit: true,
      outputLimitParam: 'max_tokens',
      outputLimitValue: 100,
    });
  const three = estimateCallCost(batch(3), context);
  // Per request at batch prices: 206 × 1.50 + 100 × 7.50 = $0.001059; × 3 requests
  near(expectedUsd(three), 0.003177, 'per submission');
  // × 1,000 submissions a day × 30
  near(three.monthlyUsd?.expected, 95.31, 'monthly');
  assert.equal(three.requests, 3);
  assert.deepEqual(three.assumptions.find((a) => a.key === 'batchRequests')?.value, 3);
  const unseen = estimateCallCost(batch(null), context);
  near(expectedUsd(unseen), 0.001059, 'one request');
  assert.ok(unseen.notes.some((n) => n.includes('not visible in the code: priced as one request')));
});

test('assumptions: calls a day from an annotation, a setting, a flag or the default', () => {
  const annotated = estimateCallCost(callRecord({ model: 'gpt-4o', callsPerDay: 20 }), context);
  assert.deepEqual(annotated.assumptions[0], {
    key: 'callsPerDay',
    label: 'calls a day',
    value: 20,
    source: 'annotation',
    setting: 'llmCostLens.callsPerDay',
  });
  const flagged = estimateCallCost(callRecord({ model: 'gpt-4o' }), { ...context, sources: { callsPerDay: 'flag' } });
  assert.equal(flagged.callsPerDaySource, 'flag');
  const unknown = estimateCallCost(callRecord({ model: 'gpt-17' }), context);
  assert.equal(unknown.assumptions[0]?.source, 'default');
  const lines = explainCost(estimateCallCost(callRecord({ model: 'o3' }), context));
  assert.ok(lines.includes('    calls a day: 1,000 (default, llmCostLens.callsPerDay)'), lines.join('\n'));
  assert.ok(lines.includes('    reasoning tokens at effort medium: 2,500 (default, llmCostLens.reasoningTokens)'));
  assert.ok(lines.includes("    worst-case output tokens (the model's max): 100,000 (price table)"));
});
