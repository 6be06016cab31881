import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { after, it } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { isEncodingLoaded } from '../../../src/core/tokens';
import { tempDir, writeTree } from '../../support/hostileRepo';
import { captureIo } from '../helpers/io';
import { splitCacheFile } from '../helpers/cacheFileParts';

// node --test runs each file in its own process: no rank table is loaded here unless this file's scans load one.

const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const system = 'You are a careful assistant. Answer in one short paragraph, citing the document. '.repeat(30);
const bot = `from openai import OpenAI\n\nclient = OpenAI()\n\nSYSTEM = ${JSON.stringify(system)}\n\n\ndef ask(q):\n    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": q}], max_tokens=100)\n`;

/** `scan` in a separate Node process (the compiled CLI entry of the tests), so its tables stay out of this one. */
function scanElsewhere(root: string, args: string[]): string {
  const run = path.join(__dirname, '../../../src/cli/run.js');
  const script = `require(${JSON.stringify(run)}).runCli(${JSON.stringify(args)}, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: ${JSON.stringify(root)}, env: {} }).then((code) => { process.exitCode = code; });`;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  return child.stdout;
}

it('a --cache re-scan of unchanged prompts counts no token again: no tokenizer table is loaded, same output', async () => {
  const root = tempDir('cache-tokens');
  made.push(root);
  writeTree(root, { 'app/bot.py': bot });
  const cacheFile = path.join(root, '..', `${path.basename(root)}-cache.json`);
  made.push(cacheFile);
  const args = ['scan', '.', '--format', 'json', '--cache', '--cache-location', cacheFile];
  const uncached = scanElsewhere(root, ['scan', '.', '--format', 'json']);
  assert.equal(scanElsewhere(root, args), uncached);
  const stored = splitCacheFile(readFileSync(cacheFile)).document as { tokens?: Record<string, number> };
  assert.ok(Object.keys(stored.tokens ?? {}).some((key) => key.startsWith('o200k_base:')));

  const io = captureIo(root);
  assert.equal(await runCli(args, io), 0, io.err());
  assert.equal(io.out(), uncached);
  assert.equal(isEncodingLoaded('o200k_base'), false);
  assert.equal(isEncodingLoaded('cl100k_base'), false);
});
