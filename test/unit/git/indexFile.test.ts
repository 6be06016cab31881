import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseGitIndex } from '../../../src/cli/git/indexFile';
import { openWorkTreeIndex } from '../../../src/cli/git/workTreeIndex';
import { tempDirsRemovedAfter } from '../helpers/tempDirs';

const hasGit = spawnSync('git', ['--version']).status === 0;
const dir = tempDirsRemovedAfter();

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  });
}

/** `git ls-files -s` of stage-0 entries: path → blob id. */
function stagedBlobs(repo: string): Map<string, string> {
  const blobs = new Map<string, string>();
  for (const line of git(repo, 'ls-files', '-s', '-z').split('\0')) {
    const match = /^(\d+) ([0-9a-f]{40}) 0\t(.+)$/.exec(line);
    if (match?.[1]?.startsWith('100')) blobs.set(match[3] as string, match[2] as string);
  }
  return blobs;
}

/**
 * Gives files a time well before the index is written: git records a file changed in the same clock tick as the
 * index as racily clean (size 0), which would make the figures below depend on timing.
 */
function backdate(...files: string[]): void {
  const past = new Date(Date.now() - 60_000);
  for (const file of files) utimesSync(file, past, past);
}

/** A repository with nested, executable, unicode-named, linked and announced (`add -N`) files. */
function repository(): string {
  const repo = dir('index-repo');
  git(repo, 'init', '-q');
  mkdirSync(path.join(repo, 'src', 'deep', 'er'), { recursive: true });
  writeFileSync(path.join(repo, 'app.py'), 'from openai import OpenAI\n');
  writeFileSync(path.join(repo, 'src', 'deep', 'er', 'model.ts'), "export const MODEL = 'gpt-4o';\n");
  writeFileSync(path.join(repo, 'src', 'run.sh'), 'echo hi\n', { mode: 0o755 });
  writeFileSync(path.join(repo, 'src', 'naïve café.py'), 'x = 1\n');
  writeFileSync(path.join(repo, `${'long-name-'.repeat(24)}.py`), 'y = 2\n');
  symlinkSync('app.py', path.join(repo, 'link.py'));
  backdate(
    ...git(repo, 'ls-files', '-o', '-z')
      .split('\0')
      .filter(Boolean)
      .map((name) => path.join(repo, name)),
  );
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'one');
  writeFileSync(path.join(repo, 'later.py'), 'z = 3\n');
  git(repo, 'add', '-N', 'later.py');
  return repo;
}

describe('git index file', { skip: !hasGit && 'git is not installed' }, () => {
  for (const version of [2, 3, 4]) {
    it(`reads index version ${version}: each regular file's blob id, time and size as git recorded them`, () => {
      const repo = repository();
      git(repo, 'update-index', '--index-version', String(version));
      const files = parseGitIndex(readFileSync(path.join(repo, '.git', 'index')));
      assert.ok(files);
      const expected = stagedBlobs(repo);
      // `add -N` forces the extended flags (version 3 at least); an announced file has no content yet.
      expected.delete('later.py');
      assert.deepEqual(new Map([...files.paths()].map((name) => [name, files.get(name)?.blob])), expected);
      assert.equal(files.get('link.py'), undefined);
      for (const name of files.paths()) {
        const file = files.get(name);
        assert.ok(file);
        const info: Stats = statSync(path.join(repo, name));
        assert.equal(file.mtimeMs, info.mtimeMs, name);
        assert.equal(file.size, info.size, name);
      }
    });
  }

  it('refuses bytes that are not a whole, well-formed index: truncated, altered, a split index', () => {
    const repo = repository();
    const bytes = readFileSync(path.join(repo, '.git', 'index'));
    assert.ok(parseGitIndex(bytes));
    assert.equal(parseGitIndex(bytes.subarray(0, bytes.length - 30)), null);
    const altered = Buffer.from(bytes);
    altered[100] = (altered[100] as number) ^ 1;
    assert.equal(parseGitIndex(altered), null);
    assert.equal(parseGitIndex(Buffer.from('DIRC')), null);
    assert.equal(parseGitIndex(Buffer.alloc(0)), null);
    git(repo, 'update-index', '--split-index');
    assert.equal(parseGitIndex(readFileSync(path.join(repo, '.git', 'index'))), null);
  });

  it('vouches for a file only while its time and size are the recorded ones and the index is newer', () => {
    const repo = repository();
    const index = openWorkTreeIndex(path.join(repo, 'src'));
    assert.ok(index);
    const blobs = stagedBlobs(repo);
    const file = path.join(repo, 'src', 'deep', 'er', 'model.ts');
    const stat = (target: string) => ({ kind: 'file' as const, ...statSync(target) });
    // Paths are relative to the scan root (here `src/`), not to the top of the work tree.
    assert.equal(index.blobId('deep/er/model.ts', stat(file)), blobs.get('src/deep/er/model.ts'));
    assert.equal(index.blobId('../app.py', stat(path.join(repo, 'app.py'))), blobs.get('app.py'));
    assert.equal(index.blobId('missing.py', stat(file)), undefined);
    // Edited without git: a new time (and here a new size).
    writeFileSync(file, "export const MODEL = 'gpt-4.1';\n");
    assert.equal(openWorkTreeIndex(repo)?.blobId('src/deep/er/model.ts', stat(file)), undefined);
    // Racily clean: the file's recorded time is not older than the index, so the time proves nothing.
    backdate(file);
    git(repo, 'add', '-A');
    const indexFile = path.join(repo, '.git', 'index');
    const recorded = statSync(file).mtime;
    assert.ok(openWorkTreeIndex(repo)?.blobId('src/deep/er/model.ts', stat(file)));
    utimesSync(indexFile, recorded, recorded);
    assert.equal(openWorkTreeIndex(repo)?.blobId('src/deep/er/model.ts', stat(file)), undefined);
  });

  it('finds the index of a linked work tree through its .git file, and none outside a repository', () => {
    const repo = repository();
    const linked = path.join(dir('index-linked'), 'tree');
    git(repo, 'worktree', 'add', '-q', linked);
    backdate(path.join(linked, 'app.py'));
    git(linked, 'update-index', '-q', '--refresh');
    const index = openWorkTreeIndex(linked);
    assert.ok(index);
    const file = path.join(linked, 'app.py');
    assert.equal(index.blobId('app.py', { kind: 'file', ...statSync(file) }), stagedBlobs(repo).get('app.py'));
    assert.equal(openWorkTreeIndex(dir('index-none')), undefined);
  });
});
