import {
  FileTooLargeError,
  joinPath,
  type DirectoryEntry,
  type FileStat,
  type FileSystem,
} from '../../core/workspace/fileSystem';
import { readBlobs, type TreeEntry } from './gitRepository';

/**
 * A commit's tree as a FileSystem, so the base of a diff is walked and scanned exactly as the working tree is
 * (same skipped folders, same `.gitignore` rules as they were at that commit). Paths sit under the work tree's
 * own top folder, so both sides name files alike. Blobs are read from git: prefetched in one batch, or one by
 * one on demand. Symbolic links and submodules are `other`, as links are on disk.
 */
export class GitTreeFileSystem implements FileSystem {
  private readonly entries = new Map<string, TreeEntry>();
  private readonly children = new Map<string, DirectoryEntry[]>();
  private readonly blobs = new Map<string, Buffer>();

  /** `top`: the work tree's top folder as a FileSystem path. */
  constructor(
    private readonly top: string,
    private readonly gitTop: string,
    entries: readonly TreeEntry[],
  ) {
    this.children.set(top, []);
    for (const entry of entries) {
      const full = joinPath(top, entry.path);
      this.entries.set(full, entry);
      const slash = full.lastIndexOf('/');
      const parent = full.slice(0, slash) || '/';
      const kind =
        entry.type === 'tree' ? 'directory' : entry.type === 'blob' && entry.mode !== '120000' ? 'file' : 'other';
      let list = this.children.get(parent);
      if (!list) this.children.set(parent, (list = []));
      list.push({ name: full.slice(slash + 1), kind });
      if (entry.type === 'tree' && !this.children.has(full)) this.children.set(full, []);
    }
  }

  /** The blob sha at a path, or undefined. */
  shaAt(file: string): string | undefined {
    const entry = this.entries.get(file);
    return entry?.type === 'blob' ? entry.sha : undefined;
  }

  /** The file (a blob that is not a link) at a path, or undefined. */
  fileAt(file: string): TreeEntry | undefined {
    const entry = this.entries.get(file);
    return entry?.type === 'blob' && entry.mode !== '120000' ? entry : undefined;
  }

  /** A blob's bytes when they have been read (prefetched or read on demand). */
  blobRead(sha: string): Buffer | undefined {
    return this.blobs.get(sha);
  }

  /** Every blob entry, with its FileSystem path. */
  *files(): Iterable<{ path: string; entry: TreeEntry }> {
    for (const [path, entry] of this.entries)
      if (entry.type === 'blob' && entry.mode !== '120000') yield { path, entry };
  }

  /** Reads the given blobs in one git run, so that the scan's reads need no further one. */
  async prefetch(shas: Iterable<string>): Promise<void> {
    const wanted = [...new Set(shas)].filter((sha) => !this.blobs.has(sha));
    for (const [sha, bytes] of await readBlobs(this.gitTop, wanted)) this.blobs.set(sha, bytes);
  }

  async readDirectory(dir: string): Promise<DirectoryEntry[]> {
    const list = this.children.get(dir);
    if (!list) throw new Error(`not a folder of the base revision: ${dir}`);
    return list;
  }

  async readFile(file: string, maxBytes?: number): Promise<Uint8Array> {
    const entry = this.entries.get(file);
    if (!entry || entry.type !== 'blob') throw new Error(`not a file of the base revision: ${file}`);
    if (maxBytes !== undefined && entry.size > maxBytes) throw new FileTooLargeError(file, entry.size);
    let bytes = this.blobs.get(entry.sha);
    if (!bytes) {
      await this.prefetch([entry.sha]);
      bytes = this.blobs.get(entry.sha);
    }
    if (!bytes) throw new Error(`git could not read ${file} at the base revision`);
    return bytes;
  }

  async stat(target: string): Promise<FileStat | null> {
    if (target === this.top || this.children.has(target)) return { kind: 'directory', size: 0, mtimeMs: 0 };
    const entry = this.entries.get(target);
    if (!entry) return null;
    return { kind: entry.type === 'blob' && entry.mode !== '120000' ? 'file' : 'other', size: entry.size, mtimeMs: 0 };
  }
}
