import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { printable, safeJson, terminalSafe } from '../../../src/cli/output/terminalText';
import { tempDir, writeTree } from '../../support/hostileRepo';
import { apiError, completion, startFakeOpenAi, type FakeServer } from '../../support/fakeOpenAi';
import { captureIo } from '../helpers/io';

/** Characters that act on a terminal: ESC (CSI, OSC), BEL, a lone CR, the one-character C1 CSI, a bidi override. */
// eslint-disable-next-line no-control-regex -- the test looks for control characters
const acting = /[\u001b\u0007\u009b\u202e]|\r(?!\n)/;
const key = 'sk-proj-OUTPUT-SAFETY-0123456789abcdef';

const escFile = 'evil\u001b[2J\u001b[31m.py';
const escModel = 'gpt-4o\u001b]0;pwned\u0007\u001b[2K';
const c1Model = 'gpt-4o-mini\u009b31m\u202eevil';
const hostile = (model: string): string =>
  `from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="${model}", messages=[], max_tokens=5)\n`;

describe('cli: nothing printed acts on the terminal or shows the key', () => {
  let dir: string;
  const servers: FakeServer[] = [];
  before(() => {
    dir = tempDir('output-safety');
    writeTree(dir, {
      [`src/${escFile}`]: hostile(escModel),
      'src/c1.py': hostile(c1Model),
      'src/leak.py': hostile(key),
      'prompt.txt': 'You are a careful assistant. Summarise the text {text} in one single line, keeping every name.\n',
    });
  });
  after(async () => Promise.all(servers.map((s) => s.close())));
  async function serve(reply: Parameters<typeof startFakeOpenAi>[0]): Promise<FakeServer> {
    const server = await startFakeOpenAi(reply);
    servers.push(server);
    return server;
  }

  it('escape codes in file names and model strings are shown, not acted on, in the table', async () => {
    const io = captureIo(dir, {});
    assert.equal(await runCli(['scan', 'src'], io), 0, io.err());
    assert.doesNotMatch(io.out(), acting);
    assert.match(io.out(), /evil\\x1b\[2J\\x1b\[31m\.py:3/);
    assert.match(io.out(), /gpt-4o\\x1b\]0;pwned\\x07\\x1b\[2K/);
    assert.match(io.out(), /gpt-4o-mini\\x9b31m\\u202eevil/);
  });

  it('JSON keeps the exact strings, escaped so the raw output is inert', async () => {
    const io = captureIo(dir, {});
    assert.equal(await runCli(['scan', 'src', '--format', 'json'], io), 0, io.err());
    assert.doesNotMatch(io.out(), acting);
    const parsed = JSON.parse(io.out()) as { calls: { file: string; model: string }[] };
    const models = parsed.calls.map((c) => c.model).sort();
    assert.ok(models.includes(escModel) && models.includes(c1Model), JSON.stringify(models));
    assert.ok(parsed.calls.some((c) => c.file === `src/${escFile}`.replace(/^src\//, '')));
  });

  it('the API key never appears, even when a scanned file holds it', async () => {
    for (const format of ['table', 'json']) {
      const io = captureIo(dir, { OPENAI_API_KEY: key });
      assert.equal(await runCli(['scan', 'src', '--format', format], io), 0, io.err());
      assert.ok(!io.out().includes(key) && !io.err().includes(key), format);
      assert.match(io.out(), /\*\*\*/);
    }
  });

  it('a server that echoes the key gets a refusal, in text, --show-refused and JSON', async () => {
    const echo = await serve((request) => ({
      body: completion(`Summarise {text}. ${String(request.headers.authorization).replace('Bearer ', '')}`),
    }));
    for (const extra of [[], ['--show-refused'], ['--format', 'json']]) {
      const io = captureIo(dir, { LLM_COST_LENS_API_KEY: key });
      const code = await runCli(['compress', '--file', 'prompt.txt', '--base-url', echo.baseURL, ...extra], io);
      assert.equal(code, 1);
      assert.ok(!io.out().includes(key) && !io.err().includes(key), extra.join(' '));
      assert.match(io.err(), /the answer contains your API key/);
    }
    const model = await serve(() => ({ body: completion('Summarise {text} in one line.', 'stop', key) }));
    const io = captureIo(dir, { LLM_COST_LENS_API_KEY: key });
    assert.equal(await runCli(['compress', '--file', 'prompt.txt', '--base-url', model.baseURL], io), 1);
    assert.ok(!io.out().includes(key) && !io.err().includes(key));
    assert.match(io.err(), /the answer contains your API key/);
  });

  it('a model name or an error message with escape codes from the server is inert', async () => {
    const named = await serve(() => ({
      body: completion('Summarise {text} in one line, keeping names.', 'stop', 'mini\u001b[2J\u001b[H'),
    }));
    const io = captureIo(dir, { LLM_COST_LENS_API_KEY: key });
    assert.equal(await runCli(['compress', '--file', 'prompt.txt', '--base-url', named.baseURL], io), 0, io.err());
    assert.doesNotMatch(io.err(), acting);
    assert.match(io.err(), /Compression call \(mini\\x1b\[2J\\x1b\[H\)/);
    const failing = await serve(() => ({ status: 400, body: apiError('bad \u001b[31mred\u001b[0m \u009b2J') }));
    const err = captureIo(dir, { LLM_COST_LENS_API_KEY: key });
    assert.equal(await runCli(['compress', '--file', 'prompt.txt', '--base-url', failing.baseURL], err), 1);
    assert.doesNotMatch(err.err(), acting);
    assert.match(err.err(), /bad \\x1b\[31mred/);
  });

  it('the helpers: inert output, fields without line breaks, JSON that parses back to the same value', () => {
    assert.equal(terminalSafe('a\u001b[2Jb\r\nc\rd\te'), 'a\\x1b[2Jb\r\nc\\x0dd\te');
    assert.equal(printable('a\nb\tc\u202ed'), 'a\\x0ab\\x09c\\u202ed');
    const value = { s: 'x\u001b\u009b\u007f\u2028\u202e' };
    const text = safeJson(value, 'indented');
    // eslint-disable-next-line no-control-regex -- the test looks for control characters
    assert.doesNotMatch(text, /[\u001b\u009b\u007f\u2028\u202e]/);
    assert.deepEqual(JSON.parse(text), value);
  });
});
