import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callModel, retryAfterMs } from '../../../src/core/compression/client';
import { buildRequest } from '../../../src/core/compression/prompt';
import { clientHarness } from './clientHarness';
import { apiError, closedPortURL, completion } from '../../support/fakeOpenAi';

const key = 'sk-test-SECRET-0123456789abcdef';
const request = buildRequest('Please summarize the text for {user}.', { model: 'test-mini', targetRatio: 0.5 });
const { serve, settings, failure } = clientHarness(key, { timeoutMs: 2000, maxRetryWaitMs: 2000 });

test('client: a good answer through the real SDK, with the request it sent', async () => {
  const server = await serve(() => ({ body: completion('Summarize for {user}.') }));
  const reply = await callModel(request, settings(server));
  assert.deepEqual(reply, {
    text: 'Summarize for {user}.',
    model: 'test-mini',
    usage: { promptTokens: 120, completionTokens: 30 },
    attempts: 1,
  });
  const [sent] = server.requests;
  assert.equal(sent.url, '/v1/chat/completions');
  assert.equal(sent.headers.authorization, `Bearer ${key}`);
  const body = sent.body as { model: string; temperature: number; max_tokens: number; messages: { content: string }[] };
  assert.equal(body.model, 'test-mini');
  assert.equal(body.temperature, 0);
  assert.ok(body.max_tokens > 0 && body.max_tokens < 200);
  assert.match(body.messages[1].content, /Please summarize the text for \{user\}\./);
});

test('client: no key fails before any request', async () => {
  const server = await serve(() => ({ body: completion('x') }));
  const error = await failure(callModel(request, settings(server, { apiKey: '  ' })));
  assert.equal(error.kind, 'no-key');
  assert.equal(server.requests.length, 0);
});

test('client: 401 names the key problem and never repeats the key the server echoed', async () => {
  const server = await serve(() => ({ status: 401, body: apiError(`Incorrect API key provided: ${key}.`) }));
  const error = await failure(callModel(request, settings(server)));
  assert.equal(error.kind, 'unauthorized');
  assert.equal(error.status, 401);
  assert.match(error.message, /rejected the API key \(401\)/);
});

test('client: 403 is a permission error naming the model', async () => {
  const server = await serve(() => ({ status: 403, body: apiError('no access') }));
  const error = await failure(callModel(request, settings(server)));
  assert.equal(error.kind, 'forbidden');
  assert.match(error.message, /model 'test-mini'.*\(403\)/);
});

test('client: 404 is an unknown model, named', async () => {
  const server = await serve(() => ({ status: 404, body: apiError('The model `test-mini` does not exist') }));
  const error = await failure(callModel(request, settings(server)));
  assert.equal(error.kind, 'model-not-found');
  assert.match(error.message, /Model 'test-mini' is unknown to http:\/\/127\.0\.0\.1:\d+\/v1 \(404\)/);
});

test('client: 429 with retry-after 0, then success', async () => {
  const server = await serve((i) =>
    i === 0
      ? { status: 429, headers: { 'retry-after': '0' }, body: apiError('slow down') }
      : { body: completion('ok') },
  );
  const retries: number[] = [];
  const reply = await callModel(request, settings(server, { onRetry: ({ waitMs }) => retries.push(waitMs) }));
  assert.equal(reply.attempts, 2);
  assert.equal(server.requests.length, 2);
  assert.deepEqual(retries, [0]);
});

test('client: 429 forever gives up after the allowed tries', async () => {
  const server = await serve(() => ({ status: 429, headers: { 'retry-after-ms': '5' }, body: apiError('slow down') }));
  const error = await failure(callModel(request, settings(server, { maxAttempts: 3 })));
  assert.equal(error.kind, 'rate-limited');
  assert.equal(server.requests.length, 3);
  assert.match(error.message, /after 3 tries/);
});

test('client: a retry-after of 1 s is honoured', async () => {
  const server = await serve((i) =>
    i === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { body: completion('ok') },
  );
  const started = Date.now();
  await callModel(request, settings(server));
  assert.ok(Date.now() - started >= 950, `waited only ${Date.now() - started} ms`);
});

test('client: a retry-after beyond the cap gives up at once', async () => {
  const server = await serve(() => ({ status: 429, headers: { 'retry-after': '120' } }));
  const started = Date.now();
  const error = await failure(callModel(request, settings(server, { maxRetryWaitMs: 30_000 })));
  assert.equal(error.kind, 'rate-limited');
  assert.match(error.message, /asks to wait 120 s, more than the 30 s/);
  assert.equal(server.requests.length, 1);
  assert.ok(Date.now() - started < 1000);
});

test('client: retry-after as seconds, HTTP date, or milliseconds', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(retryAfterMs(new Headers({ 'retry-after': '2' }), now), 2000);
  assert.equal(retryAfterMs(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now), 5000);
  assert.equal(retryAfterMs(new Headers({ 'retry-after-ms': '250' }), now), 250);
  assert.equal(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now), undefined);
  assert.equal(retryAfterMs(new Headers(), now), undefined);
});

for (const status of [500, 503]) {
  test(`client: ${status} is a server error`, async () => {
    const server = await serve(() => ({ status, body: apiError('down') }));
    const error = await failure(callModel(request, settings(server)));
    assert.equal(error.kind, 'server-error');
    assert.equal(error.status, status);
    assert.equal(server.requests.length, 1, 'no retry on 5xx');
  });
}

test('client: no answer within the timeout', async () => {
  const server = await serve(() => ({ delayMs: 5000, body: completion('late') }));
  const error = await failure(callModel(request, settings(server, { timeoutMs: 300 })));
  assert.equal(error.kind, 'timeout');
  assert.match(error.message, /did not answer within/);
});

test('client: headers then a stalled body also times out', async () => {
  const server = await serve(() => ({ stallAfterHeaders: true }));
  const error = await failure(callModel(request, settings(server, { timeoutMs: 300 })));
  assert.equal(error.kind, 'timeout');
});

test('client: nothing listening is a network error with its code', async () => {
  const error = await failure(callModel(request, settings({ baseURL: await closedPortURL() })));
  assert.equal(error.kind, 'network');
  assert.match(error.message, /Cannot reach http:\/\/127\.0\.0\.1:\d+\/v1 \(ECONNREFUSED\)/);
});

test('client: malformed JSON, and a body that is not a completion', async () => {
  for (const reply of [
    { body: '{"choices": [' },
    { body: 'hello', headers: { 'content-type': 'text/plain' } },
    { body: { foo: 1 } },
  ]) {
    const server = await serve(() => reply);
    const error = await failure(callModel(request, settings(server)));
    assert.equal(error.kind, 'malformed-response', JSON.stringify(reply));
  }
});

test('client: empty choices and empty content', async () => {
  for (const body of [{ ...completion('x'), choices: [] }, completion(''), completion(null), completion('   ')]) {
    const server = await serve(() => ({ body }));
    const error = await failure(callModel(request, settings(server)));
    assert.equal(error.kind, 'empty-response');
  }
});

test('client: an answer cut at the output limit is not used', async () => {
  const server = await serve(() => ({ body: completion('Summarize for', 'length') }));
  const error = await failure(callModel(request, settings(server)));
  assert.equal(error.kind, 'truncated');
});

test('client: cancelling during the call and during a retry wait', async () => {
  const slow = await serve(() => ({ delayMs: 5000, body: completion('late') }));
  const controller = new AbortController();
  const pending = failure(callModel(request, settings(slow, { signal: controller.signal })));
  while (slow.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
  controller.abort();
  assert.equal((await pending).kind, 'cancelled');

  const limited = await serve(() => ({ status: 429, headers: { 'retry-after': '1' } }));
  const second = new AbortController();
  const started = Date.now();
  const waiting = failure(
    callModel(request, settings(limited, { signal: second.signal, onRetry: () => second.abort() })),
  );
  assert.equal((await waiting).kind, 'cancelled');
  assert.ok(Date.now() - started < 900, 'the wait was cut short');
});

test('client: a base URL that is not http(s) is refused before any call', async () => {
  const error = await failure(callModel(request, settings({ baseURL: 'file:///etc/passwd' })));
  assert.equal(error.kind, 'invalid-settings');
});

test('client: 400 (e.g. a parameter the model rejects) carries the server message', async () => {
  const server = await serve(() => ({ status: 400, body: apiError("Unsupported value: 'temperature'") }));
  const error = await failure(callModel(request, settings(server)));
  assert.equal(error.kind, 'bad-request');
  assert.match(error.message, /refused the request \(400\)\. Server says: Unsupported value: 'temperature'/);
});

test('client: nothing is logged, even with OPENAI_LOG=debug, and no org/project header leaks from the env', async () => {
  const server = await serve((i) =>
    i === 0 ? { status: 429, headers: { 'retry-after': '0' } } : { body: completion('ok') },
  );
  const saved = { log: process.env.OPENAI_LOG, org: process.env.OPENAI_ORG_ID };
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((m) => console[m]);
  const printed: string[] = [];
  process.env.OPENAI_LOG = 'debug';
  process.env.OPENAI_ORG_ID = 'org-from-env';
  for (const m of methods) console[m] = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
  try {
    await callModel(request, settings(server));
  } finally {
    methods.forEach((m, i) => (console[m] = originals[i]));
    if (saved.log === undefined) delete process.env.OPENAI_LOG;
    else process.env.OPENAI_LOG = saved.log;
    if (saved.org === undefined) delete process.env.OPENAI_ORG_ID;
    else process.env.OPENAI_ORG_ID = saved.org;
  }
  assert.deepEqual(printed, []);
  assert.equal(server.requests[1].headers['openai-organization'], undefined);
});

test('client: a 200 answer carrying an error object shows its message, without the key', async () => {
  const server = await serve(() => ({ body: apiError(`quota exceeded for ${key}`) }));
  const error = await failure(callModel(request, settings(server)));
  assert.equal(error.kind, 'malformed-response');
  assert.match(error.message, /not a chat completion .*Server says: quota exceeded for \*\*\*/);
});

test('client: 429 insufficient_quota gives up at once with a billing message', async () => {
  const server = await serve(() => ({
    status: 429,
    headers: { 'retry-after': '0' },
    body: {
      error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' },
    },
  }));
  const error = await failure(callModel(request, settings(server)));
  assert.equal(error.kind, 'rate-limited');
  assert.match(error.message, /no quota left .*insufficient_quota/);
  assert.equal(server.requests.length, 1);
});

test('client: a fractional timeout is rounded, a non-positive one refused', async () => {
  const server = await serve(() => ({ body: completion('ok') }));
  assert.equal((await callModel(request, settings(server, { timeoutMs: 1500.5 }))).text, 'ok');
  const error = await failure(callModel(request, settings(server, { timeoutMs: 0 })));
  assert.equal(error.kind, 'invalid-settings');
});
