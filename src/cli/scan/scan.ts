import { statSync } from 'node:fs';
import * as path from 'node:path';
import type { CallRecord, SkippedFile } from '../../core/analysis/types';
import { ParserHost } from '../../core/parsing/host';
import { safeJsonBytes } from '../output/terminalText';
import type { JsonLayout } from '../output/jsonLayout';
import { nodeFileSystem, toFileSystemPath } from '../../core/workspace/nodeFileSystem';
import { scanWorkspace, type ScanCache } from '../../core/workspace/scan';
import type { WalkMemo } from '../../core/workspace/walkMemo';
import { ScanAnalyzer } from './analyzer';
import type { FindingJson } from './findings';
import { defaultThreadCount } from './workerPool';

export interface ScanOptions {
  /** Directory holding `web-tree-sitter.wasm` and the grammar files. */
  wasmDir: string;
  /** Paths are resolved against it. */
  cwd: string;
  /** Reuse a parser host across scans (tests, bench); one is made otherwise. */
  host?: ParserHost;
  /** Earlier results by content hash (`--cache`). */
  cache?: ScanCache;
  /** Worker threads for parsing when many files need it; 0 parses on the main thread only. */
  threads?: number;
  /** Folder outcomes of the last walk (`--cache`): unchanged folders are not listed again. */
  walkMemo?: WalkMemo;
}

/** The `scan --format json` document. */
export interface ScanResult {
  version: string;
  /** Number of source files scanned (read), skipped ones included. */
  files: number;
  /** File paths relative to the scan root. */
  calls: CallRecord[];
  /** The rules' findings, in the JSON shape (filled in by the scan command once calls are priced). */
  findings: FindingJson[];
  skipped: SkippedFile[];
  /** The directory file paths are relative to (not serialised). */
  root: string;
  /** Whether worker threads parsed files (not serialised). */
  threaded: boolean;
}

export const version = '0.1.0';

/** The directory record paths are relative to: the directory when exactly one is given, else `cwd`. */
export function scanRoot(paths: readonly string[], cwd: string): string {
  const absolute = (paths.length > 0 ? paths : ['.']).map((p) => path.resolve(cwd, p));
  const single = absolute.length === 1 ? statSync(absolute[0] as string, { throwIfNoEntry: false }) : undefined;
  return single?.isDirectory() ? (absolute[0] as string) : path.resolve(cwd);
}

/**
 * The folders values are followed into from the scanned files (`scan` and `fix` alike): the root records are relative
 * to, and each scanned folder.
 */
export function workspaceRoots(root: string, starts: readonly string[]): string[] {
  return [
    ...new Set([
      toFileSystemPath(root),
      ...starts.filter((s) => statSync(s, { throwIfNoEntry: false })?.isDirectory()),
    ]),
  ];
}

/** Scans files and directories with the core's workspace scan over Node's file system. */
export async function scanPaths(paths: string[], options: ScanOptions): Promise<ScanResult> {
  const starts = (paths.length > 0 ? paths : ['.']).map((p) => toFileSystemPath(path.resolve(options.cwd, p)));
  const root = scanRoot(paths, options.cwd);
  const host = options.host ?? new ParserHost(options.wasmDir);
  const roots = workspaceRoots(root, starts);
  const analyzer = new ScanAnalyzer(host, options.wasmDir, options.threads ?? defaultThreadCount(), {
    root: toFileSystemPath(root),
    roots,
  });
  try {
    const scan = await scanWorkspace(starts, {
      fs: nodeFileSystem,
      root: toFileSystemPath(root),
      analyzer,
      cache: options.cache,
      memo: options.walkMemo,
    });
    const listed = new Set(scan.skipped.map((s) => s.file));
    const elsewhere = analyzer.skippedElsewhere().filter((s) => !listed.has(s.file));
    return {
      version,
      files: scan.files,
      // Left to the scan to gather when asked for (a stored result is printed without the records).
      get calls() {
        return scan.calls;
      },
      findings: [],
      skipped: [...scan.skipped, ...elsewhere],
      root,
      threaded: analyzer.threaded,
    };
  } finally {
    await analyzer.close();
    if (!options.host) host.dispose();
  }
}

/**
 * The JSON document of a scan as printed (UTF-8), exactly the documented keys (`prices` and `assumptions` when the
 * calls were priced).
 */
export function toJsonBytes(
  result: ScanResult,
  layout: JsonLayout,
  priced?: { assumptions: unknown; prices: unknown },
): Buffer {
  const { version: v, files, calls, findings, skipped } = result;
  const document =
    priced === undefined
      ? { version: v, files, calls, findings, skipped }
      : { version: v, files, prices: priced.prices, assumptions: priced.assumptions, calls, findings, skipped };
  return safeJsonBytes(document, layout);
}
