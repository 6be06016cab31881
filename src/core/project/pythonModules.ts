import { posix as path } from 'node:path';
import type { ProjectFiles } from './projectFiles';

/**
 * The file of a Python module: relative imports from the importing file's package (`.config`, `..core.llm`),
 * absolute ones from the top of the importing file's package tree, the workspace roots, their `src/` folders,
 * and the importing file's own folder. A package is its `__init__.py`. Null for anything outside the workspace.
 */
export function pythonModuleFile(
  fs: ProjectFiles,
  fromFile: string,
  module: string,
  roots: readonly string[],
): string | null {
  const dots = /^\.*/.exec(module)?.[0].length ?? 0;
  const parts = module.slice(dots).split('.').filter(Boolean);
  if (dots > 0) {
    let base = path.dirname(fromFile);
    for (let i = 1; i < dots; i++) base = path.dirname(base);
    return moduleAt(fs, base, parts);
  }
  if (parts.length === 0) return null;
  for (const base of searchBases(fs, fromFile, roots)) {
    const found = moduleAt(fs, base, parts);
    if (found) return found;
  }
  return null;
}

/** A submodule of a package file (`pkg/__init__.py` + `config` → `pkg/config.py`), for `from pkg import config`. */
export function pythonSubmodule(fs: ProjectFiles, packageFile: string, name: string): string | null {
  if (path.basename(packageFile) !== '__init__.py') return null;
  return moduleAt(fs, path.dirname(packageFile), [name]);
}

function moduleAt(fs: ProjectFiles, base: string, parts: string[]): string | null {
  const stem = path.join(base, ...parts);
  if (parts.length > 0 && fs.isFile(`${stem}.py`)) return `${stem}.py`;
  const init = path.join(stem, '__init__.py');
  return fs.isFile(init) ? init : null;
}

function searchBases(fs: ProjectFiles, fromFile: string, roots: readonly string[]): string[] {
  const bases: string[] = [];
  // Above the topmost package (a folder with __init__.py) that holds the importing file.
  let dir = path.dirname(fromFile);
  let top: string | null = null;
  for (let i = 0; i < 32 && fs.isFile(path.join(dir, '__init__.py')); i++) {
    top = dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (top) bases.push(path.dirname(top));
  for (const root of roots) bases.push(root, path.join(root, 'src'));
  bases.push(path.dirname(fromFile));
  // Folders between the file and its root: apps kept in a subfolder (`backend/app/...` imported as `app.x`).
  const root = roots.find((r) => fromFile.startsWith(r + path.sep));
  if (root) {
    for (let d = path.dirname(fromFile); d.startsWith(root + path.sep); d = path.dirname(d)) bases.push(d);
  }
  return [...new Set(bases)];
}
