import { closeSync, fstatSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { FileTooLargeError, type DirectoryEntry, type EntryKind, type FileSystem } from './fileSystem';

function kindOf(entry: { isFile(): boolean; isDirectory(): boolean }): EntryKind {
  return entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other';
}

/** Reads at most `maxBytes`: one open, fstat, read and close, as `readFileSync` does, with the size checked first. */
function readLimited(file: string, maxBytes: number): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) throw new FileTooLargeError(file, size);
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, null);
      if (n === 0) break;
      read += n;
    }
    return read === size ? buffer : buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Node's file system for the CLI and the tests. Synchronous calls behind the async interface: per file they
 * cost a tenth of the promise-based API, and a command-line scan has nothing else to do meanwhile.
 * Paths in native form work too (`path.resolve` is applied).
 */
export const nodeFileSystem: FileSystem = {
  async readDirectory(dir: string): Promise<DirectoryEntry[]> {
    return readdirSync(path.resolve(dir), { withFileTypes: true }).map((e) => ({ name: e.name, kind: kindOf(e) }));
  },
  async readFile(file: string, maxBytes = Number.MAX_SAFE_INTEGER): Promise<Uint8Array> {
    return readLimited(path.resolve(file), maxBytes);
  },
  async stat(target: string) {
    const info = statSync(path.resolve(target), { throwIfNoEntry: false });
    return info ? { kind: kindOf(info), size: info.size } : null;
  },
};

/** A native path as the `/`-separated absolute path a FileSystem takes. */
export function toFileSystemPath(nativePath: string): string {
  const absolute = path.resolve(nativePath);
  return path.sep === '/' ? absolute : absolute.split(path.sep).join('/');
}
