import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import type { CallRecord, LanguageId } from '../../../src/core/analysis/types';
import { defaultCostSettings, estimateCallCost } from '../../../src/core/cost';
import { ParserHost } from '../../../src/core/parsing/host';
import { bundledTable } from '../../../src/core/pricing';
import { wasmDir } from '../helpers/paths';

const host = new ParserHost(wasmDir);
after(() => host.dispose());

async function records(text: string, languageId: LanguageId): Promise<CallRecord[]> {
  return (await analyze(text, languageId, languageId === 'python' ? 'app.py' : 'app.ts', host)).calls;
}

const context = { table: bundledTable, settings: defaultCostSettings };

/** A tool definition of about 150 tokens, as the SDKs' docs write them. */
const calculator =
  '{"name": "calculator", "description": "A simple calculator that performs basic arithmetic on two numbers and returns the result.", ' +
  '"input_schema": {"type": "object", "properties": {"operation": {"type": "string", "enum": ["add", "subtract", "multiply", "divide"], ' +
  '"description": "The operation to perform."}, "a": {"type": "number", "description": "The first operand."}, ' +
  '"b": {"type": "number", "description": "The second operand."}}, "required": ["operation", "a", "b"]}}';

describe('tool definitions are input', () => {
  it('a tools list the code writes out counts as static input, before the prompt; one built at run time does not', async () => {
    const text =
      `import anthropic\nclient = anthropic.Anthropic()\nCALCULATOR = ${calculator}\nTOOLS = [CALCULATOR]\n` +
      'def a(q):\n    return client.messages.create(model="claude-sonnet-4-5", max_tokens=500, tools=TOOLS, messages=[{"role": "user", "content": q}])\n' +
      'def b(q, tools):\n    return client.messages.create(model="claude-sonnet-4-5", max_tokens=500, tools=tools, messages=[{"role": "user", "content": q}])\n' +
      'def c(q, registry):\n    return client.messages.create(model="claude-sonnet-4-5", max_tokens=500, tools=[CALCULATOR, registry.schema], messages=[{"role": "user", "content": q}])\n';
    const [a, b, c] = await records(text, 'python');
    assert.equal(a.toolDefinitions?.length, 1);
    assert.match(
      (a.toolDefinitions?.[0] as { text: string }).text,
      /^\[\{"name": "calculator", .*"required": \["operation", "a", "b"\]\}\}\]$/,
    );
    // A list the code builds from elsewhere, or with an item it does not show, is not counted in part.
    assert.equal(b.toolDefinitions, undefined);
    assert.equal(c.toolDefinitions, undefined);
    const withTools = estimateCallCost(a, context);
    const without = estimateCallCost(b, context);
    const tools = (withTools.inputTokens ?? 0) - (without.inputTokens ?? 0);
    assert.ok(tools > 100 && tools < 200, `tool tokens: ${tools}`);
    assert.ok(
      withTools.notes.some((n) => n.includes(`of them tool definitions`)),
      withTools.notes.join('\n'),
    );
  });

  it('OpenAI function tools in TypeScript, through a constant', async () => {
    const text =
      "import OpenAI from 'openai';\nconst client = new OpenAI();\n" +
      "const WEATHER = { type: 'function', function: { name: 'get_weather', description: 'The weather in a city today.', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } };\n" +
      "export const ask = (q: string) => client.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, tools: [WEATHER], messages: [{ role: 'user', content: q }] });\n";
    const [call] = await records(text, 'typescript');
    assert.match(
      (call.toolDefinitions?.[0] as { text: string }).text,
      /^\[\{ type: 'function', function: \{ name: 'get_weather'/,
    );
  });
});
