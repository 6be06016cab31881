import * as assert from 'node:assert/strict';
import { rmSync, utimesSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { charsBeforeThreads } from '../../../src/cli/scan/analyzer';
import { scanPaths } from '../../../src/cli/scan/scan';
import { openAiBot, tempDir, writeTree } from '../../support/hostileRepo';
import { captureIo } from '../helpers/io';
import { wasmDir } from '../helpers/paths';

const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const pythonCrossFile = (i: number): string =>
  `from openai import OpenAI\nfrom app.config import MODEL\n\nclient = OpenAI()\n\n\ndef ask${i}(q):\n    return client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": q}])\n`;

const typescriptCrossFile = (i: number): string =>
  `import OpenAI from 'openai';\nimport { MODEL } from './config';\n\nconst client = new OpenAI();\n\nexport async function ask${i}(q: string) {\n  return client.chat.completions.create({ model: MODEL, max_tokens: 200, messages: [{ role: 'user', content: q }] });\n}\n`;

/** Python and TypeScript files with calls, each. */
const bots = 24;
/** A comment block after each file's code, so that the threads start about two thirds of the way through. */
const comments = (mark: string): string =>
  `${mark} ${'x'.repeat(76)}\n`.repeat(Math.ceil((1.5 * charsBeforeThreads) / (2 * bots) / 80));

/**
 * A tree with more SDK text than the threads start at: models taken from config modules in Python and
 * TypeScript (cross-file), calls with and without findings, files that name an SDK and make no call, plain code.
 */
function tree(): { root: string; files: string[] } {
  const root = tempDir('same-results');
  made.push(root);
  const content: Record<string, string> = {
    'app/__init__.py': '',
    'app/config.py': 'MODEL = "gpt-4.1-mini"\n',
    'web/config.ts': "export const MODEL = 'gpt-4o';\n",
  };
  for (let i = 0; i < bots; i++) {
    content[`app/bot${i}.py`] = (i % 3 === 0 ? openAiBot : pythonCrossFile(i)) + comments('#');
    content[`web/bot${i}.ts`] = typescriptCrossFile(i) + comments('//');
    content[`app/types${i}.py`] = 'from openai.types.chat import ChatCompletionMessageParam\n\nX = 1\n';
    content[`app/plain${i}.py`] = `def f${i}(x):\n    return x * ${i}\n`;
  }
  writeTree(root, content);
  return { root, files: Object.keys(content).map((f) => path.join(root, f)) };
}

async function scanJson(root: string, flags: string[]): Promise<string> {
  const io = captureIo(root);
  assert.equal(await runCli(['scan', '.', '--format', 'json', ...flags], io), 0, io.err());
  return io.out();
}

describe('scan gives the same JSON however it runs', () => {
  it('cold on worker threads, cold on the main thread, --cache filling, unchanged, and after a fresh checkout', async () => {
    const { root, files } = tree();
    const threaded = await scanPaths(['.'], { cwd: root, wasmDir, threads: 2 });
    assert.equal(threaded.threaded, true, 'the tree is large enough for threads');
    const single = await scanPaths(['.'], { cwd: root, wasmDir, threads: 0 });
    assert.equal(single.threaded, false);

    const expected = await scanJson(root, ['--threads', '2']);
    const document = JSON.parse(expected) as {
      calls: { model: string | null; modelVia: string }[];
      findings: unknown[];
    };
    assert.equal(document.calls.length, bots * 2);
    assert.ok(document.calls.some((c) => c.modelVia === 'cross-file' && c.model === 'gpt-4.1-mini'));
    assert.ok(document.calls.some((c) => c.modelVia === 'cross-file' && c.model === 'gpt-4o'));
    assert.ok(document.findings.length > 0);

    assert.equal(await scanJson(root, ['--threads', '0']), expected, 'main thread only');
    const cacheFile = path.join(tempDir('same-results-cache'), 'cache.json');
    made.push(path.dirname(cacheFile));
    const cached = ['--cache', '--cache-location', cacheFile];
    assert.equal(await scanJson(root, cached), expected, 'filling the cache');
    // Times well before the cache was written, so that size and time alone are trusted.
    const old = new Date(Date.now() - 3_600_000);
    for (const file of files) utimesSync(file, old, old);
    assert.equal(await scanJson(root, cached), expected, 'cache: every file hashed (new times)');
    assert.equal(await scanJson(root, cached), expected, 'cache: nothing read (times unchanged)');
    const checkout = new Date(Date.now() - 1_800_000);
    for (const file of files) utimesSync(file, checkout, checkout);
    assert.equal(await scanJson(root, [...cached, '--threads', '0']), expected, 'cache after a fresh checkout');
  });

  it('--threads takes a whole number', async () => {
    const { root } = tree();
    for (const bad of ['-1', 'two', '1.5', '65', '']) {
      const io = captureIo(root);
      assert.equal(await runCli(['scan', '.', '--threads', bad], io), 2, bad);
      assert.match(io.err(), /--threads/);
    }
  });
});
