import { posix as path } from 'node:path';
import type { ProjectFiles } from './projectFiles';
import { aliasTargets, type PathAliases } from './tsconfig';

const extensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'];
const compiledExtension = /\.(m|c)?jsx?$/;

/**
 * The file an ES import or `require` names: relative paths (with or without extension, `index` files, `.js`
 * written for a `.ts` source) and tsconfig path aliases. Null for packages (the SDK catalog handles those).
 */
export function jsModuleFile(
  fs: ProjectFiles,
  fromFile: string,
  specifier: string,
  aliases: PathAliases | null,
): string | null {
  const bases: string[] = [];
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
    bases.push(path.resolve(path.dirname(fromFile), specifier));
  } else if (path.isAbsolute(specifier)) {
    bases.push(specifier);
  } else if (aliases) {
    bases.push(...aliasTargets(aliases, specifier));
  }
  for (const base of bases) {
    const found = fileAt(fs, base);
    if (found) return found;
  }
  return null;
}

function fileAt(fs: ProjectFiles, base: string): string | null {
  const candidates = [base, ...extensions.map((e) => base + e), ...extensions.map((e) => path.join(base, `index${e}`))];
  if (compiledExtension.test(base)) {
    const stem = base.replace(compiledExtension, '');
    candidates.push(...['.ts', '.tsx', '.mts', '.cts'].map((e) => stem + e));
  }
  return candidates.find((c) => fs.isFile(c)) ?? null;
}
