import { isNotebookPath } from '../analysis/notebook';
import { languageIdForPath } from '../parsing/languages';
import { baseName, joinPath, type DirectoryEntry, type FileSystem } from './fileSystem';
import { isIgnored, scopeFor, type IgnoreScope } from './ignoreRules';
import { childScopeKey, outcomeHolds, type FolderOutcome, type WalkMemo } from './walkMemo';

/** Directories never scanned: dependencies, VCS data, virtualenvs, caches. */
export const skippedDirectories: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'venv',
  '.venv',
  'virtualenv',
  '.virtualenvs',
  'virtualenvs',
  '.tox',
  '.nox',
  '__pycache__',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  'site-packages',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.turbo',
  '.cache',
  '.idea',
  '.vscode-test',
  'bower_components',
  '.eggs',
]);

/**
 * Build output, skipped only at a project root (the scan root, or a folder with a project manifest) or when a
 * `.gitignore` says so: under `src/` a folder named `build` is source.
 */
export const buildOutputDirectories: ReadonlySet<string> = new Set(['build', 'out', 'dist', 'coverage']);

/** Files that make their folder a project root. */
const projectManifests = new Set([
  'package.json',
  'pyproject.toml',
  'setup.py',
  'setup.cfg',
  'tsconfig.json',
  'jsconfig.json',
  'deno.json',
]);

export interface WalkOptions {
  /** More paths to leave out (the editor's `files.exclude`); called with the absolute path. */
  exclude?: (path: string, isDirectory: boolean) => boolean;
  /** Checked between folders: the walk stops early (returning what it found) once it says true. */
  isCancelled?: () => boolean;
  /** Folder outcomes of an earlier walk, reused where a folder is unchanged (not used with `exclude`). */
  memo?: WalkMemo;
}

/** A folder waiting to be walked, with the ignore rules in force there and their key (see `childScopeKey`). */
interface Pending {
  dir: string;
  scope: IgnoreScope;
  scopeKey: string;
}

/** Whether a folder is one the walk never enters, from its name alone. */
export function isSkippedDirectoryName(name: string): boolean {
  return skippedDirectories.has(name) || name.endsWith('.egg-info');
}

/** A path the walk found and did not read, with the reason (absolute path). */
export interface WalkSkip {
  path: string;
  reason: string;
}

export interface WalkResult {
  /** Source files, sorted. */
  files: string[];
  /** What was left out for a reason a user should hear: unreadable folders, links, FIFOs. */
  skipped: WalkSkip[];
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

/**
 * The source files under `starts` (a file given directly is kept even when ignored), minus the skipped
 * directories, build output at project roots, Python virtualenvs (a `pyvenv.cfg` inside) and what the
 * `.gitignore` files from each start folder down ignore; and what was not read for another reason (a folder that
 * cannot be read, a symbolic link, a FIFO). Reads through `fs` only; runs nothing. Iterative: no recursion.
 */
export async function walkSourceFiles(
  fs: FileSystem,
  starts: readonly string[],
  options: WalkOptions = {},
): Promise<WalkResult> {
  const files = new Set<string>();
  const skipped: WalkSkip[] = [];
  const excluded = options.exclude ?? (() => false);
  // An outcome does not record what `exclude` left out.
  const memo = options.exclude ? undefined : options.memo;
  for (const start of starts) {
    const info = await fs.stat(start);
    if (info?.kind === 'file') {
      files.add(start);
      continue;
    }
    if (info?.kind !== 'directory') {
      if (info) skipped.push({ path: start, reason: 'not a regular file (a FIFO, socket or device): not read' });
      continue;
    }
    const stack: Pending[] = [{ dir: start, scope: [], scopeKey: '' }];
    while (stack.length > 0 && !options.isCancelled?.()) {
      const pending = stack.pop() as Pending;
      const { dir } = pending;
      const found = await visitFolder(fs, pending, { isStart: dir === start, memo, excluded, skipped });
      if (!found) continue;
      const { scope, scopeKey } = found;
      for (const name of found.files) files.add(joinPath(dir, name));
      for (const name of found.dirs) stack.push({ dir: joinPath(dir, name), scope, scopeKey });
    }
  }
  return { files: [...files].sort(), skipped };
}

interface VisitContext {
  isStart: boolean;
  memo: WalkMemo | undefined;
  excluded: (path: string, isDirectory: boolean) => boolean;
  /** Receives the folder if it cannot be read, and its links and special files. */
  skipped: WalkSkip[];
}

/** What a folder gives the walk: source files and subfolders (names), and the ignore rules in force inside it. */
interface Visited {
  files: readonly string[];
  dirs: readonly string[];
  scope: IgnoreScope;
  scopeKey: string;
}

/**
 * One folder: its outcome from the memo when that still holds (see `outcomeHolds` and the `.gitignore` key), else
 * from its listing, remembered when it has no link. Null when it cannot be read.
 */
async function visitFolder(fs: FileSystem, pending: Pending, context: VisitContext): Promise<Visited | null> {
  const { dir, scope: parentScope, scopeKey: parentKey } = pending;
  const { isStart, memo } = context;
  // Taken before the listing: a change made while the folder is listed shows as a new time next time.
  const folderStat = memo ? await fs.stat(dir) : null;
  const listedAt = Date.now();
  const kept = folderStat ? memo?.folder(dir) : undefined;
  if (memo && kept && folderStat && outcomeHolds(kept, folderStat.mtimeMs, isStart)) {
    const { scope, gitignore } = await scopeFor(fs, dir, parentScope, kept.gitignore);
    const scopeKey = childScopeKey(parentKey, dir, gitignore);
    if (scopeKey === kept.scopeKey) {
      memo.remember(dir, kept);
      return { files: kept.files, dirs: kept.dirs, scope, scopeKey };
    }
  }
  let entries;
  try {
    entries = await fs.readDirectory(dir);
  } catch (error) {
    context.skipped.push({ path: dir, reason: `folder could not be read (${errorCode(error)})` });
    return null;
  }
  // A virtualenv is left out whole, its .gitignore unread.
  const venv = !isStart && entries.some((e) => e.name === 'pyvenv.cfg');
  const hasGitignore = !venv && entries.some((e) => e.name === '.gitignore' && e.kind === 'file');
  const sorted = venv
    ? { scope: parentScope, scopeKey: parentKey, files: [], dirs: [], memorable: true }
    : await sortEntries(fs, dir, entries, { ...context, parentScope, parentKey, hasGitignore, kept });
  const { scopeKey } = sorted;
  if (memo && folderStat && sorted.memorable) {
    const { files, dirs } = sorted;
    memo.remember(dir, {
      mtimeMs: folderStat.mtimeMs,
      listedAt,
      scopeKey,
      start: isStart,
      gitignore: hasGitignore,
      files,
      dirs,
    });
  }
  return { files: sorted.files, dirs: sorted.dirs, scope: sorted.scope, scopeKey };
}

/**
 * One folder's entries sorted into source files and subfolders to walk (names), and links or special files to
 * report; `memorable` is false when it has any (what a link points to changes without its folder changing).
 */
async function sortEntries(
  fs: FileSystem,
  dir: string,
  entries: readonly DirectoryEntry[],
  context: VisitContext & {
    parentScope: IgnoreScope;
    parentKey: string;
    hasGitignore: boolean;
    /** What an earlier listing of the folder kept (its time changed, or was too new to be trusted). */
    kept: FolderOutcome | undefined;
  },
): Promise<{ scope: IgnoreScope; scopeKey: string; files: string[]; dirs: string[]; memorable: boolean }> {
  const { excluded, skipped, kept } = context;
  const { scope, gitignore } = await scopeFor(fs, dir, context.parentScope, context.hasGitignore);
  const scopeKey = childScopeKey(context.parentKey, dir, gitignore);
  // A name kept under the same ignore rules passed them then and passes them now: the rules are not tested again
  // (after a checkout every folder has a new time, and their tests were a tenth of a 20,000-file re-scan).
  const passed = kept && kept.scopeKey === scopeKey ? kept : undefined;
  const passedFiles = new Set(passed?.files);
  const passedDirs = new Set(passed?.dirs);
  const projectRoot = context.isStart || entries.some((e) => e.kind === 'file' && projectManifests.has(e.name));
  const sorted = { scope, scopeKey, files: [] as string[], dirs: [] as string[], memorable: true };
  for (const entry of entries) {
    const full = joinPath(dir, entry.name);
    if (entry.kind === 'directory') {
      if (isSkippedDirectoryName(entry.name)) continue;
      if (projectRoot && buildOutputDirectories.has(entry.name)) continue;
      if (passedDirs.has(entry.name) || (!isIgnored(scope, full, true) && !excluded(full, true))) {
        sorted.dirs.push(entry.name);
      }
      continue;
    }
    if (entry.kind === 'file') {
      if (
        isScanned(entry.name) &&
        (passedFiles.has(entry.name) || (!isIgnored(scope, full, false) && !excluded(full, false)))
      ) {
        sorted.files.push(entry.name);
      }
      continue;
    }
    sorted.memorable = false;
    const reason = await unreadReason(fs, entry.kind, full);
    if (reason && !isIgnored(scope, full, false) && !excluded(full, false)) {
      skipped.push({ path: full, reason });
    }
  }
  return sorted;
}

/**
 * Why a link or a special file is worth a line in `skipped`: a source file's name, or a link to a folder.
 * Links are never followed: they can point outside the tree, or into a loop.
 */
async function unreadReason(fs: FileSystem, kind: 'symlink' | 'other', full: string): Promise<string | undefined> {
  const name = baseName(full);
  if (kind === 'other') {
    return isScanned(name) ? 'not a regular file (a FIFO, socket or device): not read' : undefined;
  }
  if (isScanned(name)) return 'symbolic link, not followed';
  if (isSkippedDirectoryName(name)) return undefined;
  const target = await fs.stat(full).catch(() => null);
  return target?.kind === 'directory' ? 'symbolic link to a folder, not followed' : undefined;
}

/** The source files alone (see `walkSourceFiles`). */
export async function listSourceFiles(
  fs: FileSystem,
  starts: readonly string[],
  options: WalkOptions = {},
): Promise<string[]> {
  return (await walkSourceFiles(fs, starts, options)).files;
}

/** Source files of an analysed language, and Jupyter notebooks. */
function isScanned(name: string): boolean {
  return languageIdForPath(name) !== undefined || isNotebookPath(name);
}
