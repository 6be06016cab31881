import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A Python file with one priced OpenAI call on line 7. */
export const openAiBot = `from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(q):\n    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}], max_tokens=100)\n`;

export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `llm-cost-lens-${prefix}-`));
}

/**
 * Makes `root` a git repository whose own configuration runs a command on every git invocation that reads
 * the work tree (`core.fsmonitor`): the command writes `marker`. Only the test runs git, to build the fixture;
 * returns false when git is not installed.
 */
export function plantFsmonitor(root: string, marker: string): boolean {
  const git = (...args: string[]): number | null =>
    spawnSync('git', args, { cwd: root, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } }).status;
  if (git('init', '-q') !== 0) return false;
  const command = `echo pwned > '${marker.replace(/'/g, `'\\''`)}'; true`;
  git('config', 'core.fsmonitor', command);
  return true;
}
