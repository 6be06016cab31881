import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { commands } from '../../../src/cli/commands';
import { openAiBot, tempDir, writeTree } from '../../support/hostileRepo';

/** The compiled CLI entry (compile-tests puts it beside the tests). */
const cli = path.resolve(__dirname, '..', '..', '..', 'src', 'cli', 'main.js');

interface Run {
  code: number | null;
  stderr: string;
}

/** Runs the CLI with its stdout read by nobody: the pipe is closed before the CLI writes anything, as `| head` does. */
function runWithClosedStdout(argv: string[], cwd: string, closeStderr = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...argv], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: {} });
    child.stdout.destroy();
    let stderr = '';
    if (closeStderr) child.stderr.destroy();
    else child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('cli: output into a closed pipe ends quietly, for every command', () => {
  let dir: string;
  before(() => {
    dir = tempDir('epipe');
    const many: Record<string, string> = {};
    for (let i = 0; i < 40; i++) many[`app/bot${i}.py`] = openAiBot;
    writeTree(dir, {
      ...many,
      'prompt.txt': 'Please note that you are a helpful assistant.   Answer {question} briefly.\n',
    });
  });

  const cases: [string[], number][] = [
    [['--help'], 0],
    [['--version'], 0],
    [['scan', 'app'], 0],
    [['scan', 'app', '--format', 'json'], 0],
    [['price', 'gpt-4o'], 0],
    [['price', 'gpt-4o', '--format', 'json'], 0],
    [['estimate', '--model', 'gpt-4o', '--input', '1000', '--output', '100'], 0],
    [['compress', '--file', 'prompt.txt', '--offline'], 0],
    [['compress', '--file', 'prompt.txt', '--offline', '--format', 'json'], 0],
    [['scan', 'missing', '--format', 'json'], 4],
    [['price', 'no-such-model-xyz', '--format', 'json'], 3],
    [['scan', '--help'], 0],
  ];
  // Every registered command, those added later included: its help and a JSON error both go to stdout.
  for (const command of commands) {
    cases.push([[command.name, '--help'], 0], [[command.name, '--no-such-option', '--format', 'json'], 2]);
  }
  for (const [argv, code] of cases) {
    it(`${argv.join(' ')} | head`, async () => {
      const run = await runWithClosedStdout(argv, dir);
      assert.equal(run.stderr.includes('EPIPE') || run.stderr.includes('    at '), false, run.stderr);
      assert.equal(run.code, code, run.stderr);
    });
  }

  it('with stderr closed too (2>&1 | head)', async () => {
    const run = await runWithClosedStdout(['scan', 'missing'], dir, true);
    assert.equal(run.code, 4);
  });
});

describe('cli: a result larger than a pipe holds', () => {
  /** Runs the CLI with stdout and stderr read to the end. */
  function run(argv: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [cli, ...argv], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: {} });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('arrives whole, with the budget gate’s exit code', async () => {
    const dir = tempDir('exit-written');
    const many: Record<string, string> = {};
    for (let i = 0; i < 60; i++) many[`app/bot${i}.py`] = openAiBot;
    writeTree(dir, many);
    const passed = await run(['scan', 'app', '--format', 'json'], dir);
    assert.equal(passed.code, 0, passed.stderr);
    assert.ok(passed.stdout.length > 64 * 1024, `${passed.stdout.length} bytes: more than a pipe's buffer`);
    const result = JSON.parse(passed.stdout) as { calls: unknown[] };
    assert.equal(result.calls.length, 60);
    const over = await run(['scan', 'app', '--format', 'json', '--budget', '0.01'], dir);
    assert.equal(over.code, 1, over.stderr);
    assert.deepEqual(JSON.parse(over.stdout), result);
    assert.match(over.stderr, /budget/i);
  });
});
