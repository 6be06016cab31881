import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GitError, safeGit } from '../../../src/cli/git/safeGit';
import { tempDir, writeTree } from '../../support/hostileRepo';

/**
 * A repository whose configuration runs a command from every hook git offers a repository: fsmonitor, hooks,
 * an external diff program, a textconv driver, a clean/smudge filter, a pager. Each command leaves a marker.
 */
describe('safeGit on a hostile repository', () => {
  let root: string;
  let markers: string;
  const hasGit = spawnSync('git', ['--version']).status === 0;
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  const plant = (name: string): string => `touch '${path.join(markers, name)}'; `;

  before(() => {
    if (!hasGit) return;
    root = tempDir('safegit');
    markers = tempDir('safegit-markers');
    writeTree(root, { 'a.txt': 'one\n', 'b.secret': 'old\n', '.gitattributes': '*.secret diff=conv filter=clean\n' });
    git('init', '-q');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 't');
    git('add', '.');
    git('commit', '-qm', 'first');
    writeTree(root, { 'a.txt': 'two\n', 'b.secret': 'new\n' });
    git('commit', '-qam', 'second');
    writeTree(root, { 'a.txt': 'three\n', 'b.secret': 'newer\n' });
    mkdirSync(path.join(root, 'hooks'));
    for (const hook of ['pre-commit', 'post-checkout', 'post-index-change', 'reference-transaction']) {
      writeFileSync(path.join(root, 'hooks', hook), `#!/bin/sh\n${plant(`hook-${hook}`)}\n`, { mode: 0o755 });
    }
    git('config', 'core.hooksPath', 'hooks');
    git('config', 'core.fsmonitor', `${plant('fsmonitor')}true`);
    git('config', 'diff.external', `sh -c '${plant('external')}'`);
    git('config', 'diff.conv.textconv', `sh -c '${plant('textconv')}cat "$0"'`);
    git('config', 'filter.clean.clean', `sh -c '${plant('clean')}cat'`);
    git('config', 'filter.clean.smudge', `sh -c '${plant('smudge')}cat'`);
    git('config', 'core.pager', `${plant('pager')}cat`);
  });
  after(() => {
    if (!hasGit) return;
    rmSync(root, { recursive: true, force: true });
    rmSync(markers, { recursive: true, force: true });
  });

  const planted = (): string[] => readdirSync(markers).sort();

  it('the fixture is hostile: plain git runs the repository’s commands', (t) => {
    if (!hasGit) return t.skip('git is not installed');
    spawnSync('git', ['diff', 'HEAD'], { cwd: root, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
    spawnSync('git', ['diff', '--textconv', '--no-ext-diff', 'HEAD~1', 'HEAD'], { cwd: root });
    for (const marker of ['clean', 'external', 'fsmonitor', 'textconv']) assert.ok(planted().includes(marker), marker);
    for (const marker of planted()) rmSync(path.join(markers, marker));
  });

  it('diffs commits and the work tree, lists files and logs without running any of them', async (t) => {
    if (!hasGit) return t.skip('git is not installed');
    const between = await safeGit(['diff', 'HEAD~1', 'HEAD'], { cwd: root });
    assert.match(between, /-one\n\+two/);
    assert.match(between, /-old\n\+new/);
    const workTree = await safeGit(['diff', '--name-only', 'HEAD'], { cwd: root });
    assert.deepEqual(workTree.trim().split('\n').sort(), ['a.txt', 'b.secret']);
    assert.match(await safeGit(['log', '-p', '-1'], { cwd: root }), /\+newer|\+two/);
    assert.match(await safeGit(['status', '--porcelain'], { cwd: root }), /M a\.txt/);
    assert.match(await safeGit(['show', 'HEAD:b.secret'], { cwd: root }), /new/);
    assert.equal((await safeGit(['merge-base', 'HEAD', 'HEAD~1'], { cwd: root })).trim().length, 40);
    assert.deepEqual(planted(), []);
  });

  it('passes arguments as an array, never through a shell', async (t) => {
    if (!hasGit) return t.skip('git is not installed');
    await assert.rejects(safeGit(['diff', `HEAD; ${plant('shell')}`], { cwd: root }), GitError);
    assert.deepEqual(planted(), []);
  });

  it('gives up after the timeout with a clear message', async (t) => {
    if (!hasGit) return t.skip('git is not installed');
    const fifo = path.join(markers, 'config-fifo');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return t.skip('mkfifo is not available');
    // An included configuration file that is a FIFO: git blocks reading it.
    git('config', 'include.path', fifo);
    try {
      await assert.rejects(safeGit(['status'], { cwd: root, timeoutMs: 500 }), /took longer than/);
    } finally {
      rmSync(fifo);
      git('config', '--unset', 'include.path');
    }
    assert.equal(existsSync(fifo), false);
  });
});
