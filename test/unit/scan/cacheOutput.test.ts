import * as assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { writeTree } from '../../support/hostileRepo';
import { captureIo } from '../helpers/io';
import { tempDirsRemovedAfter } from '../helpers/tempDirs';
import { fixturesDir } from '../helpers/paths';
import { splitCacheFile } from '../helpers/cacheFileParts';

const dir = tempDirsRemovedAfter();

const bot = `from openai import OpenAI\nfrom app.config import MODEL\n\nclient = OpenAI()\nSYSTEM = "You are a support assistant. Answer briefly."\n\n\ndef ask(q):\n    return client.chat.completions.create(model=MODEL, messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": q}])\n`;
const web = `import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\n\nexport const reply = (q: string) => generateText({ model: openai('gpt-4o-mini'), prompt: q });\n`;

/** A workspace with a Python call whose model is in another file, and a Vercel AI SDK call under a package.json. */
function workspace(): string {
  const root = dir('cache-output');
  writeTree(root, {
    'app/__init__.py': '',
    'app/config.py': 'MODEL = "gpt-4o"\n',
    'app/bot.py': bot,
    'web/package.json': '{"dependencies": {"ai": "^5.0.0"}}',
    'web/src/reply.ts': web,
    'web/src/util.ts': 'export const one = 1;\n',
  });
  return root;
}

interface Run {
  code: number;
  out: string;
  err: string;
}

async function scan(root: string, args: string[], now?: Date): Promise<Run> {
  const io = captureIo(root);
  if (now) io.now = () => now;
  const code = await runCli(['scan', '.', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

/**
 * Replaces the stored output with text of the same length that no scan prints: a run that reuses the stored
 * output prints it, a run that computes afresh does not.
 */
function tamper(cacheFile: string, text = ''): void {
  const bytes = readFileSync(cacheFile);
  const document = splitCacheFile(bytes).document as { output?: { at: [number, number] } };
  assert.ok(document.output, 'the cache holds an output');
  const [start, length] = document.output.at;
  bytes.fill('x', start, start + length);
  assert.ok(Buffer.byteLength(text) <= length, 'the text fits in the stored output');
  bytes.write(text, start, 'utf8');
  writeFileSync(cacheFile, bytes);
}

const tampered = /^x+$/;

/** Runs `args` without and with the cache (the stored output made unusable first): both must print the same. */
async function expectFresh(root: string, cacheFile: string, args: string[], now?: Date): Promise<Run> {
  const plain = await scan(root, args, now);
  tamper(cacheFile);
  const cached = await scan(root, [...args, '--cache-location', cacheFile], now);
  assert.deepEqual(cached, plain);
  return plain;
}

describe('scan --cache keeps the printed result', () => {
  it('prints the stored result of an unchanged scan, byte for byte what an uncached scan prints', async () => {
    const root = workspace();
    const cacheFile = path.join(dir('cache-home'), 'c');
    for (const format of ['json', 'table', 'sarif']) {
      const args = ['--format', format];
      const plain = await scan(root, args);
      for (let i = 0; i < 3; i++) assert.deepEqual(await scan(root, [...args, '--cache-location', cacheFile]), plain);
      // The next run prints what is stored: the stored output is what was used.
      tamper(cacheFile);
      assert.match((await scan(root, [...args, '--cache-location', cacheFile])).out, tampered);
    }
  });

  it('prints a stored output that holds a control or the API key as every output is printed: escaped, hidden', async () => {
    const root = workspace();
    const cacheFile = path.join(dir('cache-home'), 'c');
    const key = 'sk-proj-STORED-OUTPUT-0123456789';
    const run = async (env: NodeJS.ProcessEnv = {}): Promise<string> => {
      const io = captureIo(root, env);
      await runCli(['scan', '.', '--format', 'json', '--cache-location', cacheFile], io);
      return io.out();
    };
    await run();
    const cases: [stored: string, printed: RegExp][] = [
      ['\u001b[2Jwiped', /^\\x1b\[2Jwiped/],
      ['bell\u0007', /^bell\\x07x/],
      ['lone\rreturn', /^lone\\x0dreturn/],
      ['c1\u009b31m', /^c1\\x9b31m/],
      ['crlf\r\nstays', /^crlf\r\nstays/],
      [`key ${key} end`, /^key \*\*\* end/],
    ];
    for (const [stored, printed] of cases) {
      tamper(cacheFile, stored);
      assert.match(await run({ OPENAI_API_KEY: key }), printed, JSON.stringify(stored));
    }
    // A byte sequence that is not UTF-8 is printed as the decoder reads it, never raw.
    const bytes = readFileSync(cacheFile);
    const { document } = splitCacheFile(bytes) as { document: { output: { at: [number, number] } } };
    bytes[document.output.at[0]] = 0xff;
    writeFileSync(cacheFile, bytes);
    assert.match(await run(), /^\ufffd/);
  });

  it('gives byte for byte the uncached output on every fixture folder: filling, unchanged, after a fresh checkout', async () => {
    const root = dir('cache-fixtures');
    cpSync(fixturesDir, root, { recursive: true });
    const cacheFile = path.join(dir('cache-home'), 'c');
    for (const format of ['json', 'table', 'sarif']) {
      const args = ['--format', format];
      const plain = await scan(root, args);
      assert.equal(plain.code, 0, plain.err);
      if (format === 'json') assert.ok((JSON.parse(plain.out) as { calls: unknown[] }).calls.length > 100);
      const cached = [...args, '--cache-location', cacheFile];
      assert.deepEqual(await scan(root, cached), plain);
      assert.deepEqual(await scan(root, cached), plain);
      // A checkout: every file's time is new (older than the cache, so that it would be trusted alone).
      const past = new Date(Date.now() - 3_600_000);
      for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
        utimesSync(path.join(root, file), past, past);
      }
      assert.deepEqual(await scan(root, cached), plain);
      assert.deepEqual(await scan(root, cached), plain);
    }
  });

  it('prints JSON indented at a terminal and compact in a pipe, each stored for its own layout', async () => {
    const root = workspace();
    const cacheFile = path.join(dir('cache-home'), 'c');
    const run = async (terminal: boolean, format = 'json'): Promise<string> => {
      const io = captureIo(root);
      io.stdoutIsTerminal = terminal;
      const code = await runCli(['scan', '.', '--format', format, '--cache-location', cacheFile], io);
      assert.equal(code, 0, io.err());
      return io.out();
    };
    const piped = await run(false);
    assert.equal(piped.indexOf('\n'), piped.length - 1, 'one line, then the line end');
    // Stored compact by the piped run: a terminal's run must not print that.
    const shown = await run(true);
    assert.match(shown, /^\{\n {2}"version": "/);
    assert.deepEqual(JSON.parse(shown), JSON.parse(piped));
    assert.equal(await run(false), piped);
    assert.equal(await run(true), shown);
    const sarif = await run(false, 'sarif');
    assert.equal(sarif.indexOf('\n'), sarif.length - 1);
    assert.deepEqual(JSON.parse(await run(true, 'sarif')), JSON.parse(sarif));
  });

  it('reuses a table stored by a piped run at a terminal: the table has one layout', async () => {
    const root = workspace();
    const cacheFile = path.join(dir('cache-home'), 'c');
    const run = async (terminal: boolean): Promise<string> => {
      const io = captureIo(root);
      io.stdoutIsTerminal = terminal;
      const code = await runCli(['scan', '.', '--cache-location', cacheFile], io);
      assert.equal(code, 0, io.err());
      return io.out();
    };
    assert.match(await run(false), /\$[\d.]+/);
    tamper(cacheFile);
    assert.match(await run(true), tampered, 'the stored table is printed, not priced again');
  });

  it('computes afresh when a setting, a flag, the prices, the date, a file or a manifest changes', async () => {
    const root = workspace();
    const cacheFile = path.join(dir('cache-home'), 'c');
    const args = ['--format', 'json'];
    const fill = async (): Promise<void> => {
      await scan(root, [...args, '--cache-location', cacheFile]);
      tamper(cacheFile);
      assert.match((await scan(root, [...args, '--cache-location', cacheFile])).out, tampered);
    };
    const settings = (values: Record<string, unknown>): void =>
      writeTree(root, { '.vscode/settings.json': JSON.stringify(values) });

    await fill();
    settings({ 'llmCostLens.callsPerDay': 40 });
    const perDay = await expectFresh(root, cacheFile, args);
    assert.match(perDay.out, /"value":40/);

    await fill();
    await expectFresh(root, cacheFile, [...args, '--calls-per-day', '7']);

    await fill();
    settings({
      'llmCostLens.callsPerDay': 40,
      'llmCostLens.pricing.overrides': { 'gpt-4o': { input: 0.1, output: 0.2 } },
    });
    await expectFresh(root, cacheFile, args);

    await fill();
    settings({ 'llmCostLens.callsPerDay': 40, 'llmCostLens.rules.severity': { 'missing-output-limit': 'error' } });
    const rules = await expectFresh(root, cacheFile, args);
    assert.match(rules.out, /"severity":"error"/);

    // A price file, then the same file with another price: a different table each time.
    const prices = path.join(dir('prices'), 'prices.json');
    const priceFile = (input: number): void =>
      writeFileSync(
        prices,
        JSON.stringify({
          'gpt-4o': {
            litellm_provider: 'openai',
            mode: 'chat',
            input_cost_per_token: input,
            output_cost_per_token: 1e-5,
          },
          'gpt-4o-mini': {
            litellm_provider: 'openai',
            mode: 'chat',
            input_cost_per_token: 1e-7,
            output_cost_per_token: 1e-6,
          },
        }),
      );
    priceFile(2e-6);
    await fill();
    await expectFresh(root, cacheFile, [...args, '--prices', prices]);
    await scan(root, [...args, '--prices', prices, '--cache-location', cacheFile]);
    priceFile(3e-6);
    const repriced = await expectFresh(root, cacheFile, [...args, '--prices', prices]);
    assert.match(repriced.out, /"kind":"file"/);

    // The prices' age is part of the output: another day, another output.
    await fill();
    await expectFresh(root, cacheFile, args, new Date(Date.now() + 40 * 86_400_000));

    // The gate's verdict (exit code, stderr) is kept with the output and follows its own flags.
    await fill();
    const gated = await expectFresh(root, cacheFile, [...args, '--fail-on', 'warning']);
    assert.equal(gated.code, 1);
    assert.deepEqual(await scan(root, [...args, '--fail-on', 'warning', '--cache-location', cacheFile]), gated);

    // A file another file's records took the model from.
    await fill();
    writeTree(root, { 'app/config.py': 'MODEL = "gpt-4.1-mini"\n' });
    assert.match((await expectFresh(root, cacheFile, args)).out, /gpt-4\.1-mini/);

    // A scanned file.
    await fill();
    writeTree(root, { 'web/src/reply.ts': web.replace('gpt-4o-mini', 'gpt-4.1-nano') });
    await expectFresh(root, cacheFile, args);

    // The package.json the fix's parameter name comes from (AI SDK 4: maxTokens), then a new one nearer the file.
    await fill();
    writeTree(root, { 'web/package.json': '{"dependencies": {"ai": "^4.3.0"}}' });
    assert.match((await expectFresh(root, cacheFile, args)).out, /maxTokens/);
    await fill();
    writeTree(root, { 'web/src/package.json': '{"dependencies": {"ai": "^5.0.0"}}' });
    assert.match((await expectFresh(root, cacheFile, args)).out, /maxOutputTokens/);

    // The requirements.txt the Python fix's parameter name comes from: openai-python before 1.45 has no
    // max_completion_tokens, so a reasoning model gets no limit fix.
    writeTree(root, { 'app/config.py': 'MODEL = "o3"\n' });
    await fill();
    assert.match((await scan(root, args)).out, /Add max_completion_tokens/);
    writeTree(root, { 'requirements.txt': 'openai==1.30.1\n' });
    assert.doesNotMatch((await expectFresh(root, cacheFile, args)).out, /Add max_completion_tokens/);

    // Another format.
    await fill();
    await expectFresh(root, cacheFile, ['--format', 'table']);
  });
});
