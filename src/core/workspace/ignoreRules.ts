import ignore, { type Ignore } from 'ignore';
import { joinPath, relativePath, type FileSystem } from './fileSystem';

/** The rules of one `.gitignore`, which apply to paths relative to its own folder. */
interface IgnoreFile {
  dir: string;
  rules: Ignore;
}

/** The `.gitignore` files in force in a folder: those of the folder and its parents, down from the scan root. */
export type IgnoreScope = readonly IgnoreFile[];

/** A larger `.gitignore` is not read: nobody writes one, and its rules would cost time on every path. */
const maxGitignoreBytes = 1024 * 1024;

/**
 * The scope inside `dir`: the parent's, plus `dir/.gitignore` when the folder lists one as a regular file (never
 * a link or a FIFO, which could point anywhere or block), with the bytes it was read from (null when none was).
 * Read with the `ignore` library, as git reads it; git itself is never run, since it would run the repository's
 * own configured commands (core.fsmonitor).
 */
export async function scopeFor(
  fs: FileSystem,
  dir: string,
  parent: IgnoreScope,
  hasGitignore: boolean,
): Promise<{ scope: IgnoreScope; gitignore: Uint8Array | null }> {
  if (!hasGitignore) return { scope: parent, gitignore: null };
  try {
    const bytes = await fs.readFile(joinPath(dir, '.gitignore'), maxGitignoreBytes);
    return { scope: [...parent, { dir, rules: ignore().add(new TextDecoder().decode(bytes)) }], gitignore: bytes };
  } catch {
    return { scope: parent, gitignore: null };
  }
}

/**
 * Whether `full` is ignored: the deepest `.gitignore` with a rule that matches decides, as in git (within a
 * file the last matching rule wins, which `ignore` does, `!` negations included).
 */
export function isIgnored(scope: IgnoreScope, full: string, isDirectory: boolean): boolean {
  for (let i = scope.length - 1; i >= 0; i--) {
    const { dir, rules } = scope[i] as IgnoreFile;
    const relative = relativePath(dir, full);
    if (!relative) continue;
    let result;
    try {
      result = rules.test(isDirectory ? `${relative}/` : relative);
    } catch {
      // A name the library cannot take as a relative path is not one any rule names.
      continue;
    }
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}
