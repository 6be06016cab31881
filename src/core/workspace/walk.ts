import { languageIdForPath } from '../parsing/languages';
import { joinPath, type FileSystem } from './fileSystem';
import { isIgnored, scopeFor, type IgnoreScope } from './ignoreRules';

/** Directories never scanned: dependencies, VCS data, virtualenvs, caches, build output. */
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
  'dist',
  'build',
  'out',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.turbo',
  '.cache',
  'coverage',
  '.idea',
  '.vscode-test',
  'bower_components',
  '.eggs',
]);

export interface WalkOptions {
  /** More paths to leave out (the editor's `files.exclude`); called with the absolute path. */
  exclude?: (path: string, isDirectory: boolean) => boolean;
  /** Checked between folders: the walk stops early (returning what it found) once it says true. */
  isCancelled?: () => boolean;
}

/** Whether a folder is one the walk never enters, from its name alone. */
export function isSkippedDirectoryName(name: string): boolean {
  return skippedDirectories.has(name) || name.endsWith('.egg-info');
}

/**
 * The source files under `starts` (a file given directly is kept even when ignored), minus the skipped
 * directories, Python virtualenvs (a `pyvenv.cfg` inside) and what the `.gitignore` files from each start
 * folder down ignore. Reads through `fs` only; runs nothing. Iterative: no recursion. Sorted.
 */
export async function listSourceFiles(
  fs: FileSystem,
  starts: readonly string[],
  options: WalkOptions = {},
): Promise<string[]> {
  const files = new Set<string>();
  const excluded = options.exclude ?? (() => false);
  for (const start of starts) {
    const info = await fs.stat(start);
    if (info?.kind === 'file') {
      files.add(start);
      continue;
    }
    if (info?.kind !== 'directory') continue;
    const stack: { dir: string; scope: IgnoreScope }[] = [{ dir: start, scope: [] }];
    while (stack.length > 0 && !options.isCancelled?.()) {
      const { dir, scope: parentScope } = stack.pop() as { dir: string; scope: IgnoreScope };
      let entries;
      try {
        entries = await fs.readDirectory(dir);
      } catch {
        continue;
      }
      if (dir !== start && entries.some((e) => e.name === 'pyvenv.cfg')) continue;
      const scope = await scopeFor(
        fs,
        dir,
        parentScope,
        entries.some((e) => e.name === '.gitignore' && e.kind === 'file'),
      );
      for (const entry of entries) {
        const full = joinPath(dir, entry.name);
        if (entry.kind === 'directory') {
          if (isSkippedDirectoryName(entry.name)) continue;
          if (!isIgnored(scope, full, true) && !excluded(full, true)) stack.push({ dir: full, scope });
        } else if (
          entry.kind === 'file' &&
          languageIdForPath(entry.name) &&
          !isIgnored(scope, full, false) &&
          !excluded(full, false)
        ) {
          files.add(full);
        }
      }
    }
  }
  return [...files].sort();
}
