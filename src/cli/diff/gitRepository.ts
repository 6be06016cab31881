import { CliError, ExitCode } from '../errors';
import { GitError, safeGit, safeGitBytes } from '../git/safeGit';

/** A base revision that cannot be compared against: not a repository, unknown, missing from a shallow clone. */
export class DiffBaseError extends CliError {
  constructor(kind: string, message: string) {
    super(kind, message, ExitCode.usage);
  }
}

export interface Repository {
  /** The work tree's top folder (native path). */
  top: string;
  /** The scanned folder inside it, `/`-separated with a trailing slash, or '' at the top. */
  prefix: string;
}

/** One entry of `git ls-tree -r -t -l`. */
export interface TreeEntry {
  /** `/`-separated, relative to the top. */
  path: string;
  type: 'blob' | 'tree' | 'commit';
  mode: string;
  sha: string;
  /** Bytes; 0 for trees and submodules. */
  size: number;
}

/** The repository around `dir`, read with git's own plumbing (nothing the repository configures runs). */
export async function openRepository(dir: string): Promise<Repository> {
  let out: string;
  try {
    out = await safeGit(['rev-parse', '--show-toplevel', '--show-prefix'], { cwd: dir });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/not a git repository/i.test(message)) {
      throw new DiffBaseError(
        'not-a-repository',
        `${dir} is not inside a git repository: diff compares against a git revision`,
      );
    }
    throw new DiffBaseError('git', message);
  }
  const [top = '', prefix = ''] = out.split('\n');
  return { top, prefix };
}

async function isShallow(top: string): Promise<boolean> {
  try {
    return (await safeGit(['rev-parse', '--is-shallow-repository'], { cwd: top })).trim() === 'true';
  } catch {
    return false;
  }
}

async function missingBase(top: string, revision: string): Promise<DiffBaseError> {
  if (await isShallow(top)) {
    return new DiffBaseError(
      'shallow-clone',
      `the base revision '${revision}' is not in this shallow clone: fetch its history first (actions/checkout with fetch-depth: 0, or git fetch --unshallow)`,
    );
  }
  return new DiffBaseError(
    'unknown-revision',
    `unknown revision '${revision}': name a branch, tag or commit of this repository`,
  );
}

/** The commit a revision names; a clear error when it names none (or is missing from a shallow clone). */
export async function resolveCommit(top: string, revision: string): Promise<string> {
  // A revision is never taken as an option, whatever it starts with.
  if (revision.startsWith('-') || revision.trim() === '' || /[\0\n]/.test(revision)) {
    throw new DiffBaseError('unknown-revision', `'${revision}' is not a revision`);
  }
  let sha: string;
  try {
    sha = (
      await safeGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], { cwd: top })
    ).trim();
  } catch (error) {
    if (error instanceof GitError) throw await missingBase(top, revision);
    throw error;
  }
  if (!/^[0-9a-f]{40,64}$/.test(sha)) throw await missingBase(top, revision);
  return sha;
}

/** Every blob, tree and submodule of a commit, with blob sizes. */
export async function listTree(top: string, commit: string, revision: string): Promise<TreeEntry[]> {
  let out: string;
  try {
    out = await safeGit(['ls-tree', '-r', '-t', '-z', '-l', '--full-tree', commit], {
      cwd: top,
      maxOutputBytes: 512 * 1024 * 1024,
    });
  } catch (error) {
    // A commit whose trees a shallow clone lacks.
    if (error instanceof GitError) throw await missingBase(top, revision);
    throw error;
  }
  const entries: TreeEntry[] = [];
  for (const record of out.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode = '', type = '', sha = '', size = ''] = record.slice(0, tab).split(/ +/);
    if (type !== 'blob' && type !== 'tree' && type !== 'commit') continue;
    entries.push({ path: record.slice(tab + 1), type, mode, sha, size: type === 'blob' ? Number(size) || 0 : 0 });
  }
  return entries;
}

/** The contents of blobs, by sha, in one `git cat-file --batch` run. */
export async function readBlobs(top: string, shas: readonly string[]): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>();
  if (shas.length === 0) return blobs;
  const out = await safeGitBytes(['cat-file', '--batch'], {
    cwd: top,
    input: `${shas.join('\n')}\n`,
    maxOutputBytes: 1024 * 1024 * 1024,
    timeoutMs: 120_000,
  });
  let at = 0;
  while (at < out.length) {
    const end = out.indexOf(0x0a, at);
    if (end < 0) break;
    const [sha = '', type = '', size = ''] = out.subarray(at, end).toString('latin1').split(' ');
    at = end + 1;
    if (type === 'missing' || size === '') continue;
    const length = Number(size);
    if (type === 'blob') blobs.set(sha, out.subarray(at, at + length));
    at += length + 1;
  }
  return blobs;
}
