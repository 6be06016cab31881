import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callModel, maxAnswerBytes } from '../../../src/core/compression/client';
import { buildRequest } from '../../../src/core/compression/prompt';
import { clientHarness } from './clientHarness';
import { completion } from '../../support/fakeOpenAi';

/** A hostile OpenAI-compatible server on 127.0.0.1: it echoes the key, answers in the wrong shape, never ends. */

const key = 'sk-hostile-SECRET-0123456789abcdef';
const request = buildRequest('Please summarize the text for {user}.', { model: 'test-mini', targetRatio: 0.5 });
const { serve, settings, failure } = clientHarness(key, { timeoutMs: 5000 });

test('hostile server: the key echoed in the answer text is refused, not shown', async () => {
  const server = await serve(() => ({ body: completion(`Summarize for {user}. ${key}`) }));
  const error = await failure(callModel(request, settings(server)));
  assert.equal(error.kind, 'key-in-answer');
  assert.match(error.message, /the answer contains your API key/);
});

test('hostile server: the key in the model field is refused', async () => {
  const server = await serve(() => ({ body: completion('Summarize for {user}.', 'stop', `echo-${key}`) }));
  const error = await failure(callModel(request, settings(server)));
  assert.equal(error.kind, 'key-in-answer');
});

test('hostile server: a body over the limit is refused from its content-length, before reading it', async () => {
  const big = 'x'.repeat(maxAnswerBytes + 1);
  const server = await serve(() => ({ body: completion(big) }));
  const error = await failure(callModel(request, settings(server)));
  assert.equal(error.kind, 'too-large');
  assert.match(error.message, /larger than 4 MB/);
});

test('hostile server: an endless body is refused while streaming, after about the limit', async () => {
  const server = await serve(() => ({ endlessBody: `{"pad": "${'x'.repeat(64 * 1024)}", ` }));
  const error = await failure(callModel(request, settings(server, { timeoutMs: 60_000 })));
  assert.equal(error.kind, 'too-large');
  // What the server managed to write: the limit plus what socket buffers hold, far from the 64 MB it would send.
  assert.ok(server.endlessBytesSent() < 4 * maxAnswerBytes, `${server.endlessBytesSent()} bytes sent`);
});

test('hostile server: an error body over the limit is refused too', async () => {
  const server = await serve(() => ({ status: 500, endlessBody: 'error '.repeat(10_000) }));
  const error = await failure(callModel(request, settings(server, { timeoutMs: 60_000 })));
  assert.ok(server.endlessBytesSent() < 4 * maxAnswerBytes, `${server.endlessBytesSent()} bytes sent`);
  assert.match(error.message, /larger than 4 MB|server error/);
});

test('hostile server: answers of the wrong shape get plain messages', async () => {
  const shapes: [unknown, RegExp][] = [
    [{ ...completion('x'), choices: [{ message: { content: 42 }, finish_reason: 'stop' }] }, /content is not text/],
    [{ ...completion('x'), choices: [{ message: { content: ['a'] } }] }, /content is not text/],
    [{ ...completion('x'), choices: 'many' }, /not a chat completion/],
    [{ ...completion('x'), choices: [null] }, /no message/],
    [{ ...completion('x'), choices: [{ message: 'hi' }] }, /no message/],
    [[1, 2, 3], /not a chat completion/],
    [42, /not a chat completion/],
  ];
  for (const [body, expected] of shapes) {
    const server = await serve(() => ({ body }));
    const error = await failure(callModel(request, settings(server)));
    assert.match(error.message, expected, JSON.stringify(body));
    assert.doesNotMatch(error.message, /is not a function|Cannot read properties/);
  }
});

test('hostile server: a malformed model or usage field is ignored, the text is kept', async () => {
  const body = { ...completion('Summarize for {user}.'), model: { evil: true }, usage: { prompt_tokens: 'many' } };
  const server = await serve(() => ({ body }));
  const reply = await callModel(request, settings(server));
  assert.equal(reply.text, 'Summarize for {user}.');
  assert.equal(reply.model, 'test-mini');
  assert.equal(reply.usage, undefined);
  const partial = { ...completion('Summarize for {user}.'), usage: { prompt_tokens: 10, completion_tokens: '5' } };
  const second = await serve(() => ({ body: partial }));
  assert.deepEqual((await callModel(request, settings(second))).usage, { promptTokens: 10, completionTokens: 0 });
});

test('hostile server: a connection closed mid-body says so', async () => {
  const server = await serve(() => ({ closeMidBody: '{"id": "chatcmpl-1", "choices": [{"mess' }));
  const error = await failure(callModel(request, settings(server)));
  assert.equal(error.kind, 'network');
  assert.match(error.message, /closed the connection before the whole answer arrived/);
});

test('hostile settings: a base URL with a user name or password is refused without repeating it', async () => {
  const server = await serve(() => ({ body: completion('x') }));
  const withCredentials = server.baseURL.replace('http://', 'http://admin:hunter2@');
  const error = await failure(callModel(request, settings({ baseURL: withCredentials })));
  assert.equal(error.kind, 'invalid-settings');
  assert.match(error.message, /user name or password/);
  assert.doesNotMatch(error.message, /hunter2|admin/);
  assert.equal(server.requests.length, 0);
});

test('hostile settings: a key with a control character is refused before any request', async () => {
  const server = await serve(() => ({ body: completion('x') }));
  for (const bad of [`${key}\nX-Evil: 1`, `sk-abc\u0000def0123`, `sk-abc\u001b[2Jdef`]) {
    const error = await failure(callModel(request, settings(server, { apiKey: bad })));
    assert.equal(error.kind, 'invalid-settings');
    assert.match(error.message, /API key contains a control character/);
  }
  const error = await failure(callModel(request, settings(server, { apiKey: 'sk-abc—def0123' })));
  assert.match(error.message, /API key contains a character/);
  assert.equal(server.requests.length, 0);
});

test('hostile server: a long retry-after is not waited beyond the timeout', async () => {
  const server = await serve(() => ({ status: 429, headers: { 'retry-after': '25' }, body: { error: {} } }));
  const started = Date.now();
  const error = await failure(callModel(request, settings(server, { timeoutMs: 2000, maxRetryWaitMs: 60_000 })));
  assert.equal(error.kind, 'timeout');
  assert.match(error.message, /asks to wait 25 s, longer than the 2 s timeout allows/);
  assert.equal(server.requests.length, 1);
  assert.ok(Date.now() - started < 20_000);
});

test('hostile server: the timeout bounds the whole call, retries and waits included', async () => {
  // Each answer comes after 700 ms and asks for a 700 ms wait: three tries would take 3.5 s.
  const server = await serve(() => ({
    delayMs: 700,
    status: 429,
    headers: { 'retry-after-ms': '700' },
    body: { error: {} },
  }));
  const error = await failure(callModel(request, settings(server, { timeoutMs: 2000, maxAttempts: 3 })));
  assert.equal(error.kind, 'timeout');
  assert.ok(server.requests.length <= 2, `${server.requests.length} requests`);
});

test('hostile settings: a timeout above what a timer can hold is refused', async () => {
  const server = await serve(() => ({ body: completion('x') }));
  const error = await failure(callModel(request, settings(server, { timeoutMs: 2 ** 31 })));
  assert.equal(error.kind, 'invalid-settings');
  assert.match(error.message, /at most/);
});
