import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis';
import { longPromptAt } from '../../../src/core/compression/promptSites';
import { createParserHost } from '../../../src/core/parsing';
import { wasmDir } from '../helpers/paths';

const host = createParserHost({ wasmDir });
const long = 'Answer carefully and cite sources. '.repeat(15).trim();
const code = `import OpenAI from 'openai';
const client = new OpenAI();
const SYSTEM = "${long}";
export async function ask(q: string) {
  return client.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: q }],
  });
}
export async function short(q: string) {
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Be brief: ' + q }] });
}
`;

test('promptSites: a long static prompt is found where it is written, a short one is not', async () => {
  const { calls } = await analyze(code, 'typescript', 'a.ts', host);
  assert.equal(calls.length, 2);
  const inConstant = longPromptAt(calls, code.indexOf('Answer carefully') + 3);
  assert.ok(inConstant);
  assert.equal(inConstant.staticChars, long.length);
  assert.equal(code.slice(inConstant.range.start, inConstant.range.end), `"${long}"`);
  assert.equal(longPromptAt(calls, code.indexOf('Be brief')), undefined);
  assert.equal(longPromptAt(calls, code.indexOf('export async function ask')), undefined);
  // The same prompt counts as long only above the threshold.
  assert.equal(longPromptAt(calls, code.indexOf('Answer carefully'), long.length + 1), undefined);
});
