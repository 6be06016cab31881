import { execFile, execFileSync } from 'node:child_process';

/**
 * Runs git on a repository we did not write, without running anything the repository configures. A
 * repository's `.git/config` can name commands git runs on its own: `core.fsmonitor` (on almost every command
 * that looks at the work tree), hooks, `diff.external` and `diff.<driver>.textconv` / `.command`, a pager, and
 * `filter.<driver>.clean` / `.process` (when a work-tree file is compared). Each is switched off here.
 */

/** Thrown when git fails, times out, or prints more than the limit. */
export class GitError extends Error {}

export interface SafeGitOptions {
  /** The repository (or a folder inside it). */
  cwd: string;
  /** Killed after this long (default 30 s). */
  timeoutMs?: number;
  /** Refused past this much output (default 64 MB). */
  maxOutputBytes?: number;
  /** Written to git's standard input (`cat-file --batch` reads object names from it). */
  input?: string;
}

/** Settings given to every git run; `-c` wins over the repository's own configuration. */
const hardening = [
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'core.pager=cat',
  '-c',
  'diff.external=',
  '-c',
  'protocol.allow=never',
  '-c',
  'credential.helper=',
  '-c',
  'submodule.recurse=false',
  '--no-pager',
  '--no-optional-locks',
];

/** Subcommands that can print diffs get the flags that stop external diff programs and text conversion. */
const diffCommands = new Set(['diff', 'log', 'show', 'format-patch']);

function environment(): NodeJS.ProcessEnv {
  // The user's GIT_* variables could point git at another repository or another diff program.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_')));
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', PAGER: 'cat', LC_ALL: 'C' };
}

/** Why a git run failed, in a line: killed at the timeout, too much output, no git, or git's first error line. */
function failure(
  args: readonly string[],
  options: SafeGitOptions,
  error: Error & { code?: string | number | null; killed?: boolean; signal?: string | null },
  stderr: string | Buffer = '',
): GitError {
  const { code } = error;
  const reason =
    error.killed || error.signal === 'SIGKILL'
      ? `took longer than ${Math.round((options.timeoutMs ?? 30_000) / 1000)} s`
      : code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER' || code === 'ENOBUFS'
        ? 'printed more than the output limit'
        : code === 'ENOENT'
          ? 'git is not installed'
          : stderr.toString().trim().split('\n')[0] || error.message;
  return new GitError(`git ${args.find((a) => !a.startsWith('-') && !a.includes('=')) ?? ''}: ${reason}`);
}

function exec(args: string[], options: SafeGitOptions): Promise<string>;
function exec(args: string[], options: SafeGitOptions, binary: true): Promise<Buffer>;
function exec(args: string[], options: SafeGitOptions, binary = false): Promise<string | Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      {
        cwd: options.cwd,
        env: environment(),
        timeout: options.timeoutMs ?? 30_000,
        killSignal: 'SIGKILL',
        maxBuffer: options.maxOutputBytes ?? 64 * 1024 * 1024,
        encoding: binary ? 'buffer' : 'utf8',
        windowsHide: true,
      },
      (error, stdout: string | Buffer, stderr: string | Buffer) =>
        error ? reject(failure(args, options, error, stderr)) : resolve(stdout),
    );
    // A git that exits before reading all of its input must not turn into an unhandled EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}

/**
 * `-c` settings that empty every filter driver the repository configures. A driver name containing `=` cannot
 * be written after `-c`, so such a repository is refused rather than run.
 */
async function filterOverrides(options: SafeGitOptions): Promise<string[]> {
  let listed: string;
  try {
    listed = await exec([...hardening, 'config', '-z', '--name-only', '--get-regexp', '^filter\\.'], options);
  } catch {
    return []; // Exit 1: no filter configured.
  }
  const overrides: string[] = [];
  for (const key of new Set(listed.split('\0').filter(Boolean))) {
    const name = key.slice('filter.'.length, key.lastIndexOf('.'));
    if (name.includes('=')) throw new GitError(`the repository configures a filter git cannot be told to skip`);
    for (const setting of ['clean', 'smudge', 'process']) overrides.push('-c', `filter.${name}.${setting}=`);
  }
  return overrides;
}

/**
 * Runs `git <args>` in `options.cwd` with the repository's commands switched off and returns its stdout.
 * Arguments go to git as an array, never through a shell.
 */
export async function safeGit(args: readonly string[], options: SafeGitOptions): Promise<string> {
  const [command, ...rest] = args;
  if (!command) throw new GitError('no git command given');
  const extra = diffCommands.has(command) ? ['--no-ext-diff', '--no-textconv'] : [];
  const filters = await filterOverrides(options);
  return exec([...hardening, ...filters, command, ...extra, ...rest], options);
}

/**
 * A synchronous runner for reads that cannot wait (cross-file resolution at a diff's base reads a file in the
 * middle of analysing another): the settings of `safeGitBytes`, with the filter overrides found once, here.
 * The runner throws a GitError when git fails.
 */
export async function syncGitRunner(options: SafeGitOptions): Promise<(args: readonly string[]) => Buffer> {
  const filters = await filterOverrides(options);
  return (args) => {
    const all = [...hardening, ...filters, ...args];
    try {
      return execFileSync('git', all, {
        cwd: options.cwd,
        env: environment(),
        timeout: options.timeoutMs ?? 30_000,
        killSignal: 'SIGKILL',
        maxBuffer: options.maxOutputBytes ?? 64 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (error) {
      const failed = error as Error & { stderr?: Buffer };
      throw failure(all, options, failed, failed.stderr);
    }
  };
}

/** As `safeGit`, with stdout as bytes (blob contents need not be UTF-8; `cat-file --batch` counts in bytes). */
export async function safeGitBytes(args: readonly string[], options: SafeGitOptions): Promise<Buffer> {
  const [command, ...rest] = args;
  if (!command) throw new GitError('no git command given');
  const filters = await filterOverrides(options);
  return exec([...hardening, ...filters, command, ...rest], options, true);
}
