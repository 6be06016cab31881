import { readFileSync, statSync } from 'node:fs';
import { maxFileBytes } from '../analysis/analyze';

/** A file's text, or why it is not read. */
export type FileText = { text: string } | { skipped: string };

/**
 * The synchronous twin of the workspace scan's `FileSystem` (src/core/workspace/fileSystem.ts), for the project
 * index that follows values across files: the same absolute `/`-separated paths and the same size limit as a
 * scanned source file. Why synchronous: see `FileSystem`. The CLI reads the disk; the editor lays its open
 * documents (unsaved text included) over the disk.
 */
export interface ProjectFiles {
  /** The file's text; null when there is no such file. */
  read(path: string): FileText | null;
  /** Whether a file exists (module resolution tries several names). */
  isFile(path: string): boolean;
}

/** Source and config files larger than this are not read (the scan's limit): generated or data, not settings. */
export const maxProjectFileBytes = maxFileBytes;

/** The disk, with a size limit checked before reading. */
export function diskFiles(maxBytes = maxProjectFileBytes): ProjectFiles {
  return {
    read(path: string): FileText | null {
      let size: number;
      try {
        // No exception for a missing file: module resolution probes many names, and a throw costs far more.
        const info = statSync(path, { throwIfNoEntry: false });
        if (!info?.isFile()) return null;
        size = info.size;
      } catch {
        return null;
      }
      if (size > maxBytes) return { skipped: `larger than ${formatBytes(maxBytes)}, not read for settings` };
      try {
        return { text: readFileSync(path, 'utf8') };
      } catch (error) {
        return { skipped: `could not be read: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
    isFile(path: string): boolean {
      try {
        return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
      } catch {
        return false;
      }
    },
  };
}

/** Open documents first (their text may be unsaved), then `base`. */
export function overlayFiles(open: (path: string) => string | undefined, base: ProjectFiles): ProjectFiles {
  return {
    read: (path) => {
      const text = open(path);
      return text !== undefined ? { text } : base.read(path);
    },
    isFile: (path) => open(path) !== undefined || base.isFile(path),
  };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}
