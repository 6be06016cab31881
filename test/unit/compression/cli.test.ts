import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { captureIo } from '../helpers/io';
import { fixturesDir } from '../helpers/paths';
import { apiError, completion, startFakeOpenAi, type FakeServer } from '../../support/fakeOpenAi';

const cwd = path.join(fixturesDir, 'compression');
const key = 'sk-cli-SECRET-abcdef0123456789';
const servers: FakeServer[] = [];
after(async () => Promise.all(servers.map((s) => s.close())));

async function server(reply: Parameters<typeof startFakeOpenAi>[0]): Promise<FakeServer> {
  const s = await startFakeOpenAi(reply);
  servers.push(s);
  return s;
}

const good =
  "Support assistant for {company_name}. Answer in the customer's language, under 120 words.\n" +
  'Greet {customer_name}, refer to order {order_id}.\n' +
  'Respond in JSON with keys "reply" and "escalate", e.g.:\n{"reply": "Hello!", "escalate": false}';

test('cli compress: prints the compressed text, the saving on stderr, and exits 0', async () => {
  const s = await server(() => ({ body: completion(good) }));
  const io = captureIo(cwd, { LLM_COST_LENS_API_KEY: key });
  const code = await runCli(
    ['compress', '--file', 'support-prompt.txt', '--base-url', s.baseURL, '--model', 'test-mini'],
    io,
  );
  assert.equal(code, 0, io.err());
  assert.equal(io.out(), `${good}\n`);
  assert.match(io.err(), /^Saved \d+ of \d+ characters \(\d+%\): \d+ → \d+ characters, \d+ → \d+ tokens\./);
  assert.match(io.err(), /\nSaves \$0\.00008 per call to gpt-4o \(input price\)\.\n/);
  assert.match(
    io.err(),
    /Compression call \(test-mini\): 120 prompt \+ 30 completion tokens, no list price for this model\./,
  );
  assert.equal((s.requests[0].body as { model: string }).model, 'test-mini');
  assert.equal(s.requests[0].headers.authorization, `Bearer ${key}`);
});

test('cli compress: OPENAI_API_KEY is used when LLM_COST_LENS_API_KEY is absent', async () => {
  const s = await server(() => ({ body: completion(good) }));
  const io = captureIo(cwd, { OPENAI_API_KEY: 'sk-other' });
  assert.equal(await runCli(['compress', '--file', 'support-prompt.txt', '--base-url', s.baseURL], io), 0);
  assert.equal(s.requests[0].headers.authorization, 'Bearer sk-other');
});

test('cli compress: --offline needs no key and no server', async () => {
  const io = captureIo(cwd, {});
  assert.equal(await runCli(['compress', '--file', 'support-prompt.txt', '--offline'], io), 0, io.err());
  assert.equal(
    io.out(),
    'You are a helpful customer support assistant for {company_name}.\n\n' +
      'You should always answer in the language of the customer. Keep every answer under 120 words.\n\n' +
      'Greet the customer as {customer_name} and refer to order {order_id}.\n\n' +
      'Respond in JSON with the keys "reply" and "escalate", for example:\n{"reply": "Hello!", "escalate": false}\n',
  );
  assert.match(io.err(), /^Saved \d+ of \d+ characters/);
});

test('cli compress: a refused result exits 1 with the reason; --show-refused shows it', async () => {
  const dropped = good.replace(' {order_id}', '');
  const s = await server(() => ({ body: completion(dropped) }));
  const io = captureIo(cwd, { OPENAI_API_KEY: key });
  const code = await runCli(
    ['compress', '--file', 'support-prompt.txt', '--base-url', s.baseURL, '--show-refused'],
    io,
  );
  assert.equal(code, 1);
  assert.equal(io.out(), '');
  assert.match(io.err(), /placeholder \{order_id\} was dropped/);
  assert.match(io.err(), /run with --offline to use it/);
  assert.ok(io.err().includes(dropped));
});

test('cli compress: a failed call exits 1 with the message and never prints the key', async () => {
  const s = await server(() => ({ status: 401, body: apiError(`Incorrect API key provided: ${key}`) }));
  const io = captureIo(cwd, { OPENAI_API_KEY: key });
  const code = await runCli(['compress', '--file', 'support-prompt.txt', '--base-url', s.baseURL], io);
  assert.equal(code, 1);
  assert.match(io.err(), /rejected the API key \(401\)/);
  assert.ok(!io.err().includes(key) && !io.out().includes(key));
});

test('cli compress: no key exits 1 and says where to set it', async () => {
  const io = captureIo(cwd, {});
  assert.equal(await runCli(['compress', '--file', 'support-prompt.txt'], io), 1);
  assert.match(io.err(), /No API key: set LLM_COST_LENS_API_KEY or OPENAI_API_KEY, or use --offline\./);
});

test('cli compress: --format json carries the whole result', async () => {
  const s = await server(() => ({ body: completion(good) }));
  const io = captureIo(cwd, { OPENAI_API_KEY: key });
  assert.equal(
    await runCli(['compress', '--file', 'support-prompt.txt', '--base-url', s.baseURL, '--format', 'json'], io),
    0,
  );
  const parsed = JSON.parse(io.out()) as {
    ok: boolean;
    model: { accepted: boolean; text: string };
    original: { characters: number };
  };
  assert.equal(parsed.ok, true);
  assert.equal(parsed.model.accepted, true);
  assert.equal(parsed.model.text, `${good}\n`);
});

test('cli compress: usage errors exit 2', async () => {
  for (const argv of [[], ['--file', 'x', '--format', 'xml'], ['--file', 'x', '--timeout', '-1'], ['--nope']]) {
    const io = captureIo(cwd, {});
    assert.equal(await runCli(['compress', ...argv], io), 2, argv.join(' '));
  }
});

test('cli compress: a missing prompt file exits 4', async () => {
  const io = captureIo(cwd, {});
  assert.equal(await runCli(['compress', '--file', 'missing.txt', '--offline'], io), 4);
  assert.match(io.err(), /no such file: missing\.txt/);
});

test('cli compress: token counts of a model without an offline tokenizer are marked ≈', async () => {
  const io = captureIo(cwd, {});
  const code = await runCli(
    ['compress', '--file', 'support-prompt.txt', '--offline', '--count-model', 'claude-sonnet-4-5'],
    io,
  );
  assert.equal(code, 0, io.err());
  assert.match(io.err(), /characters, ≈\d+ → ≈\d+ tokens\./);
});

test('cli compress: --timeout in seconds; a slow server exits 1 with the timeout message', async () => {
  const s = await server(() => ({ delayMs: 5000, body: completion(good) }));
  const io = captureIo(cwd, { OPENAI_API_KEY: key });
  const args = ['compress', '--file', 'support-prompt.txt', '--base-url', s.baseURL, '--timeout', '0.3'];
  assert.equal(await runCli(args, io), 1);
  assert.match(io.err(), /did not answer within 0\.3 s\./);
});

test('cli compress: --offline with nothing to remove exits 1 and says so', async () => {
  const io = captureIo(cwd, {});
  assert.equal(await runCli(['compress', '--file', 'tight-prompt.txt', '--offline'], io), 1);
  assert.equal(io.err(), 'Nothing to remove offline: the text has no filler phrases or extra whitespace.\n');
});

test('cli compress: the summary shows what the offline pass alone saved', async () => {
  const s = await server(() => ({ body: completion(good) }));
  const io = captureIo(cwd, { OPENAI_API_KEY: key });
  assert.equal(await runCli(['compress', '--file', 'support-prompt.txt', '--base-url', s.baseURL], io), 0);
  assert.match(
    io.err(),
    /\nOffline pass alone: 59 characters \(collapsed runs of whitespace, removed "Please note that", .*"Thank you!"\)\.\n/,
  );
});

test('cli compress: the compression call is priced when the model has a list price', async () => {
  const s = await server(() => ({ body: completion(good, 'stop', 'gpt-4o-mini') }));
  const io = captureIo(cwd, { OPENAI_API_KEY: key });
  assert.equal(await runCli(['compress', '--file', 'support-prompt.txt', '--base-url', s.baseURL], io), 0);
  assert.match(io.err(), /Compression call \(gpt-4o-mini\): 120 prompt \+ 30 completion tokens, \$0\.000036\./);
});

test('cli compress: --calls-per-month adds the monthly saving', async () => {
  const io = captureIo(cwd, {});
  const code = await runCli(
    ['compress', '--file', 'support-prompt.txt', '--offline', '--calls-per-month', '100000'],
    io,
  );
  assert.equal(code, 0, io.err());
  assert.match(io.err(), /Saves \$[\d.]+ per call to gpt-4o \(input price\), \$[\d.,]+ per month at 100000 calls\./);
});

test('cli compress: --help prints the usage and exits 0', async () => {
  const io = captureIo(cwd, {});
  assert.equal(await runCli(['compress', '--help'], io), 0);
  assert.match(io.out(), /^Usage: llm-cost-lens compress --file <prompt.txt>/);
});
