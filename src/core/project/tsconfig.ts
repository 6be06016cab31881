import { posix as path } from 'node:path';
import { parse, type ParseError } from 'jsonc-parser';
import type { ProjectFiles } from './projectFiles';

/** `compilerOptions.paths` of the nearest tsconfig.json / jsconfig.json, resolved to absolute folders. */
export interface PathAliases {
  /** Bare specifiers resolve against it when set (`baseUrl`). */
  baseUrl: string | null;
  /** Pattern (`@/*`, `~/*`, `@app/config`) → absolute targets, `*` kept. */
  paths: [pattern: string, targets: string[]][];
}

interface CompilerOptions {
  baseUrl?: unknown;
  paths?: unknown;
}

const maxExtends = 8;

/**
 * The path aliases that apply to files in `dir`: the first tsconfig.json or jsconfig.json from `dir` up to
 * `root`, following relative `extends`. A file that does not parse gives no aliases.
 */
export function pathAliasesFor(fs: ProjectFiles, dir: string, root: string): PathAliases | null {
  for (let d = dir; ; d = path.dirname(d)) {
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const file = path.join(d, name);
      if (fs.isFile(file)) return readAliases(fs, file, 0);
    }
    if (d === root || path.dirname(d) === d || !d.startsWith(root)) return null;
  }
}

function readAliases(fs: ProjectFiles, file: string, depth: number): PathAliases | null {
  const read = fs.read(file);
  if (!read || !('text' in read)) return null;
  const errors: ParseError[] = [];
  const config = parse(read.text, errors, { allowTrailingComma: true }) as
    { extends?: unknown; compilerOptions?: CompilerOptions } | undefined;
  if (!config || typeof config !== 'object') return null;
  const dir = path.dirname(file);
  let inherited: PathAliases | null = null;
  if (typeof config.extends === 'string' && config.extends.startsWith('.') && depth < maxExtends) {
    const parent = path.resolve(dir, config.extends.endsWith('.json') ? config.extends : `${config.extends}.json`);
    inherited = readAliases(fs, parent, depth + 1);
  }
  const options = config.compilerOptions ?? {};
  const baseUrl =
    typeof options.baseUrl === 'string' ? path.resolve(dir, options.baseUrl) : (inherited?.baseUrl ?? null);
  const paths: PathAliases['paths'] = [];
  if (options.paths && typeof options.paths === 'object') {
    const base = baseUrl ?? dir;
    for (const [pattern, targets] of Object.entries(options.paths as Record<string, unknown>)) {
      if (!Array.isArray(targets)) continue;
      const resolved = targets.filter((t): t is string => typeof t === 'string').map((t) => path.resolve(base, t));
      paths.push([pattern, resolved]);
    }
  } else if (inherited) paths.push(...inherited.paths);
  return { baseUrl, paths };
}

/** The candidate paths a specifier maps to under the aliases (longest matching prefix first). */
export function aliasTargets(aliases: PathAliases, specifier: string): string[] {
  const found: string[] = [];
  const matches = aliases.paths
    .map(([pattern, targets]) => {
      const star = pattern.indexOf('*');
      if (star < 0) return pattern === specifier ? { prefix: pattern, rest: '', targets } : null;
      const prefix = pattern.slice(0, star);
      const suffix = pattern.slice(star + 1);
      if (!specifier.startsWith(prefix) || !specifier.endsWith(suffix)) return null;
      return { prefix, rest: specifier.slice(prefix.length, specifier.length - suffix.length), targets };
    })
    .filter((m): m is { prefix: string; rest: string; targets: string[] } => m !== null)
    .sort((a, b) => b.prefix.length - a.prefix.length);
  for (const match of matches) for (const target of match.targets) found.push(target.replace('*', match.rest));
  if (aliases.baseUrl && !specifier.startsWith('.')) found.push(path.join(aliases.baseUrl, specifier));
  return found;
}
