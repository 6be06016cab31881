import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { FileStat } from '../../core/workspace/fileSystem';
import { parseGitIndex, type GitIndexFiles } from './indexFile';

/** An index larger than this is not read (about a million files); the scan hashes contents instead. */
const maxIndexBytes = 128 * 1024 * 1024;
/** A `.git` file (a linked work tree, a submodule) holds one short line. */
const maxGitFileBytes = 4096;

/**
 * What git's index knows about the files of a work tree: for a file whose size and modification time are the
 * ones git recorded, the id of its blob, without reading it. This is git's own test for an unchanged file, so a
 * fresh checkout (as in CI), whose files all have new times, needs no file read for the ones a cache has seen.
 */
export interface WorkTreeIndex {
  /** The blob id of `file` (relative to the scan root, `/`-separated) when its stat proves it is the indexed one. */
  blobId(file: string, stat: FileStat): string | undefined;
}

/** The git directory of the work tree containing `root`, and that work tree's top folder. */
function findGitDir(root: string): { gitDir: string; top: string } | undefined {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    const dotGit = path.join(dir, '.git');
    const info = statSync(dotGit, { throwIfNoEntry: false });
    if (info?.isDirectory()) return { gitDir: dotGit, top: dir };
    if (info?.isFile() && info.size <= maxGitFileBytes) {
      const line = /^gitdir: (.+?)\r?\n?$/.exec(readFileSync(dotGit, 'utf8'));
      return line?.[1] ? { gitDir: path.resolve(dir, line[1]), top: dir } : undefined;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Opens the index of the git work tree `root` is in, reading files only (git is never run: a repository's
 * configuration can name programs). Undefined when there is none, or it cannot be read or understood: the
 * scan then hashes file contents, as without git.
 */
export function openWorkTreeIndex(root: string): WorkTreeIndex | undefined {
  try {
    const found = findGitDir(root);
    if (!found) return undefined;
    const indexFile = path.join(found.gitDir, 'index');
    const info = statSync(indexFile, { throwIfNoEntry: false });
    if (!info?.isFile() || info.size > maxIndexBytes) return undefined;
    const files = parseGitIndex(readFileSync(indexFile));
    if (!files) return undefined;
    const prefix = path.relative(found.top, path.resolve(root)).split(path.sep).join('/');
    if (prefix.startsWith('..')) return undefined;
    return new IndexLookup(files, prefix, info.mtimeMs);
  } catch {
    return undefined;
  }
}

class IndexLookup implements WorkTreeIndex {
  constructor(
    private readonly files: GitIndexFiles,
    private readonly prefix: string,
    private readonly indexMtimeMs: number,
  ) {}

  blobId(file: string, stat: FileStat): string | undefined {
    const key = this.prefix === '' ? file : path.posix.join(this.prefix, file);
    const indexed = this.files.get(key);
    if (
      !indexed ||
      indexed.mtimeMs !== stat.mtimeMs ||
      indexed.size !== stat.size % 2 ** 32 ||
      // Racily clean (git's rule): changed in the same clock tick the index was written, the times prove nothing.
      indexed.mtimeMs >= this.indexMtimeMs
    ) {
      return undefined;
    }
    return indexed.blob;
  }
}
