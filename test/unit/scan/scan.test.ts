import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { scanPaths } from '../../../src/cli/scan/scan';
import { nodeFileSystem, toFileSystemPath } from '../../../src/core/workspace/nodeFileSystem';
import { listSourceFiles } from '../../../src/core/workspace/walk';
import { captureIo } from '../helpers/io';
import { wasmDir } from '../helpers/paths';

const bot = `from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(q):\n    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}], max_tokens=100)\n`;

function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

describe('scan', () => {
  let root: string;

  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-scan-'));
    write(root, 'app/bot.py', bot);
    write(root, 'app/util.ts', 'export const add = (a: number, b: number) => a + b;\n');
    write(root, 'app/README.md', 'client.chat.completions.create(model="x")\n');
    for (const skipped of [
      'node_modules/pkg/index.py',
      '.git/hooks/x.py',
      '.venv/lib/x.py',
      'dist/bundle.py',
      'build/x.py',
      'out/x.py',
      'env2/lib/x.py',
      'ignored/secret.py',
    ]) {
      write(root, skipped, bot);
    }
    write(root, 'env2/pyvenv.cfg', 'home = /usr/bin\n');
    write(root, '.gitignore', 'ignored/\n*.generated.py\n');
    write(root, 'app/models.generated.py', bot);
    write(root, 'app/min.js', `import OpenAI from 'openai';\n${'x=1;'.repeat(3000)}\n`);
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('walks source files, skipping dependencies, virtualenvs, build output and ignored files (no git repo)', async () => {
    const files = (await listSourceFiles(nodeFileSystem, [toFileSystemPath(root)])).map((f) =>
      path.relative(root, f).split(path.sep).join('/'),
    );
    assert.deepEqual(files, ['app/bot.py', 'app/min.js', 'app/util.ts']);
  });

  it('skips the same ignored files inside a git repository', async () => {
    const git = spawnSync('git', ['init', '-q'], { cwd: root });
    if (git.status !== 0) return;
    const files = (await listSourceFiles(nodeFileSystem, [toFileSystemPath(root)])).map((f) =>
      path.relative(root, f).split(path.sep).join('/'),
    );
    assert.deepEqual(files, ['app/bot.py', 'app/min.js', 'app/util.ts']);
    rmSync(path.join(root, '.git'), { recursive: true, force: true });
    write(root, '.git/hooks/x.py', bot);
  });

  it('returns records with paths relative to the scanned directory and the skipped files', async () => {
    const result = await scanPaths([root], { cwd: os.tmpdir(), wasmDir });
    assert.equal(result.files, 3);
    assert.deepEqual(
      result.calls.map((c) => [c.file, c.line, c.sdk, c.api, c.model]),
      [['app/bot.py', 7, 'openai', 'chat.completions.create', 'gpt-4o-mini']],
    );
    assert.deepEqual(
      result.skipped.map((s) => s.file),
      ['app/min.js'],
    );
  });

  it('prints a table by default and the documented JSON with --format json', async () => {
    const io = captureIo(root);
    assert.equal(await runCli(['scan', 'app'], io), 0);
    assert.match(io.out(), /location\s+sdk\s+api\s+model\s+model from\s+limit\s+flags/);
    assert.match(io.out(), /bot\.py:7\s+openai\s+chat\.completions\.create\s+gpt-4o-mini\s+max_tokens=100/);
    // Settings a caller passes whole may hold the limit: the table says it is not shown, not that there is none.
    write(
      root,
      'kwargs/ask.py',
      bot.replace('max_tokens=100', '**options').replace('def ask(q)', 'def ask(q, options={})'),
    );
    const passed = captureIo(root);
    assert.equal(await runCli(['scan', 'kwargs'], passed), 0);
    assert.match(passed.out(), /ask\.py:7\s+openai\s+chat\.completions\.create\s+gpt-4o-mini\s+not shown\s/);
    const jsonIo = captureIo(root);
    assert.equal(await runCli(['scan', 'app', '--format', 'json'], jsonIo), 0);
    const parsed = JSON.parse(jsonIo.out()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(parsed), [
      'version',
      'files',
      'prices',
      'assumptions',
      'calls',
      'findings',
      'skipped',
    ]);
    assert.equal(parsed.version, '0.1.0');
    assert.deepEqual(parsed.findings, []);
  });

  it('exits 2 on a usage error, 4 on a path that does not exist', async () => {
    const io = captureIo(root);
    assert.equal(await runCli(['scan', '--format', 'xml'], io), 2);
    assert.equal(await runCli(['scan', '--bogus'], captureIo(root)), 2);
    assert.equal(await runCli(['scan', 'no/such/dir'], captureIo(root)), 4);
  });
});
