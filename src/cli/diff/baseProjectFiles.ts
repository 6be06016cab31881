import { readFileSync } from 'node:fs';
import { maxProjectFileBytes, type FileText, type ProjectFiles } from '../../core/project/projectFiles';
import { toFileSystemPath } from '../../core/workspace/nodeFileSystem';
import type { GitTreeFileSystem } from './gitTreeFileSystem';

/** What the base side's files need beyond the tree: the working tree's blob ids, and git for a blob not yet read. */
export interface BaseReads {
  /** The blob id of a working-tree file (absolute path); null when it cannot be read. */
  workTreeSha(file: string): string | null;
  /** A blob's bytes from git, synchronously (see `syncGitRunner`); throws when git cannot read it. */
  readBlob(sha: string): Buffer;
}

/**
 * The files of a diff's base revision as cross-file resolution reads them (a config module, an imported
 * constant, a `.env`), so that the base is priced the way a scan of that revision would price it. A file whose
 * working-tree bytes are the base blob is read from disk; another comes from the blobs already read from git, or
 * from git one at a time (rare: the imports of the files that changed since the base).
 */
export function baseProjectFiles(tree: GitTreeFileSystem, reads: BaseReads): ProjectFiles {
  return {
    read(file: string): FileText | null {
      const entry = tree.fileAt(toFileSystemPath(file));
      if (!entry) return null;
      if (entry.size > maxProjectFileBytes) return { skipped: 'too large to read for settings at the base revision' };
      try {
        const bytes =
          tree.blobRead(entry.sha) ??
          (reads.workTreeSha(file) === entry.sha ? readFileSync(file) : reads.readBlob(entry.sha));
        return { text: bytes.toString('utf8') };
      } catch (error) {
        return {
          skipped: `could not be read at the base revision: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
    },
    isFile: (file) => tree.fileAt(toFileSystemPath(file)) !== undefined,
  };
}
