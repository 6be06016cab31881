import { hash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { FileSystem } from '../../core/workspace/fileSystem';

/**
 * What `scan --cache` keeps of the last run's printed result: the output and the budget gate's verdict, under a
 * key of everything they were computed from. A re-scan whose key and outside files are the same prints it
 * without pricing, running the rules or serialising again.
 */
export interface StoredOutput {
  key: string;
  /** The gate's lines (stderr) and whether it failed. */
  verdict: { lines: string[]; failed: boolean };
  /**
   * Files outside the scanned ones that the result read (the manifests above the files with calls),
   * each with its state then: `null` absent, `file:<hash>`, or the kind of what else was there.
   */
  reads: Record<string, string | null>;
}

/** A key for JSON-serialisable parts: everything the output is a function of. */
export function outputKey(parts: unknown): string {
  return hash('sha1', JSON.stringify(parts), 'base64url');
}

/** A path's state as a result saw it: absent, a file's content hash, or the kind of anything else. */
export function pathState(file: string): string | null {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) return null;
  if (!stat.isFile()) return stat.isDirectory() ? 'directory' : 'other';
  try {
    return `file:${hash('sha1', readFileSync(file), 'base64url')}`;
  } catch {
    return 'unreadable';
  }
}

/** Whether every outside file a stored result read is as it was. */
export function readsUnchanged(reads: Record<string, string | null>): boolean {
  return Object.entries(reads).every(([file, state]) => pathState(file) === state);
}

/**
 * The state of each path a result read that is not one of the scanned files (`scanned`, by path relative to the
 * root: their contents are covered by the scan digest).
 */
export function outsideReads(
  touched: Iterable<string>,
  root: string,
  scanned: (relative: string) => boolean,
): Record<string, string | null> {
  const reads: Record<string, string | null> = {};
  for (const file of touched) {
    if (!scanned(path.relative(root, file).split(path.sep).join('/'))) reads[file] = pathState(file);
  }
  return reads;
}

/** A FileSystem that notes every path asked of it, so a stored result can list what it read. */
export function recordingFileSystem(inner: FileSystem): { fs: FileSystem; touched: Set<string> } {
  const touched = new Set<string>();
  return {
    touched,
    fs: {
      readDirectory: (dir) => {
        touched.add(dir);
        return inner.readDirectory(dir);
      },
      readFile: (file, maxBytes) => {
        touched.add(file);
        return inner.readFile(file, maxBytes);
      },
      stat: (target) => {
        touched.add(target);
        return inner.stat(target);
      },
    },
  };
}
