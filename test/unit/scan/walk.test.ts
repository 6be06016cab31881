import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { nodeFileSystem, toFileSystemPath } from '../../../src/core/workspace/nodeFileSystem';
import { listSourceFiles } from '../../../src/core/workspace/walk';
import { openAiBot, plantFsmonitor, writeTree } from '../../support/hostileRepo';
import { captureIo } from '../helpers/io';
import { tempDirsRemovedAfter } from '../helpers/tempDirs';

const dir = tempDirsRemovedAfter();

async function walked(root: string): Promise<string[]> {
  return (await listSourceFiles(nodeFileSystem, [toFileSystemPath(root)])).map((f) =>
    path.relative(root, f).split(path.sep).join('/'),
  );
}

/** Git itself, run safely, as the judge of what a repository ignores (the test may run git; the walk may not). */
function gitKeeps(root: string): string[] | null {
  const result = spawnSync(
    'git',
    ['-c', 'core.fsmonitor=false', '-c', 'core.excludesFile=/dev/null', 'ls-files', '-co', '--exclude-standard'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: root } },
  );
  if (result.status !== 0) return null;
  return result.stdout
    .split('\n')
    .filter((f) => f.endsWith('.py'))
    .sort();
}

const ignoreTree = {
  '.gitignore': '*.gen.py\n!keep.gen.py\nlogs/\n/anchored.py\nvendor/\n!vendor/keep.py\n',
  'anchored.py': openAiBot,
  'app/anchored.py': openAiBot,
  'app/a.gen.py': openAiBot,
  'app/keep.gen.py': openAiBot,
  'app/local.py': openAiBot,
  'app/top.py': openAiBot,
  'logs/x.py': openAiBot,
  'vendor/keep.py': openAiBot,
  'pkg/.gitignore': 'local.py\n/top.py\n!b.gen.py\n',
  'pkg/b.gen.py': openAiBot,
  'pkg/c.gen.py': openAiBot,
  'pkg/local.py': openAiBot,
  'pkg/top.py': openAiBot,
  'pkg/sub/local.py': openAiBot,
  'pkg/sub/top.py': openAiBot,
};
const keptByIgnoreTree = [
  'app/anchored.py',
  'app/keep.gen.py',
  'app/local.py',
  'app/top.py',
  'pkg/b.gen.py',
  'pkg/sub/top.py',
];

describe('folder walk on a hostile repository', () => {
  it('never runs the repository’s core.fsmonitor command, and still finds the calls', async (t) => {
    const root = dir('fsmonitor');
    const marker = path.join(dir('marker'), 'PWNED');
    writeTree(root, { 'app/bot.py': openAiBot, '.gitignore': 'ignored/\n', 'ignored/x.py': openAiBot });
    if (!plantFsmonitor(root, marker)) return t.skip('git is not installed');
    assert.deepEqual(await walked(root), ['app/bot.py']);
    const io = captureIo(root);
    assert.equal(await runCli(['scan', '.', '--format', 'json'], io), 0);
    const result = JSON.parse(io.out()) as { calls: { file: string; line: number }[] };
    assert.deepEqual(
      result.calls.map((c) => `${c.file}:${c.line}`),
      ['app/bot.py:7'],
    );
    assert.equal(existsSync(marker), false, 'the fsmonitor command ran');
  });

  it('reads every .gitignore from the root down, with negations and nested rules, outside a git repository', async () => {
    const root = dir('ignores');
    writeTree(root, ignoreTree);
    assert.deepEqual(await walked(root), keptByIgnoreTree);
  });

  it('keeps exactly what git keeps inside a git repository', async (t) => {
    const root = dir('ignores-git');
    writeTree(root, ignoreTree);
    if (!plantFsmonitor(root, path.join(root, 'marker'))) return t.skip('git is not installed');
    assert.deepEqual(gitKeeps(root), keptByIgnoreTree, 'the fixture means what the test says');
    assert.deepEqual(await walked(root), keptByIgnoreTree);
  });

  it('never reads a .gitignore above the scan root', async () => {
    const parent = dir('above');
    writeTree(parent, { '.gitignore': '*.py\nproject/\n', 'project/app/bot.py': openAiBot });
    assert.deepEqual(await walked(path.join(parent, 'project')), ['app/bot.py']);
  });
});
