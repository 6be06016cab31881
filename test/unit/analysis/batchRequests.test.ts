import * as assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import type { LanguageId } from '../../../src/core/analysis/types';
import { ParserHost } from '../../../src/core/parsing/host';
import { wasmDir } from '../helpers/paths';

const host = new ParserHost(wasmDir);
after(() => host.dispose());

async function batchRequests(text: string, languageId: LanguageId = 'python'): Promise<(number | null)[]> {
  return (await analyze(text, languageId, 'x', host)).calls.map((c) => c.batchRequests);
}

const request = (id: string): string =>
  `{"custom_id": "${id}", "params": {"model": "claude-haiku-4-5", "max_tokens": 50, "messages": [{"role": "user", "content": "${id}"}]}}`;

it('batch records: the requests written out in a list are counted', async () => {
  const python = `import anthropic\nc = anthropic.Anthropic()\nc.messages.batches.create(requests=[${request('a')}, ${request('b')}, ${request('c')}])\n`;
  assert.deepEqual(await batchRequests(python), [3]);
  const constant = `import anthropic\nc = anthropic.Anthropic()\nREQUESTS = [${request('a')}, ${request('b')}]\nc.messages.batches.create(requests=REQUESTS)\n`;
  assert.deepEqual(await batchRequests(constant), [2]);
  const ts = `import Anthropic from '@anthropic-ai/sdk';\nconst c = new Anthropic();\nawait c.messages.batches.create({ requests: [${request('a')}, ${request('b')}] });\n`;
  assert.deepEqual(await batchRequests(ts, 'typescript'), [2]);
});

it('batch records: a count only known at run time is null, and so is every non-batch call', async () => {
  const comprehension = `import anthropic\nc = anthropic.Anthropic()\nc.messages.batches.create(requests=[{"custom_id": str(i), "params": {"model": "claude-haiku-4-5", "max_tokens": 5, "messages": [{"role": "user", "content": t}]}} for i, t in enumerate(texts)])\n`;
  assert.deepEqual(await batchRequests(comprehension), [null]);
  const appended = `import anthropic\nc = anthropic.Anthropic()\ndef run(texts):\n    reqs = [${request('a')}]\n    for t in texts:\n        reqs.append(${request('b')})\n    c.messages.batches.create(requests=reqs)\n`;
  assert.deepEqual(await batchRequests(appended), [null]);
  const spread = `import anthropic\nc = anthropic.Anthropic()\nc.messages.batches.create(requests=[${request('a')}, *more])\n`;
  assert.deepEqual(await batchRequests(spread), [null]);
  const plain = `from openai import OpenAI\nc = OpenAI()\nc.chat.completions.create(model="gpt-4o", messages=[])\nc.batches.create(input_file_id="f", endpoint="/v1/chat/completions", completion_window="24h")\n`;
  assert.deepEqual(await batchRequests(plain), [null, null]);
});
