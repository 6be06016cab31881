import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { languageIdForPath } from '../../core/parsing/languages';
import { isIgnored, scopeFor, type IgnoreScope } from './gitignore';

/** Directories never scanned: dependencies, VCS data, virtualenvs, caches, build output. */
const skippedDirectories = new Set([
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

/**
 * The source files under `paths` (files given directly are kept even when ignored), minus the skipped
 * directories, Python virtualenvs (a `pyvenv.cfg` inside) and what the `.gitignore` files from each start
 * folder down ignore. Reads the file system only; runs nothing. Iterative: no recursion.
 */
export async function listSourceFiles(paths: string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const start of paths) {
    const info = await stat(start);
    if (info.isFile()) {
      files.add(start);
      continue;
    }
    const stack: { dir: string; scope: IgnoreScope }[] = [{ dir: start, scope: [] }];
    while (stack.length > 0) {
      const { dir, scope: parentScope } = stack.pop() as { dir: string; scope: IgnoreScope };
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      if (dir !== start && entries.some((e) => e.name === 'pyvenv.cfg')) continue;
      const scope = await scopeFor(
        dir,
        parentScope,
        entries.some((e) => e.name === '.gitignore' && e.isFile()),
      );
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (skippedDirectories.has(entry.name) || entry.name.endsWith('.egg-info')) continue;
          if (!isIgnored(scope, full, true)) stack.push({ dir: full, scope });
        } else if (entry.isFile() && languageIdForPath(entry.name) && !isIgnored(scope, full, false)) {
          files.add(full);
        }
      }
    }
  }
  return [...files].sort();
}
