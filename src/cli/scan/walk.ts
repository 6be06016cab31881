import { spawnSync } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { languageIdForPath } from '../../core/parsing/languages';

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
 * directories, Python virtualenvs (a `pyvenv.cfg` inside) and what git ignores. Iterative: no recursion.
 */
export async function listSourceFiles(paths: string[]): Promise<string[]> {
  const explicit: string[] = [];
  const walked: string[] = [];
  for (const start of paths) {
    const info = await stat(start);
    if (info.isFile()) {
      explicit.push(start);
      continue;
    }
    const stack = [start];
    while (stack.length > 0) {
      const dir = stack.pop() as string;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      if (dir !== start && entries.some((e) => e.name === 'pyvenv.cfg')) continue;
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!skippedDirectories.has(entry.name) && !entry.name.endsWith('.egg-info')) stack.push(full);
        } else if (entry.isFile() && languageIdForPath(entry.name)) walked.push(full);
      }
    }
  }
  const kept = await withoutIgnored(walked);
  return [...new Set([...explicit, ...kept])].sort();
}

/** Drops the files git ignores; outside a git work tree, reads the `.gitignore` files on the way instead. */
async function withoutIgnored(files: string[]): Promise<string[]> {
  if (files.length === 0) return files;
  const byRepo = new Map<string, string[]>();
  for (const file of files) {
    const dir = path.dirname(file);
    const list = byRepo.get(dir) ?? [];
    list.push(file);
    byRepo.set(dir, list);
  }
  const result = spawnSync('git', ['check-ignore', '--stdin', '-z'], {
    cwd: path.dirname(files[0]),
    input: files.map((f) => path.resolve(f)).join('\0'),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status === 0 || result.status === 1) {
    const ignored = new Set(
      result.stdout
        .split('\0')
        .filter(Boolean)
        .map((f) => path.resolve(f)),
    );
    return files.filter((f) => !ignored.has(path.resolve(f)));
  }
  return filterByGitignoreFiles(files);
}

/** A small `.gitignore` reader for trees outside git: names, `dir/`, `*.ext` globs, `/anchored` paths. */
async function filterByGitignoreFiles(files: string[]): Promise<string[]> {
  const rulesByDir = new Map<string, RegExp[]>();
  const rulesFor = async (dir: string): Promise<RegExp[]> => {
    let rules = rulesByDir.get(dir);
    if (rules) return rules;
    rules = [];
    try {
      const text = await readFile(path.join(dir, '.gitignore'), 'utf8');
      for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (!line || line.startsWith('#') || line.startsWith('!')) continue;
        rules.push(globToRegExp(line));
      }
    } catch {
      // No .gitignore here.
    }
    rulesByDir.set(dir, rules);
    return rules;
  };
  const kept: string[] = [];
  for (const file of files) {
    let ignored = false;
    for (let dir = path.dirname(path.resolve(file)); !ignored; dir = path.dirname(dir)) {
      const relative = path.relative(dir, path.resolve(file)).split(path.sep).join('/');
      ignored = (await rulesFor(dir)).some((rule) => rule.test(relative));
      if (path.dirname(dir) === dir) break;
    }
    if (!ignored) kept.push(file);
  }
  return kept;
}

function globToRegExp(glob: string): RegExp {
  const anchored = glob.startsWith('/') || glob.slice(0, -1).includes('/');
  const directory = glob.endsWith('/');
  const body = glob
    .replace(/^\//, '')
    .replace(/\/$/, '')
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\/?/g, '\u2063')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]')
    .replace(/\u2063/g, '(?:.*/)?');
  const prefix = anchored ? '^' : '(?:^|/)';
  return new RegExp(`${prefix}${body}${directory ? '/' : '(?:/|$)'}`);
}
