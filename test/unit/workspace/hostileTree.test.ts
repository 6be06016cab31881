import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { ParserHost } from '../../../src/core/parsing/host';
import { hostAnalyzer } from '../../../src/core/workspace/analyzer';
import { toFileSystemPath } from '../../../src/core/workspace/nodeFileSystem';
import { scanWorkspace } from '../../../src/core/workspace/scan';
import { walkSourceFiles } from '../../../src/core/workspace/walk';
import { nodeFileSystem } from '../../../src/core/workspace/nodeFileSystem';
import { MemoryFileSystem } from '../../support/memoryFileSystem';
import { openAiBot, tempDir, writeTree } from '../../support/hostileRepo';
import { captureIo } from '../helpers/io';
import { wasmDir } from '../helpers/paths';

const host = new ParserHost(wasmDir);
after(() => host.dispose());

interface ScanJson {
  files: number;
  calls: { file: string; line: number }[];
  skipped: { file: string; reason: string }[];
}

async function scanJson(dir: string, ...argv: string[]): Promise<ScanJson> {
  const io = captureIo(dir, {});
  assert.equal(await runCli(['scan', ...argv, '--format', 'json'], io), 0, io.err());
  return JSON.parse(io.out()) as ScanJson;
}

const reasonOf = (scan: ScanJson, file: string): string | undefined =>
  scan.skipped.find((s) => s.file === file)?.reason;

describe('scan: nothing is left out silently', () => {
  let dir: string;
  let hasFifo = false;
  before(() => {
    dir = tempDir('hostile-tree');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(openAiBot, 'utf16le')]);
    const latin1 = Buffer.from(`# café\n${openAiBot}`, 'latin1');
    writeTree(dir, {
      'app/bot.py': openAiBot,
      'app/utf16.py': utf16,
      'app/latin1.py': latin1,
      'app/bom.py': `\ufeff${openAiBot}`,
      'app/cr.py': openAiBot.replace(/\n/g, '\r'),
      'app/crlf.py': openAiBot.replace(/\n/g, '\r\n'),
      'outside/real.py': openAiBot,
    });
    symlinkSync(path.join(dir, 'outside', 'real.py'), path.join(dir, 'app', 'linked.py'));
    symlinkSync(path.join(dir, 'outside'), path.join(dir, 'app', 'linked-folder'));
    hasFifo = spawnSync('mkfifo', [path.join(dir, 'app', 'pipe.py')]).status === 0;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a symlinked file, a symlinked folder and a FIFO are listed as skipped, never read', async () => {
    const scan = await scanJson(dir, 'app');
    assert.match(reasonOf(scan, 'linked.py') ?? '', /symbolic link, not followed/);
    assert.match(reasonOf(scan, 'linked-folder') ?? '', /symbolic link to a folder, not followed/);
    if (hasFifo) assert.match(reasonOf(scan, 'pipe.py') ?? '', /not a regular file/);
    assert.ok(!scan.calls.some((c) => c.file.startsWith('linked')));
  });

  it('UTF-16 with a byte-order mark is decoded; Latin-1 is reported, not read as garbage', async () => {
    const scan = await scanJson(dir, 'app');
    const lines = scan.calls.map((c) => `${c.file}:${c.line}`).sort();
    assert.ok(lines.includes('utf16.py:7'), lines.join(' '));
    assert.ok(lines.includes('bom.py:7'), lines.join(' '));
    assert.match(reasonOf(scan, 'latin1.py') ?? '', /not UTF-8/);
    assert.ok(!lines.some((l) => l.startsWith('latin1.py')));
  });

  it('CR-only line endings give the right line numbers, like LF and CRLF', async () => {
    const scan = await scanJson(dir, 'app');
    const lines = scan.calls.map((c) => `${c.file}:${c.line}`);
    for (const file of ['bot.py', 'cr.py', 'crlf.py']) assert.ok(lines.includes(`${file}:7`), lines.join(' '));
  });

  it('an unreadable folder is listed as skipped', async () => {
    const fs = new MemoryFileSystem({ '/ws/app/bot.py': openAiBot, '/ws/secret/x.py': openAiBot });
    const readDirectory = fs.readDirectory.bind(fs);
    fs.readDirectory = async (folder: string) => {
      if (folder === '/ws/secret') throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return readDirectory(folder);
    };
    const scan = await scanWorkspace(['/ws'], { fs, root: '/ws', analyzer: hostAnalyzer(host) });
    assert.deepEqual(scan.skipped, [{ file: 'secret', reason: 'folder could not be read (EACCES)' }]);
    assert.equal(scan.calls.length, 1);
  });

  it('an unreadable folder on disk too (when not running as root, which reads everything)', async (t) => {
    if (process.getuid?.() === 0) return t.skip('root reads a folder whatever its mode');
    const locked = tempDir('locked');
    writeTree(locked, { 'app/bot.py': openAiBot, 'secret/x.py': openAiBot });
    chmodSync(path.join(locked, 'secret'), 0o000);
    try {
      const scan = await scanJson(locked);
      assert.match(reasonOf(scan, 'secret') ?? '', /folder could not be read \(EACCES\)/);
    } finally {
      chmodSync(path.join(locked, 'secret'), 0o755);
      rmSync(locked, { recursive: true, force: true });
    }
  });
});

describe('scan: build output folders', () => {
  it('build, out, coverage and dist are skipped at the root, beside a project manifest, or when ignored; not under src/', async () => {
    const dir = tempDir('build-dirs');
    try {
      const tree: Record<string, string> = {
        'package.json': '{}',
        'packages/web/package.json': '{}',
        'packages/lib/.gitignore': 'gen/\n',
        '.gitignore': 'src/ignored/\n',
      };
      for (const name of ['build', 'out', 'coverage', 'dist']) {
        tree[`${name}/x.py`] = openAiBot;
        tree[`src/${name}/x.py`] = openAiBot;
        tree[`packages/web/${name}/x.py`] = openAiBot;
        tree[`packages/lib/src/${name}/x.py`] = openAiBot;
      }
      tree['src/ignored/build/x.py'] = openAiBot;
      writeTree(dir, tree);
      const { files } = await walkSourceFiles(nodeFileSystem, [toFileSystemPath(dir)]);
      const relative = files.map((f) => path.posix.relative(toFileSystemPath(dir), f)).sort();
      assert.deepEqual(relative, [
        'packages/lib/src/build/x.py',
        'packages/lib/src/coverage/x.py',
        'packages/lib/src/dist/x.py',
        'packages/lib/src/out/x.py',
        'src/build/x.py',
        'src/coverage/x.py',
        'src/dist/x.py',
        'src/out/x.py',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
