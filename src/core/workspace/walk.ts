import { isNotebookPath } from '../analysis/notebook';
import { languageIdForPath } from '../parsing/languages';
import { baseName, joinPath, type DirectoryEntry, type FileSystem } from './fileSystem';
import { isIgnored, scopeFor, type IgnoreScope } from './ignoreRules';
import { childScopeKey, outcomeHolds, type WalkMemo } from './walkMemo';

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
      const { dir, scope: parentScope, scopeKey: parentKey } = stack.pop() as Pending;
      const isStart = dir === start;
      // Taken before the listing: a change made while the folder is listed shows as a new time next time.
      const folder = memo ? await fs.stat(dir) : null;
      const listedAt = Date.now();
      const kept = folder ? memo?.folder(dir) : undefined;
      if (kept && folder && outcomeHolds(kept, folder.mtimeMs, isStart)) {
        const { scope, gitignore } = await scopeFor(fs, dir, parentScope, kept.gitignore);
        const scopeKey = childScopeKey(parentKey, dir, gitignore);
        if (scopeKey === kept.scopeKey) {
          memo?.remember(dir, kept);
          for (const name of kept.files) files.add(joinPath(dir, name));
          for (const name of kept.dirs) stack.push({ dir: joinPath(dir, name), scope, scopeKey });
          continue;
        }
      }
      let entries;
      try {
        entries = await fs.readDirectory(dir);
      } catch (error) {
        skipped.push({ path: dir, reason: `folder could not be read (${errorCode(error)})` });
        continue;
      }
      // A virtualenv is left out whole, its .gitignore unread.
      const venv = !isStart && entries.some((e) => e.name === 'pyvenv.cfg');
      const hasGitignore = !venv && entries.some((e) => e.name === '.gitignore' && e.kind === 'file');
      const outcome = { files: [] as string[], dirs: [] as string[], memorable: true };
      const { scope, gitignore } = venv
        ? { scope: parentScope, gitignore: null }
        : await walkFolder(fs, dir, entries, { parentScope, hasGitignore, isStart, excluded, skipped, outcome });
      const scopeKey = childScopeKey(parentKey, dir, gitignore);
      for (const name of outcome.files) files.add(joinPath(dir, name));
      for (const name of outcome.dirs) stack.push({ dir: joinPath(dir, name), scope, scopeKey });
      if (memo && folder && outcome.memorable) {
        const { files: kept, dirs } = outcome;
        memo.remember(dir, {
          mtimeMs: folder.mtimeMs,
          listedAt,
          scopeKey,
          start: isStart,
          gitignore: hasGitignore,
          files: kept,
          dirs,
        });
      }
    }
  }
  return { files: [...files].sort(), skipped };
}

interface FolderContext {
  parentScope: IgnoreScope;
  hasGitignore: boolean;
  isStart: boolean;
  excluded: (path: string, isDirectory: boolean) => boolean;
  skipped: WalkSkip[];
  /** Filled in: the names of the source files kept and subfolders to walk; not memorable when it has links. */
  outcome: { files: string[]; dirs: string[]; memorable: boolean };
}

/** One folder's entries sorted into source files, subfolders to walk, and links or special files to report. */
async function walkFolder(
  fs: FileSystem,
  dir: string,
  entries: readonly DirectoryEntry[],
  context: FolderContext,
): Promise<{ scope: IgnoreScope; gitignore: Uint8Array | null }> {
  const { excluded, skipped, outcome } = context;
  const { scope, gitignore } = await scopeFor(fs, dir, context.parentScope, context.hasGitignore);
  const projectRoot = context.isStart || entries.some((e) => e.kind === 'file' && projectManifests.has(e.name));
  for (const entry of entries) {
    const full = joinPath(dir, entry.name);
    if (entry.kind === 'directory') {
      if (isSkippedDirectoryName(entry.name)) continue;
      if (projectRoot && buildOutputDirectories.has(entry.name)) continue;
      if (!isIgnored(scope, full, true) && !excluded(full, true)) outcome.dirs.push(entry.name);
      continue;
    }
    if (entry.kind === 'file') {
      if (isScanned(entry.name) && !isIgnored(scope, full, false) && !excluded(full, false)) {
        outcome.files.push(entry.name);
      }
      continue;
    }
    // What a link points to changes without its folder changing: such a folder is listed again every time.
    outcome.memorable = false;
    const reason = await unreadReason(fs, entry.kind, full);
    if (reason && !isIgnored(scope, full, false) && !excluded(full, false)) {
      skipped.push({ path: full, reason });
    }
  }
  return { scope, gitignore };
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
