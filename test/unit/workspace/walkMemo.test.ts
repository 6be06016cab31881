import * as assert from 'node:assert/strict';
import { readdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { FileSystem } from '../../../src/core/workspace/fileSystem';
import { nodeFileSystem, toFileSystemPath } from '../../../src/core/workspace/nodeFileSystem';
import { walkSourceFiles, type WalkOptions } from '../../../src/core/workspace/walk';
import type { FolderOutcome, WalkMemo } from '../../../src/core/workspace/walkMemo';
import { writeTree } from '../../support/hostileRepo';
import { tempDirsRemovedAfter } from '../helpers/tempDirs';

const dir = tempDirsRemovedAfter();

/** A memo as the cache keeps one: the last walk's outcomes, and the ones this walk remembered. */
class MapMemo implements WalkMemo {
  previous = new Map<string, FolderOutcome>();
  next = new Map<string, FolderOutcome>();
  folder(d: string): FolderOutcome | undefined {
    return this.previous.get(d);
  }
  remember(d: string, outcome: FolderOutcome): void {
    this.next.set(d, outcome);
  }
  /** The next walk reads what this one remembered. */
  turn(): void {
    this.previous = this.next;
    this.next = new Map();
  }
}

/** Node's file system, counting the folders listed. */
function countingFs(): FileSystem & { listed: string[] } {
  const listed: string[] = [];
  return { ...nodeFileSystem, readDirectory: (d) => (listed.push(d), nodeFileSystem.readDirectory(d)), listed };
}

/** Every folder under `root` (and itself) an hour old: older than a listing by more than the racy window. */
function ageFolders(root: string): void {
  const past = new Date(Date.now() - 3_600_000);
  utimesSync(root, past, past);
  for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const full = path.join(root, entry);
    if (statSync(full).isDirectory()) utimesSync(full, past, past);
  }
}

function project(): string {
  const root = dir('walk-memo');
  writeTree(root, {
    '.gitignore': '*.gen.py\n',
    'app/a.py': 'a = 1\n',
    'app/b.gen.py': 'b = 1\n',
    'app/deep/c.py': 'c = 1\n',
    'app/deep/.gitignore': 'skip.py\n',
    'app/deep/skip.py': 'skip = 1\n',
    'web/x.ts': 'export const x = 1;\n',
    'web/notes.txt': 'not source\n',
    'env/pyvenv.cfg': 'home = /usr\n',
    'env/lib/site.py': 'venv = 1\n',
  });
  ageFolders(root);
  return root;
}

async function walk(root: string, fs: FileSystem, memo: MapMemo, extra: WalkOptions = {}): Promise<string[]> {
  const { files } = await walkSourceFiles(fs, [toFileSystemPath(root)], { memo, ...extra });
  return files.map((f) => path.posix.relative(toFileSystemPath(root), f));
}

describe('walk memo: unchanged folders are not listed again', () => {
  it('gives the same files from the kept outcomes, listing no folder', async () => {
    const root = project();
    const memo = new MapMemo();
    const first = await walk(root, countingFs(), memo);
    assert.deepEqual(first, ['app/a.py', 'app/deep/c.py', 'web/x.ts']);
    assert.ok(memo.next.size >= 4, 'every folder walked is remembered');
    memo.turn();
    const fs = countingFs();
    assert.deepEqual(await walk(root, fs, memo), first);
    assert.deepEqual(fs.listed, []);
    assert.equal(memo.next.size, memo.previous.size, 'reused outcomes are kept for the next walk');
  });

  it('lists a folder again when an entry is added, and then trusts it only once its time is old enough', async () => {
    const root = project();
    const memo = new MapMemo();
    await walk(root, countingFs(), memo);
    memo.turn();
    writeFileSync(path.join(root, 'app/new.py'), 'new = 1\n');
    let fs = countingFs();
    assert.ok((await walk(root, fs, memo)).includes('app/new.py'));
    assert.deepEqual(fs.listed, [toFileSystemPath(path.join(root, 'app'))]);
    // Its time is within the racy window of that listing: listed again, until it is older.
    memo.turn();
    fs = countingFs();
    await walk(root, fs, memo);
    assert.deepEqual(fs.listed, [toFileSystemPath(path.join(root, 'app'))]);
  });

  it('tests the ignore rules again only on names the last listing did not keep, and still skips build output', async () => {
    const root = project();
    writeTree(root, { 'lib/dist/bundle.ts': 'export {};\n', 'lib/src/y.ts': 'export {};\n' });
    ageFolders(root);
    const memo = new MapMemo();
    assert.ok((await walk(root, countingFs(), memo)).includes('lib/dist/bundle.ts'), 'not a project root: source');
    memo.turn();
    // New entries in folders with a kept listing: a name the rules ignore, a source file, a manifest.
    writeTree(root, { 'app/new.gen.py': 'n = 1\n', 'app/new.py': 'n = 1\n', 'lib/package.json': '{}\n' });
    const files = await walk(root, countingFs(), memo);
    assert.ok(files.includes('app/new.py') && files.includes('app/a.py'));
    assert.ok(!files.includes('app/new.gen.py'), 'a name not kept before is tested against the rules');
    assert.ok(!files.includes('lib/dist/bundle.ts'), 'a kept folder is build output once its parent is a project');
    assert.ok(files.includes('lib/src/y.ts'));
  });

  it('follows a .gitignore edited in place (its folder keeps its time), below it too', async () => {
    const root = project();
    const memo = new MapMemo();
    await walk(root, countingFs(), memo);
    memo.turn();
    // Written in place: the folder's time does not change.
    writeFileSync(path.join(root, '.gitignore'), '*.gen.py\nc.py\n');
    const fs = countingFs();
    assert.deepEqual(await walk(root, fs, memo), ['app/a.py', 'web/x.ts']);
    assert.ok(fs.listed.includes(toFileSystemPath(path.join(root, 'app/deep'))), 'a folder below is listed again');
    // A nested .gitignore edited: only its folder (and below) is listed again.
    memo.turn();
    writeFileSync(path.join(root, 'app/deep/.gitignore'), 'nothing\n');
    writeFileSync(path.join(root, '.gitignore'), '*.gen.py\n');
    assert.deepEqual(await walk(root, countingFs(), memo), [
      'app/a.py',
      'app/deep/c.py',
      'app/deep/skip.py',
      'web/x.ts',
    ]);
  });

  it('never keeps a folder with a link (what it points to can change), and still reports the link', async () => {
    const root = project();
    symlinkSync(path.join(root, 'app'), path.join(root, 'web/linked'));
    ageFolders(root);
    const memo = new MapMemo();
    await walk(root, countingFs(), memo);
    memo.turn();
    const fs = countingFs();
    const { skipped } = await walkSourceFiles(fs, [toFileSystemPath(root)], { memo });
    assert.deepEqual(fs.listed, [toFileSystemPath(path.join(root, 'web'))]);
    assert.ok(skipped.some((s) => s.path.endsWith('web/linked') && /link to a folder/.test(s.reason)));
  });

  it('is not used with exclude, and a start folder is not reused as a folder below another start', async () => {
    const root = project();
    const memo = new MapMemo();
    await walk(root, countingFs(), memo, { exclude: () => false });
    assert.equal(memo.next.size, 0);
    await walkSourceFiles(countingFs(), [toFileSystemPath(path.join(root, 'app'))], { memo });
    memo.turn();
    const fs = countingFs();
    await walk(root, fs, memo);
    assert.ok(fs.listed.includes(toFileSystemPath(path.join(root, 'app'))), 'the start folder is listed again');
  });
});
