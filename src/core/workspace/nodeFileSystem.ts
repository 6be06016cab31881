import { closeSync, constants, fstatSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { FileTooLargeError, type DirectoryEntry, type EntryKind, type FileSystem } from './fileSystem';

function kindOf(entry: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryKind {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'directory';
  return entry.isSymbolicLink() ? 'symlink' : 'other';
}

/** One buffer for every read: a file is copied out of it at its own size. */
let scratch = Buffer.alloc(0);

/**
 * Reads at most `maxBytes` with open, read until the end, close: no fstat (whose Stats object costs more than
 * the read of a small file), and never more than `maxBytes + 1` bytes of a larger file.
 */
function readLimited(file: string, maxBytes: number): Uint8Array {
  // O_NONBLOCK: a FIFO put in a file's place would block the open; this way it reads as empty or fails.
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    let total = 0;
    for (;;) {
      if (total === scratch.length) {
        if (total > maxBytes) throw new FileTooLargeError(file, fstatSync(fd).size);
        const grown = Buffer.allocUnsafe(Math.min(Math.max(64 * 1024, total * 2), maxBytes + 1));
        scratch.copy(grown, 0, 0, total);
        scratch = grown;
      }
      const n = readSync(fd, scratch, total, scratch.length - total, null);
      if (n === 0) break;
      total += n;
    }
    if (total > maxBytes) throw new FileTooLargeError(file, fstatSync(fd).size);
    const bytes = Buffer.allocUnsafe(total);
    scratch.copy(bytes, 0, 0, total);
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/**
 * Node's file system for the CLI and the tests. Synchronous calls behind the async interface: per file they
 * cost a tenth of the promise-based API, and a command-line scan has nothing else to do meanwhile.
 * Paths must be absolute (`toFileSystemPath`).
 */
export const nodeFileSystem: FileSystem = {
  async readDirectory(dir: string): Promise<DirectoryEntry[]> {
    return readdirSync(dir, { withFileTypes: true }).map((e) => ({ name: e.name, kind: kindOf(e) }));
  },
  async readFile(file: string, maxBytes = Number.MAX_SAFE_INTEGER): Promise<Uint8Array> {
    return readLimited(file, maxBytes);
  },
  async stat(target: string) {
    const info = statSync(target, { throwIfNoEntry: false });
    return info ? { kind: kindOf(info), size: info.size, mtimeMs: info.mtimeMs } : null;
  },
};

/** A native path as the `/`-separated absolute path a FileSystem takes. */
export function toFileSystemPath(nativePath: string): string {
  const absolute = path.resolve(nativePath);
  return path.sep === '/' ? absolute : absolute.split(path.sep).join('/');
}
