import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { plantFsmonitor, writeTree } from '../../support/hostileRepo';
import { captureIo } from '../helpers/io';
import { tempDirsRemovedAfter } from '../helpers/tempDirs';

const hasGit = spawnSync('git', ['--version']).status === 0;
const dir = tempDirsRemovedAfter();
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z' },
  });
}

const call = (model: string, limit: number, fn: string): string =>
  `def ${fn}(text):\n    return client.chat.completions.create(model="${model}", messages=[{"role": "user", "content": text}], max_tokens=${limit})\n`;

const baseBot = `from openai import OpenAI\n\nclient = OpenAI()\n\n\n${call('gpt-4o-mini', 200, 'summarize')}\n\n${call('gpt-4o-mini', 5, 'classify')}`;
// The working tree: a comment block above (every line moves), classify moved above summarize (unchanged),
// summarize swapped to gpt-4o (a model swap), translate added (a new call).
const headBot = `"""Support helpers."""\n# one\n# two\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\n${call('gpt-4o-mini', 5, 'classify')}\n\n${call('gpt-4o', 200, 'summarize')}\n\n${call('gpt-4.1-mini', 300, 'translate')}`;
const untouched = `import anthropic\n\nclaude = anthropic.Anthropic()\n\n\ndef ask(q):\n    return claude.messages.create(model="claude-haiku-4-5", max_tokens=100, messages=[{"role": "user", "content": q}])\n`;

interface Side {
  line: number;
  functionName: string | null;
  model: string | null;
  monthlyUsd: { expected: number } | null;
}
interface DiffJson {
  baseMonthlyUsd: number;
  headMonthlyUsd: number;
  deltaMonthlyUsd: number;
  changes: {
    file: string;
    line: number;
    kind: string;
    before: Side | null;
    after: Side | null;
    deltaMonthlyUsd: number | null;
  }[];
}
interface ScanCall {
  file: string;
  line: number;
  model: string;
  monthlyUsd: { expected: number };
}

async function scanCalls(cwd: string): Promise<ScanCall[]> {
  const io = captureIo(cwd);
  assert.equal(await runCli(['scan', '.', '--format', 'json'], io), 0, io.err());
  return (JSON.parse(io.out()) as { calls: ScanCall[] }).calls;
}

const sum = (calls: ScanCall[]): number => calls.reduce((s, c) => s + c.monthlyUsd.expected, 0);
const near = (a: number | null | undefined, b: number, what: string): void =>
  assert.ok(a !== null && a !== undefined && Math.abs(a - b) < 1e-9, `${what}: ${a} ≠ ${b}`);

describe('llm-cost-lens diff --base', { skip: !hasGit && 'git is not installed' }, () => {
  let repo: string;
  let marker: string;

  before(() => {
    repo = dir('diff-repo');
    marker = path.join(dir('diff-marker'), 'PWNED');
    git(repo, 'init', '-q');
    git(repo, 'config', 'user.email', 't@example.com');
    git(repo, 'config', 'user.name', 't');
    writeTree(repo, { 'app/bot.py': baseBot, 'app/claude.py': untouched, '.gitignore': 'generated/\n' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'base');
    writeTree(repo, { 'app/bot.py': headBot });
    git(repo, 'commit', '-qam', 'head');
    // Only the test runs git for itself; diff must run nothing the repository configures.
    plantFsmonitor(repo, marker);
  });

  it('prices the working tree against the base per call: the model swap and the new call, not the moved one', async () => {
    const io = captureIo(repo);
    assert.equal(await runCli(['diff', '--base', 'HEAD~1', '--format', 'json'], io), 0, io.err());
    const diff = JSON.parse(io.out()) as DiffJson;
    assert.deepEqual(Object.keys(diff), ['baseMonthlyUsd', 'headMonthlyUsd', 'deltaMonthlyUsd', 'changes']);

    // Figures checked against scan on each revision's files on disk.
    const head = await scanCalls(repo);
    const baseDir = dir('diff-base-files');
    writeTree(baseDir, { 'app/bot.py': baseBot, 'app/claude.py': untouched });
    const base = await scanCalls(baseDir);
    near(diff.baseMonthlyUsd, sum(base), 'base total');
    near(diff.headMonthlyUsd, sum(head), 'head total');
    near(diff.deltaMonthlyUsd, sum(head) - sum(base), 'delta');

    const byFn = (calls: ScanCall[], line: number): ScanCall => calls.find((c) => c.line === line) as ScanCall;
    assert.deepEqual(
      diff.changes.map((c) => [c.file, c.line, c.kind, c.before?.functionName ?? c.after?.functionName]),
      [
        ['app/bot.py', 14, 'changed', 'summarize'],
        ['app/bot.py', 18, 'added', 'translate'],
      ],
    );
    const [swap, added] = diff.changes;
    assert.equal(swap?.before?.model, 'gpt-4o-mini');
    assert.equal(swap?.after?.model, 'gpt-4o');
    assert.equal(swap?.before?.line, 7);
    near(swap?.deltaMonthlyUsd, byFn(head, 14).monthlyUsd.expected - byFn(base, 7).monthlyUsd.expected, 'swap');
    assert.equal(added?.before, null);
    near(added?.deltaMonthlyUsd, byFn(head, 18).monthlyUsd.expected, 'added');
    assert.ok(!diff.changes.some((c) => (c.after ?? c.before)?.functionName === 'classify'), 'the moved call');
    assert.ok(!diff.changes.some((c) => c.file === 'app/claude.py'), 'the untouched file');
    assert.equal(existsSync(marker), false, 'the repository’s fsmonitor command ran');
  });

  it('writes a pull-request comment in markdown and a table', async () => {
    const md = captureIo(repo);
    assert.equal(await runCli(['diff', '--base', 'HEAD~1', '--format', 'markdown'], md), 0);
    const text = md.out();
    assert.match(text, /^<!-- llm-cost-lens:diff -->\n### LLM Cost Lens: \+\$[\d,.]+\/month \(\+\d+%\)\n/);
    assert.match(text, /\| `app\/bot\.py:14` in `summarize` \| changed: `model gpt-4o-mini → gpt-4o` \|/);
    assert.match(text, /\| `app\/bot\.py:18` in `translate` \| added: `new openai chat\.completions\.create call` \|/);
    assert.doesNotMatch(text, /classify/);
    const table = captureIo(repo);
    assert.equal(await runCli(['diff', '--base', 'HEAD~1'], table), 0);
    assert.match(table.out(), /^Projected monthly cost: \$[\d,.]+ → \$[\d,.]+, \+\$[\d,.]+\/month/);
    assert.match(table.out(), /app\/bot\.py:14\s+summarize\s+changed: model gpt-4o-mini → gpt-4o/);
  });

  it('reports nothing against the revision the working tree is at', async () => {
    const io = captureIo(repo);
    assert.equal(await runCli(['diff', '--base', 'HEAD', '--format', 'json'], io), 0);
    const diff = JSON.parse(io.out()) as DiffJson;
    assert.deepEqual(diff.changes, []);
    near(diff.deltaMonthlyUsd, 0, 'delta');
  });

  it('exits 2 with a clear message outside a repository, for an unknown revision and in a shallow clone', async () => {
    const cases: [string, string[], RegExp][] = [];
    const plain = dir('diff-no-repo');
    writeTree(plain, { 'bot.py': baseBot });
    cases.push([plain, ['--base', 'main'], /is not inside a git repository/]);
    cases.push([repo, ['--base', 'no-such-branch'], /unknown revision 'no-such-branch'/]);
    cases.push([repo, ['--base=--output=/tmp/x'], /is not a revision/]);
    const shallow = dir('diff-shallow');
    git(shallow, 'clone', '-q', '--depth', '1', `file://${repo}`, 'clone');
    cases.push([path.join(shallow, 'clone'), ['--base', 'HEAD~1'], /not in this shallow clone: fetch its history/]);
    for (const [cwd, args, message] of cases) {
      const io = captureIo(cwd);
      assert.equal(await runCli(['diff', ...args], io), 2, `${args.join(' ')}: ${io.err()}`);
      assert.match(io.err(), message);
      assert.doesNotMatch(io.err(), /\n\s+at /);
      const json = captureIo(cwd);
      assert.equal(await runCli(['diff', ...args, '--format', 'json'], json), 2);
      assert.ok((JSON.parse(json.out()) as { error: { kind: string } }).error.kind);
    }
    assert.equal(await runCli(['diff'], captureIo(repo)), 2);
  });
});

describe(
  'llm-cost-lens diff follows values into other files, each side in its own revision',
  {
    skip: !hasGit && 'git is not installed',
  },
  () => {
    const bot = `from openai import OpenAI\nfrom .config import MODEL\n\nclient = OpenAI()\n\n\ndef ask(text):\n    return client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": text}], max_tokens=200)\n`;
    const envBot = `import os\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\ndef tag(text):\n    return client.chat.completions.create(model=os.environ["TAG_MODEL"], messages=[{"role": "user", "content": text}], max_tokens=20)\n`;

    it('reports a model changed in a config module or a .env the calls read, though the calls’ files did not change', async () => {
      const repo = dir('diff-cross-file');
      const marker = path.join(dir('diff-cross-file-marker'), 'PWNED');
      git(repo, 'init', '-q');
      git(repo, 'config', 'user.email', 't@example.com');
      git(repo, 'config', 'user.name', 't');
      const base = { 'app/bot.py': bot, 'app/config.py': 'MODEL = "gpt-4o"\n', 'app/env_bot.py': envBot };
      writeTree(repo, { ...base, 'app/.env': 'TAG_MODEL=gpt-4.1\n' });
      git(repo, 'add', '.');
      git(repo, 'commit', '-qm', 'base');
      // The .env changes too: it is no source file, so the base's is read from git when resolution asks for it.
      writeTree(repo, { 'app/config.py': 'MODEL = "gpt-4o-mini"\n', 'app/.env': 'TAG_MODEL=gpt-4.1-mini\n' });
      git(repo, 'commit', '-qam', 'head');
      plantFsmonitor(repo, marker);

      const io = captureIo(repo);
      assert.equal(await runCli(['diff', '--base', 'HEAD~1', '--format', 'json'], io), 0, io.err());
      const diff = JSON.parse(io.out()) as DiffJson;
      assert.deepEqual(
        diff.changes.map((c) => [c.file, c.kind, c.before?.model, c.after?.model]),
        [
          ['app/bot.py', 'changed', 'gpt-4o', 'gpt-4o-mini'],
          ['app/env_bot.py', 'changed', 'gpt-4.1', 'gpt-4.1-mini'],
        ],
      );
      // Each side as scan prices that revision.
      const baseDir = dir('diff-cross-file-base');
      writeTree(baseDir, { ...base, 'app/.env': 'TAG_MODEL=gpt-4.1\n' });
      near(diff.baseMonthlyUsd, sum(await scanCalls(baseDir)), 'base total');
      near(diff.headMonthlyUsd, sum(await scanCalls(repo)), 'head total');
      assert.equal(existsSync(marker), false, 'the repository’s fsmonitor command ran');
    });
  },
);
