/**
 * The file system the core reads a workspace through: Node's in the CLI (`nodeFileSystem`), VS Code's
 * `workspace.fs` in the editor, a map in tests. Paths are absolute and `/`-separated (a `Uri.path` in the
 * editor). Small on purpose: listing a folder, reading a file, asking what is at a path.
 *
 * Cross-file resolution reads through a synchronous twin, `ProjectFiles` (src/core/project/projectFiles.ts), with
 * the same paths and size limit: which file it needs is known only in the middle of a synchronous walk of a syntax
 * tree (an import followed three modules deep), so an asynchronous read would mean reading every file up front or
 * an await in every step of resolving a value.
 */
export interface FileSystem {
  /** The entries of a directory; links are not followed (a link is `symlink`). Throws when it cannot be read. */
  readDirectory(dir: string): Promise<DirectoryEntry[]>;
  /**
   * The bytes of a file. With `maxBytes`, a larger file is not read: `FileTooLargeError` is thrown instead.
   * Throws when the file is missing or unreadable.
   */
  readFile(file: string, maxBytes?: number): Promise<Uint8Array>;
  /** What is at a path (links followed), or null when nothing is. */
  stat(path: string): Promise<FileStat | null>;
}

/** `other`: a FIFO, a socket or a device, never read. */
export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

export interface DirectoryEntry {
  name: string;
  kind: EntryKind;
}

export interface FileStat {
  kind: EntryKind;
  size: number;
  /** Last modification, in milliseconds since 1970. */
  mtimeMs: number;
}

/** Thrown by `readFile` for a file above the limit it was given. */
export class FileTooLargeError extends Error {
  constructor(
    readonly file: string,
    readonly size: number,
  ) {
    super(`${file} is ${size} bytes`);
  }
}

/** `a/b` + `c` → `a/b/c`, for the `/`-separated paths of a FileSystem. */
export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

/** `child` relative to `parent` (`''` when equal), or null when `child` is not inside `parent`. */
export function relativePath(parent: string, child: string): string | null {
  if (child === parent) return '';
  const prefix = parent.endsWith('/') ? parent : `${parent}/`;
  return child.startsWith(prefix) ? child.slice(prefix.length) : null;
}

/** The last segment of a path. */
export function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}
