import {
  FileTooLargeError,
  type DirectoryEntry,
  type FileStat,
  type FileSystem,
} from '../../src/core/workspace/fileSystem';

/**
 * A FileSystem over a map of `/`-separated paths to text, for core tests: folders are implied by the files.
 * `reads` counts readFile calls per path.
 */
export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, Uint8Array>();
  readonly reads = new Map<string, number>();
  /** Modification times; a write sets the file's to `now`, which tests move forward. */
  readonly mtimes = new Map<string, number>();
  now = 1_000_000;

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [file, content] of Object.entries(files)) this.write(file, content);
  }

  write(file: string, content: string | Uint8Array): void {
    this.files.set(file, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    this.mtimes.set(file, this.now);
  }

  async readDirectory(dir: string): Promise<DirectoryEntry[]> {
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    const entries = new Map<string, DirectoryEntry>();
    for (const file of this.files.keys()) {
      if (!file.startsWith(prefix)) continue;
      const rest = file.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash < 0 ? rest : rest.slice(0, slash);
      entries.set(name, { name, kind: slash < 0 ? 'file' : 'directory' });
    }
    if (entries.size === 0) throw new Error(`ENOENT: ${dir}`);
    return [...entries.values()];
  }

  async readFile(file: string, maxBytes?: number): Promise<Uint8Array> {
    this.reads.set(file, (this.reads.get(file) ?? 0) + 1);
    const bytes = this.files.get(file);
    if (!bytes) throw new Error(`ENOENT: ${file}`);
    if (maxBytes !== undefined && bytes.length > maxBytes) throw new FileTooLargeError(file, bytes.length);
    return bytes;
  }

  async stat(target: string): Promise<FileStat | null> {
    const bytes = this.files.get(target);
    if (bytes) return { kind: 'file', size: bytes.length, mtimeMs: this.mtimes.get(target) ?? 0 };
    const prefix = target.endsWith('/') ? target : `${target}/`;
    for (const file of this.files.keys())
      if (file.startsWith(prefix)) return { kind: 'directory', size: 0, mtimeMs: 0 };
    return null;
  }
}
