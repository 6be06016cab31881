import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { commands } from '../../../src/cli/commands';
import { runCli } from '../../../src/cli/run';
import { openAiBot, tempDir, writeTree } from '../../support/hostileRepo';
import { completion, startFakeOpenAi, type FakeServer } from '../../support/fakeOpenAi';
import { captureIo } from '../helpers/io';

/** Every failure of every command under --format json: one JSON error object on stdout and the documented code. */
describe('cli: JSON errors and exit codes', () => {
  let dir: string;
  let server: FakeServer;
  before(async () => {
    dir = tempDir('json-errors');
    writeTree(dir, {
      'app/bot.py': openAiBot,
      'prompt.txt': 'You are a careful assistant. Summarise the text {text} in one single line, keeping every name.\n',
    });
    writeFileSync(path.join(dir, 'broken-prices.json'), '{"not": "a price file"');
    writeFileSync(path.join(dir, 'other.json'), '{"hello": 1}');
    writeFileSync(path.join(dir, 'empty.txt'), '  \n');
    server = await startFakeOpenAi(() => ({ body: completion('Summarise {text} in one line.') }));
  });
  after(() => server.close());

  const cases: [string[], number, string][] = [
    [['scan', 'no/such/dir'], 4, 'not-found'],
    [['scan', 'app', '--prices', 'broken-prices.json'], 4, 'prices'],
    [['scan', 'app', '--prices', 'other.json'], 4, 'prices'],
    [['scan', 'app', '--prices', 'missing.json'], 4, 'prices'],
    [['scan', 'app', '--calls-per-day', ''], 2, 'usage'],
    [['scan', 'app', '--calls-per-day', 'lots'], 2, 'usage'],
    [['scan', '--bogus'], 2, 'usage'],
    [['price', 'no-such-model-xyz'], 3, 'unknown-model'],
    [['price', 'gpt-4o', '--prices', 'broken-prices.json'], 4, 'prices'],
    [['price', ''], 2, 'usage'],
    [['estimate', '--model', 'no-such-model-xyz', '--input', '1', '--output', '1'], 3, 'unknown-model'],
    [['estimate', '--model', '', '--input', '1', '--output', '1'], 2, 'usage'],
    [['estimate', '--model', 'gpt-4o', '--input', '1', '--output', '1', '--prices', 'other.json'], 4, 'prices'],
    [['compress', '--file', 'missing.txt', '--offline'], 4, 'not-found'],
    [['compress', '--file', 'empty.txt', '--offline'], 4, 'empty'],
    [['compress', '--file', 'prompt.txt', '--model', ''], 2, 'usage'],
    [['compress', '--file', 'prompt.txt', '--timeout', '3000000'], 2, 'usage'],
    [['compress', '--file', 'prompt.txt', '--base-url', 'ftp://x'], 1, 'invalid-settings'],
    [['compress', '--file', 'prompt.txt'], 1, 'no-key'],
  ];
  for (const [argv, code, kind] of cases) {
    it(`${argv.join(' ')} → ${code} ${kind}`, async () => {
      const io = captureIo(dir, {});
      assert.equal(await runCli([...argv, '--format', 'json'], io), code, io.err());
      const parsed = JSON.parse(io.out()) as { error: { kind: string; message: string } };
      assert.deepEqual(Object.keys(parsed), ['error']);
      assert.deepEqual(Object.keys(parsed.error), ['kind', 'message']);
      assert.equal(parsed.error.kind, kind);
      assert.ok(parsed.error.message.length > 0);
      assert.match(io.err(), new RegExp(`^llm-cost-lens ${argv[0]}: `));
    });
  }

  for (const command of commands) {
    it(`every command, ${command.name} too: a bad option under --format json is a JSON usage error`, async () => {
      const io = captureIo(dir, {});
      assert.equal(await runCli([command.name, '--no-such-option', '--format', 'json'], io), 2);
      assert.equal((JSON.parse(io.out()) as { error: { kind: string } }).error.kind, 'usage');
    });
  }

  it('an unknown command under --format json is a JSON usage error', async () => {
    const io = captureIo(dir, {});
    assert.equal(await runCli(['frobnicate', '--format', 'json'], io), 2);
    assert.equal((JSON.parse(io.out()) as { error: { kind: string } }).error.kind, 'usage');
  });

  it('an unusable --prices file is an error, not a warning, and --help says its exit code', async () => {
    const io = captureIo(dir, {});
    assert.equal(await runCli(['scan', 'app', '--prices', 'broken-prices.json'], io), 4);
    assert.equal(io.out(), '');
    assert.doesNotMatch(io.err(), /warning/);
    for (const command of ['scan', 'price', 'estimate']) {
      const help = captureIo(dir, {});
      assert.equal(await runCli([command, '--help'], help), 0);
      assert.match(help.out(), /4 a file or path given cannot be used \(.*price file/);
    }
    const top = captureIo(dir, {});
    await runCli(['--help'], top);
    assert.match(top.out(), /Exit codes: 0 done, 1 failed or refused, 2 usage error, 3 unknown model, 4 /);
  });

  it('text mode prints no JSON on an error and the usage after a usage error', async () => {
    const io = captureIo(dir, {});
    assert.equal(await runCli(['scan', '--calls-per-day', ''], io), 2);
    assert.equal(io.out(), '');
    assert.match(io.err(), /--calls-per-day must be a number of at least 0, not ''\n\nUsage: llm-cost-lens scan/);
  });

  it('a successful result is never followed by a failing exit: a malformed usage field still exits 0', async () => {
    // A priced model, so the summary prices the usage: a text count of tokens used to fail after the output.
    const answer = completion('Summarise {text} in one line, keeping names.', 'stop', 'gpt-4o-mini');
    for (const usage of ['{"prompt_tokens": 120, "completion_tokens": "many"}', '{"prompt_tokens": 1e400}']) {
      const body = JSON.stringify({ ...answer, usage: 'USAGE' }).replace('"USAGE"', usage);
      const malformed = await startFakeOpenAi(() => ({ body }));
      try {
        const io = captureIo(dir, { OPENAI_API_KEY: 'sk-json-errors-0123456789' });
        const code = await runCli(['compress', '--file', 'prompt.txt', '--base-url', malformed.baseURL], io);
        assert.equal(code, 0, io.err());
        assert.equal(io.out(), 'Summarise {text} in one line, keeping names.\n');
        assert.match(io.err(), /^Saved /);
        assert.doesNotMatch(io.err(), /Infinity|NaN|∞/);
      } finally {
        await malformed.close();
      }
    }
  });

  it('a server error through the CLI is a JSON error with the client’s kind', async () => {
    const failing = await startFakeOpenAi(() => ({ status: 503, body: { error: { message: 'down' } } }));
    try {
      const io = captureIo(dir, { OPENAI_API_KEY: 'sk-json-errors-0123456789' });
      const argv = ['compress', '--file', 'prompt.txt', '--base-url', failing.baseURL, '--format', 'json'];
      assert.equal(await runCli(argv, io), 1);
      assert.deepEqual(JSON.parse(io.out()), {
        error: { kind: 'server-error', message: JSON.parse(io.out()).error.message },
      });
      assert.match(io.out(), /server error \(503\)/);
    } finally {
      await failing.close();
    }
  });
});
