import * as path from 'node:path';
import { maxFileBytes, mentionsLlmSdk, skipReason } from '../analysis/analyze';
import { isNotebookPath, maxNotebookBytes, notebookFromJson, recordsInCells } from '../analysis/notebook';
import type { CallRecord, LanguageId, SkippedFile } from '../analysis/types';
import { languageIdForPath } from '../parsing/languages';
import { baseName, FileTooLargeError, relativePath, type FileStat, type FileSystem } from './fileSystem';
import { decodeSource } from './decode';
import { walkSourceFiles, type WalkOptions } from './walk';

/** Parses and analyses one file the pre-checks let through (it mentions an SDK, it is not minified). */
export interface FileAnalyzer {
  analyze(text: string, languageId: LanguageId, file: string): Promise<CallRecord[]>;
  /** The other files (absolute paths) the last analysis of `file` took values from (cross-file resolution). */
  dependenciesOf?(file: string): readonly string[];
  /**
   * Where the scan is: `done` of `total` source files read or settled, called before each file (the first call,
   * with `done` 0, comes as soon as the walk is over). An analyser with threads plans with it: when to start them,
   * how much to queue on them as the end nears.
   */
  progress?(done: number, total: number): void;
}

/** What a scan remembers about one file. */
export interface FileAnalysis {
  calls: CallRecord[];
  /** Why the file was not analysed (minified, the analyser failed). */
  skipped?: string;
  /** Other files (absolute paths) its records took values from: a cache must check them too. */
  dependsOn?: readonly string[];
}

/**
 * Results of earlier scans by file and content hash (`scan --cache`): a file whose bytes hash the same is not
 * parsed again. `unchanged` lets a cache skip even reading a file whose size and modification time are the
 * ones it recorded (as git's index does); the content hash decides for every other file (a fresh checkout).
 */
export interface ScanCache {
  /** The stored analysis of a file whose size and modification time prove it unchanged, if the cache can tell. */
  unchanged?(file: string, stat: FileStat): FileAnalysis | undefined;
  /** A key for a file's content. */
  hash(bytes: Uint8Array): string;
  get(file: string, hash: string, stat: FileStat | null): FileAnalysis | undefined;
  set(file: string, hash: string, analysis: FileAnalysis, stat: FileStat | null): void;
}

export interface WorkspaceScanOptions extends WalkOptions {
  fs: FileSystem;
  /** What record paths are relative to. */
  root: string;
  analyzer: FileAnalyzer;
  cache?: ScanCache;
  /** Called as files are done (the editor's progress bar). */
  onProgress?: (done: number, total: number) => void;
}

export interface WorkspaceScan {
  /** Source files found (read), skipped ones included. */
  files: number;
  /** In file order, then by position; paths relative to the root. */
  calls: CallRecord[];
  skipped: SkippedFile[];
  /** True when `isCancelled` stopped the scan: the figures cover only part of the workspace. */
  cancelled: boolean;
}

/** Texts handed to the analyser and not yet answered; bounded so that memory stays flat on any tree. */
const maxInFlight = 256;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Scans a workspace: the walk (ignore rules, skipped folders), then per file a read, the cache, the size and
 * minified checks, the SDK pre-check, and the analyser for the files left. Never throws for a bad file: it is
 * listed in `skipped` with the reason.
 */
export async function scanWorkspace(starts: readonly string[], options: WorkspaceScanOptions): Promise<WorkspaceScan> {
  const { fs, root, analyzer, cache } = options;
  const walk = await walkSourceFiles(fs, starts, options);
  const files = walk.files;
  // Records name files as the user sees them from the root (`../x.py` for a file given outside it).
  const relativeTo = (file: string): string =>
    relativePath(root, file) || path.posix.relative(root, file) || baseName(file);
  const relatives = files.map(relativeTo);
  const results: FileAnalysis[] = new Array(files.length);
  const skippedBefore: (SkippedFile | undefined)[] = new Array(files.length);
  const inFlight = new Set<Promise<void>>();
  let done = 0;
  const finished = (): void => {
    done++;
    options.onProgress?.(done, files.length);
  };
  let cancelled = false;
  for (let index = 0; index < files.length; index++) {
    analyzer.progress?.(index, files.length);
    if (options.isCancelled?.()) {
      cancelled = true;
      break;
    }
    const file = files[index] as string;
    const relative = relatives[index] as string;
    const notebook = isNotebookPath(file);
    let languageId = languageIdForPath(file);
    if (!languageId && !notebook) {
      skippedBefore[index] = { file: relative, reason: 'not a Python, TypeScript or JavaScript file' };
      finished();
      continue;
    }
    const stat = cache?.unchanged ? await fs.stat(file) : null;
    const unchanged = stat ? cache?.unchanged?.(relative, stat) : undefined;
    if (unchanged) {
      results[index] = unchanged;
      finished();
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(file, notebook ? maxNotebookBytes : maxFileBytes);
    } catch (error) {
      const limit = notebook ? maxNotebookBytes : maxFileBytes;
      const reason =
        error instanceof FileTooLargeError
          ? `larger than ${limit / (1024 * 1024)} MB`
          : `could not be read: ${describe(error)}`;
      skippedBefore[index] = { file: relative, reason };
      finished();
      continue;
    }
    const hash = cache?.hash(bytes);
    const cached = hash === undefined ? undefined : cache?.get(relative, hash, stat);
    if (cached) {
      results[index] = cached;
      finished();
      continue;
    }
    const remember = (analysis: FileAnalysis): void => {
      results[index] = analysis;
      if (hash !== undefined) cache?.set(relative, hash, analysis, stat);
      finished();
    };
    const decoded = decodeSource(bytes);
    if ('problem' in decoded) {
      remember({ calls: [], skipped: decoded.problem });
      continue;
    }
    // A notebook's code cells, joined in order; its records are mapped back to cells below.
    const code = notebook ? notebookFromJson(decoded.text) : null;
    if (code && 'skipped' in code) {
      remember({ calls: [], skipped: code.skipped });
      continue;
    }
    if (code) languageId = code.languageId;
    const text = code ? code.text : decoded.text;
    const reason = skipReason(text);
    if (reason || !mentionsLlmSdk(text)) {
      remember(reason ? { calls: [], skipped: reason } : { calls: [] });
      continue;
    }
    const job = analyzer.analyze(text, languageId as LanguageId, relative).then(
      (analysed) => {
        const calls = code ? recordsInCells(analysed, code) : analysed;
        const dependsOn = analyzer.dependenciesOf?.(relative) ?? [];
        remember(dependsOn.length > 0 ? { calls, dependsOn } : { calls });
      },
      (error: unknown) => remember({ calls: [], skipped: `could not be analysed: ${describe(error)}` }),
    );
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
    if (inFlight.size >= maxInFlight) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const skipped: SkippedFile[] = walk.skipped.map((s) => ({ file: relativeTo(s.path), reason: s.reason }));
  for (let index = 0; index < files.length; index++) {
    const before = skippedBefore[index];
    if (before) skipped.push(before);
    const result = results[index];
    if (result?.skipped) skipped.push({ file: relatives[index] as string, reason: result.skipped });
  }
  // Gathered when first asked for: a cache can keep records unparsed until then (and a CLI re-scan whose result
  // is stored never asks).
  let calls: CallRecord[] | undefined;
  return {
    files: files.length,
    get calls() {
      calls ??= results.flatMap((result) => result?.calls ?? []);
      return calls;
    },
    skipped,
    cancelled,
  };
}
