import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import {
  bestCandidate,
  compressOffline,
  compressPrompt,
  unwrap,
  type CompressOptions,
} from '../../../src/core/compression/compress';
import { CompressionError } from '../../../src/core/compression/client';
import { buildRequest, maxOutputTokens, validateTemplate } from '../../../src/core/compression/prompt';
import { fixturesDir } from '../helpers/paths';
import { completion, startFakeOpenAi, type FakeServer } from '../../support/fakeOpenAi';

const prompt = readFileSync(path.join(fixturesDir, 'compression', 'support-prompt.txt'), 'utf8');
const deps = { countTokens: (text: string) => Math.ceil(text.length / 4) };
const servers: FakeServer[] = [];
after(async () => Promise.all(servers.map((s) => s.close())));

async function withAnswer(answer: string): Promise<{ server: FakeServer; options: CompressOptions }> {
  const server = await startFakeOpenAi(() => ({ body: completion(answer) }));
  servers.push(server);
  return { server, options: { baseURL: server.baseURL, model: 'test-mini', apiKey: 'sk-test', timeoutMs: 2000 } };
}

const good =
  "Support assistant for {company_name}. Answer in the customer's language, under 120 words.\n" +
  'Greet {customer_name}, refer to order {order_id}.\n' +
  'Respond in JSON with keys "reply" and "escalate", e.g.:\n{"reply": "Hello!", "escalate": false}';

test('pipeline: offline pass, then an accepted model text with sizes and the call usage', async () => {
  const { server, options } = await withAnswer(good);
  const result = await compressPrompt(prompt, options, deps);
  assert.equal(result.offline.accepted, true);
  assert.ok(result.offline.characters < result.original.characters);
  assert.ok(result.offline.changes.includes('removed "Please note that"'));
  assert.equal(result.model?.accepted, true, result.model?.refusedReasons.join('; '));
  assert.equal(result.model?.text, `${good}\n`, 'the trailing newline of the file is kept');
  assert.equal(result.model?.tokens, Math.ceil(result.model.text.length / 4));
  assert.deepEqual(result.model?.usage, { promptTokens: 120, completionTokens: 30 });
  assert.equal(bestCandidate(result), result.model);
  const sent = server.requests[0].body as { messages: { content: string }[] };
  assert.ok(sent.messages[1].content.includes(result.offline.text.trim()), 'the model gets the offline text');
});

test('pipeline: a dropped placeholder is refused, with the reason, and the offline text remains usable', async () => {
  const { options } = await withAnswer(good.replace('{customer_name}', 'the customer'));
  const result = await compressPrompt(prompt, options, deps);
  assert.equal(result.model?.accepted, false);
  assert.deepEqual(result.model?.refusedReasons, ['placeholder {customer_name} was dropped']);
  assert.equal(bestCandidate(result), result.offline);
});

test('pipeline: an invented placeholder is refused', async () => {
  const { options } = await withAnswer(`${good} Sign as {agent}.`);
  const result = await compressPrompt(prompt, options, deps);
  assert.deepEqual(result.model?.refusedReasons, ['placeholder {agent} was invented']);
});

test('pipeline: a longer text is refused and never chosen', async () => {
  const { options } = await withAnswer(
    `${prompt.trim()}\nAlso be friendly, warm and patient with every single customer.`,
  );
  const result = await compressPrompt(prompt, options, deps);
  assert.equal(result.model?.accepted, false);
  assert.match(
    result.model?.refusedReasons[0] ?? '',
    /^compressed text is not shorter than the offline pass \(\d+ → \d+ characters\)$/,
  );
  assert.notEqual(bestCandidate(result), result.model);
});

test('pipeline: a fence or tags the model wrapped around its answer are removed', async () => {
  const { options } = await withAnswer('```\n' + good + '\n```');
  const result = await compressPrompt(prompt, options, deps);
  assert.equal(result.model?.accepted, true);
  assert.equal(unwrap(`<prompt>\n${good}\n</prompt>`, prompt), good);
  assert.equal(unwrap(`Here is the shortened prompt:\n"${good.replace(/"/g, "'")}"`, prompt), good.replace(/"/g, "'"));
});

test('pipeline: offline only makes no call; caller-given fields are checked', async () => {
  const { server, options } = await withAnswer(good);
  const result = await compressPrompt(prompt, { ...options, offlineOnly: true }, deps);
  assert.equal(result.model, undefined);
  assert.equal(server.requests.length, 0);
  const fielded = compressOffline('Please greet {user!r}.', { fields: ['{user!r}'] }, deps);
  assert.equal(fielded.offline.text, 'Greet {user!r}.');
  assert.equal(fielded.offline.accepted, true);
});

test('pipeline: a template without {text} is refused before any call', async () => {
  const { server, options } = await withAnswer(good);
  await assert.rejects(compressPrompt(prompt, { ...options, template: 'Shorten it.' }, deps), (error: unknown) => {
    assert.ok(error instanceof CompressionError);
    assert.equal(error.kind, 'invalid-settings');
    return true;
  });
  assert.equal(server.requests.length, 0);
});

test('pipeline: a preface the original itself starts with is not stripped', () => {
  assert.equal(
    unwrap('Here is the plan:\nStep 1.', 'Here is the plan:\nStep one, then two.'),
    'Here is the plan:\nStep 1.',
  );
  assert.equal(unwrap('Here is the shorter prompt:\nStep 1.', 'Step one, then two.'), 'Step 1.');
});

test('prompt: the request is bounded and the template slots are filled once', () => {
  const text = 'Keep {ratio} and {text} as they are.';
  const request = buildRequest(text, { model: 'm', targetRatio: 0.4 });
  assert.equal(request.temperature, 0);
  assert.equal(request.max_tokens, Math.ceil(text.length / 3) + 64);
  assert.equal(buildRequest('x'.repeat(200_000), { model: 'm', targetRatio: 0.4 }).max_tokens, maxOutputTokens);
  const user = request.messages[1].content as string;
  assert.match(user, /to about 40% of its length/);
  assert.match(user, /<prompt>\nKeep \{ratio\} and \{text\} as they are\.\n<\/prompt>/);
  assert.equal(validateTemplate('Shorten: {text}'), undefined);
  assert.match(validateTemplate('Shorten {text} {text}') ?? '', /only once/);
});
