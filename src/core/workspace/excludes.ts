import picomatch from 'picomatch';
import { relativePath } from './fileSystem';

/**
 * The walk's `exclude` for VS Code's `files.exclude` of one folder: each pattern that is set to `true` is a glob
 * relative to the folder (`**\/.git`, `build/`, `*.log`). A `{ "when": … }` entry depends on a sibling file and is
 * left to the editor's explorer: the walk does not apply it. Patterns that are not strings are ignored.
 */
export function filesExcludeMatcher(
  folder: string,
  patterns: unknown,
): ((path: string, isDirectory: boolean) => boolean) | undefined {
  if (!patterns || typeof patterns !== 'object' || Array.isArray(patterns)) return undefined;
  const globs = Object.entries(patterns as Record<string, unknown>)
    .filter(([glob, on]) => on === true && glob.trim() !== '')
    // `build/` in files.exclude means the folder: match it as the folder's own path.
    .map(([glob]) => glob.trim().replace(/\/+$/, ''));
  if (globs.length === 0) return undefined;
  const matches = picomatch(globs, { dot: true });
  return (path, _isDirectory) => {
    const relative = relativePath(folder, path);
    return relative !== null && relative !== '' && matches(relative);
  };
}
