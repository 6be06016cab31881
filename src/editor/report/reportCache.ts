import { createHash } from 'node:crypto';
import type { FileAnalysis, FileStat, ScanCache } from '../../core/workspace';

interface Entry {
  hash: string;
  size: number;
  mtimeMs: number;
  analysis: FileAnalysis;
}

/**
 * The report's scan results by file, kept in memory between refreshes: a file whose size and modification time
 * are unchanged is not read again, one whose bytes hash the same is not parsed again. `forget` drops a changed
 * file and every file whose records took values from it (cross-file resolution), so they are analysed again.
 * Keys are the scan's relative paths, prefixed by the folder so one cache serves every workspace folder.
 */
export class ReportScanCache {
  private readonly entries = new Map<string, Entry>();

  /** The ScanCache of one workspace folder. */
  forFolder(folder: string): ScanCache {
    const key = (file: string): string => `${folder}\0${file}`;
    return {
      unchanged: (file, stat) => {
        const entry = this.entries.get(key(file));
        return entry && entry.size === stat.size && entry.mtimeMs === stat.mtimeMs ? entry.analysis : undefined;
      },
      hash: (bytes) => createHash('sha1').update(bytes).digest('hex'),
      get: (file, hash) => {
        const entry = this.entries.get(key(file));
        return entry?.hash === hash ? entry.analysis : undefined;
      },
      set: (file, hash, analysis, stat: FileStat | null) => {
        this.entries.set(key(file), { hash, size: stat?.size ?? -1, mtimeMs: stat?.mtimeMs ?? -1, analysis });
      },
    };
  }

  /** Drops the file at `absolutePath` (in `folder`, as `relative`) and the analyses that read it. */
  forget(folder: string, relative: string, absolutePath: string): void {
    this.entries.delete(`${folder}\0${relative}`);
    for (const [key, entry] of this.entries) {
      if (entry.analysis.dependsOn?.includes(absolutePath)) this.entries.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
