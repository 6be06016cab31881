import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import type { CallRecord, LanguageId } from '../../../src/core/analysis/types';
import { defaultCostSettings, estimateCallCost, type CallCost } from '../../../src/core/cost';
import { ParserHost } from '../../../src/core/parsing/host';
import { bundledTable } from '../../../src/core/pricing';
import { wasmDir } from '../helpers/paths';
import { near } from './records';

const host = new ParserHost(wasmDir);
after(() => host.dispose());

async function onlyCall(text: string, languageId: LanguageId): Promise<CallRecord> {
  const { calls } = await analyze(text, languageId, languageId === 'python' ? 'app.py' : 'app.ts', host);
  assert.equal(calls.length, 1, `one call in:\n${text}`);
  return calls[0] as CallRecord;
}

const context = { table: bundledTable, settings: defaultCostSettings };
const visible = defaultCostSettings.expectedOutputTokens;

function reasoningAssumption(cost: CallCost): { value: number | null; source: string; setting?: string } | undefined {
  return cost.assumptions.find((a) => a.key === 'reasoningTokens');
}

/** Output price per token of the call's model, to check the dollars by hand. */
function outputUsdPerToken(cost: CallCost): number {
  const usd = cost.resolved ? bundledTable.models.find((m) => m.id === cost.resolved?.id)?.prices.output?.usd : 0;
  return (usd ?? NaN) / 1e6;
}

describe('thinking budgets in the code size the reasoning tokens', () => {
  const anthropicPython = (budget: string, maxTokens = 16000): string =>
    'import anthropic\nclient = anthropic.Anthropic()\n' +
    'r = client.messages.create(\n    model="claude-sonnet-4-5",\n' +
    `    max_tokens=${maxTokens},\n    thinking={"type": "enabled", "budget_tokens": ${budget}},\n` +
    '    messages=[{"role": "user", "content": question}],\n)\n';

  it('Anthropic extended thinking, Python: budget_tokens is the expected reasoning, the limit the worst case', async () => {
    const call = await onlyCall(anthropicPython('8000'), 'python');
    assert.equal(call.thinkingBudget, 8000);
    const cost = estimateCallCost(call, context);
    assert.equal(cost.outputTokens?.expected, visible + 8000);
    assert.equal(cost.outputTokens?.worst, 16000);
    assert.deepEqual(reasoningAssumption(cost), {
      key: 'reasoningTokens',
      label: 'reasoning tokens (the thinking budget in the code)',
      value: 8000,
      source: 'code',
    });
    assert.ok(
      cost.notes.some((n) => /thinking budget of 8,000 tokens \(in the code\)/.test(n)),
      cost.notes.join('\n'),
    );
    // The output part of the dollars is (visible + budget) tokens at the output price; the worst case the limit.
    const withoutThinking = estimateCallCost({ ...call, thinkingBudget: undefined }, context);
    const perToken = outputUsdPerToken(cost);
    near(
      (cost.costPerCallUsd?.expected ?? 0) - (withoutThinking.costPerCallUsd?.expected ?? 0),
      8000 * perToken,
      'expected',
    );
    near(cost.costPerCallUsd?.worst ?? 0, withoutThinking.costPerCallUsd?.worst ?? NaN, 'worst: the same limit');
  });

  it('Anthropic extended thinking, TypeScript: thinking: {type: "enabled", budget_tokens: N} through a constant', async () => {
    const text =
      "import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();\nconst BUDGET = 4096;\n" +
      'export async function ask(question: string) {\n' +
      "  return client.messages.create({\n    model: 'claude-sonnet-4-5',\n    max_tokens: 10000,\n" +
      "    thinking: { type: 'enabled', budget_tokens: BUDGET },\n" +
      "    messages: [{ role: 'user', content: question }],\n  });\n}\n";
    const call = await onlyCall(text, 'typescript');
    assert.equal(call.thinkingBudget, 4096);
    const cost = estimateCallCost(call, context);
    assert.equal(cost.outputTokens?.expected, visible + 4096);
    assert.equal(cost.outputTokens?.worst, 10000);
    assert.equal(reasoningAssumption(cost)?.source, 'code');
  });

  it('Claude without thinking spends no reasoning tokens; a budget that is not a constant assumes medium effort', async () => {
    const off = await onlyCall(
      'import anthropic\nclient = anthropic.Anthropic()\n' +
        'r = client.messages.create(model="claude-sonnet-4-5", max_tokens=1000, messages=[{"role": "user", "content": q}])\n',
      'python',
    );
    assert.equal(off.thinkingBudget, undefined);
    assert.equal(estimateCallCost(off, context).outputTokens?.expected, visible);
    const unknown = await onlyCall(anthropicPython('settings.budget'), 'python');
    assert.equal(unknown.thinkingBudget, null);
    const cost = estimateCallCost(unknown, context);
    assert.equal(cost.outputTokens?.expected, visible + defaultCostSettings.reasoningTokens.medium);
    assert.equal(reasoningAssumption(cost)?.setting, 'llmCostLens.reasoningTokens');
  });

  it('Gemini, Python: ThinkingConfig(thinking_budget=N) in the config; 0 turns thinking off; -1 is dynamic', async () => {
    const gemini = (budget: string, limit = ''): string =>
      'from google import genai\nfrom google.genai import types\nclient = genai.Client()\n' +
      'r = client.models.generate_content(\n    model="gemini-2.5-flash",\n    contents=question,\n' +
      `    config=types.GenerateContentConfig(${limit}thinking_config=types.ThinkingConfig(thinking_budget=${budget})),\n)\n`;
    const call = await onlyCall(gemini('1024', 'max_output_tokens=4000, '), 'python');
    assert.equal(call.thinkingBudget, 1024);
    const cost = estimateCallCost(call, context);
    assert.equal(cost.outputTokens?.expected, visible + 1024);
    assert.equal(cost.outputTokens?.worst, 4000);
    assert.deepEqual(reasoningAssumption(cost)?.value, 1024);
    assert.equal(reasoningAssumption(cost)?.source, 'code');

    const off = estimateCallCost(await onlyCall(gemini('0'), 'python'), context);
    assert.equal(off.outputTokens?.expected, visible);
    assert.equal(reasoningAssumption(off), undefined);

    const dynamic = await onlyCall(gemini('-1'), 'python');
    assert.equal(dynamic.thinkingBudget, null);
    const model = estimateCallCost(dynamic, context);
    assert.equal(model.outputTokens?.expected, visible + defaultCostSettings.reasoningTokens.medium);
    assert.equal(reasoningAssumption(model)?.source, 'default');
  });

  it('Gemini, TypeScript: config.thinkingConfig.thinkingBudget; a budget turns thinking on for Flash-Lite', async () => {
    const text =
      "import { GoogleGenAI } from '@google/genai';\nconst ai = new GoogleGenAI({});\n" +
      'export async function ask(question: string) {\n' +
      "  return ai.models.generateContent({\n    model: 'gemini-2.5-flash-lite',\n    contents: question,\n" +
      '    config: { maxOutputTokens: 3000, thinkingConfig: { thinkingBudget: 2048 } },\n  });\n}\n';
    const call = await onlyCall(text, 'typescript');
    assert.equal(call.thinkingBudget, 2048);
    const cost = estimateCallCost(call, context);
    assert.equal(cost.outputTokens?.expected, visible + 2048);
    assert.equal(cost.outputTokens?.worst, 3000);
    // Without the budget, Flash-Lite does not think.
    assert.equal(estimateCallCost({ ...call, thinkingBudget: undefined }, context).outputTokens?.expected, visible);
  });

  it('Gemini 3 Pro, 3 Flash and 3.1 Pro think at level high by default; 2.5 Flash at a medium, dynamic budget', async () => {
    const text = (model: string) =>
      `from google import genai\nclient = genai.Client()\ndef ask(q):\n    return client.models.generate_content(model="${model}", contents=q)\n`;
    const high = defaultCostSettings.reasoningTokens.high;
    for (const [model, tokens] of [
      ['gemini-3-pro-preview', high],
      ['gemini-3-flash-preview', high],
      ['gemini-3.1-pro-preview', high],
      ['gemini-2.5-flash', defaultCostSettings.reasoningTokens.medium],
    ] as const) {
      const cost = estimateCallCost(await onlyCall(text(model), 'python'), context);
      assert.equal(reasoningAssumption(cost)?.value, tokens, model);
    }
  });

  it('a budget larger than the room under the limit is capped at the worst case', async () => {
    const call = await onlyCall(anthropicPython('30000', 20000), 'python');
    const cost = estimateCallCost(call, context);
    assert.equal(cost.outputTokens?.expected, 20000);
    assert.equal(cost.outputTokens?.worst, 20000);
  });
});
