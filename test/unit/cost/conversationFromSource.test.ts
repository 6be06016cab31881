import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import type { LanguageId } from '../../../src/core/analysis/types';
import { defaultCostSettings, estimateCallCost } from '../../../src/core/cost';
import { ParserHost } from '../../../src/core/parsing/host';
import { bundledTable } from '../../../src/core/pricing';
import { wasmDir } from '../helpers/paths';

const host = new ParserHost(wasmDir);
after(() => host.dispose());

/** The input tokens of each call in the text, as the scan prices them. */
async function inputTokens(text: string, languageId: LanguageId): Promise<(number | null)[]> {
  const { calls } = await analyze(text, languageId, languageId === 'python' ? 'app.py' : 'app.ts', host);
  return calls.map(
    (call) => estimateCallCost(call, { table: bundledTable, settings: defaultCostSettings }).inputTokens,
  );
}

describe('a conversation or one text, read from the code as written', () => {
  it('a type assertion on the messages does not make the conversation one text (chatbot-ui)', async () => {
    const text = [
      "import OpenAI from 'openai';",
      "import type { ChatCompletionMessageParam } from 'openai/resources';",
      'const openai = new OpenAI();',
      'export async function chat(messages: unknown[]) {',
      "  await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: messages as ChatCompletionMessageParam[], max_tokens: 100 });",
      "  await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, max_tokens: 100 });",
      "  await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: messages!, max_tokens: 100 });",
      '}',
    ].join('\n');
    assert.deepEqual(await inputTokens(text, 'typescript'), [2006, 2006, 2006]);
  });

  it("Gemini's generate_content given one prompt positionally is one text, as contents=prompt is (devika)", async () => {
    const text = [
      'import google.generativeai as genai',
      'model = genai.GenerativeModel("gemini-1.5-pro", generation_config={"max_output_tokens": 1024})',
      'def ask(prompt: str) -> str:',
      '    return model.generate_content(prompt).text',
      'def ask_named(prompt: str) -> str:',
      '    return model.generate_content(contents=prompt).text',
      'def chat(history):',
      '    return model.generate_content(history).text',
    ].join('\n');
    const [positional, named, turns] = await inputTokens(text, 'python');
    assert.equal(positional, named);
    assert.ok(positional !== null && positional < 300, String(positional));
    assert.ok(turns !== null && turns > 2000, String(turns));
  });

  it("a chat session's message is sent with the session's history, however it is passed", async () => {
    const text = [
      'import google.generativeai as genai',
      'model = genai.GenerativeModel("gemini-1.5-pro", generation_config={"max_output_tokens": 1024})',
      'def reply(text, history):',
      '    chat = model.start_chat(history=history)',
      '    chat.send_message(text)',
      '    return chat.send_message(message=text)',
    ].join('\n');
    const tokens = await inputTokens(text, 'python');
    assert.equal(tokens.length, 2);
    for (const each of tokens) assert.ok(each !== null && each > 2000, String(each));
  });
});
