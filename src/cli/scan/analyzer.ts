import type { CallRecord, LanguageId, SkippedFile } from '../../core/analysis/types';
import type { ParserHost } from '../../core/parsing/host';
import { isBpeEncoding, isEncodingLoaded, loadEncodingSoon, tokenizerFamilyFor } from '../../core/tokens';
import { hostAnalyzer } from '../../core/workspace/analyzer';
import type { FileAnalyzer } from '../../core/workspace/scan';
import { diskFiles } from '../../core/project/projectFiles';
import { WorkspaceIndex } from '../../core/project/workspaceIndex';
import type { WorkerWorkspace } from './workerMessages';
import { minQueuedChars, queuedCharsPerThread, WorkerPool, workerScript } from './workerPool';

/**
 * Characters of source to parse before threads start. A worker costs about a tenth of a second to start and
 * several tenths of CPU time to warm its own copy of the analysis code up; below about this much text (some 130
 * files of 4 KB, a quarter of a second of parsing) it costs more than it saves. On the public repositories we scan
 * (40-160 files naming an SDK) a worker made the scan slower, in CPU and in wall time.
 */
export const charsBeforeThreads = 512 * 1024;

/** Files read before the text they hold is taken as a sample of the whole walk's (see `progress`). */
export const filesToJudgeText = 400;

/**
 * Text to parse, projected over the whole walk from the files read so far, from which the threads are started at
 * once rather than after `charsBeforeThreads`: a thread takes about a tenth of a second to load, and the main
 * thread would parse alone meanwhile. A smaller projection is left to `charsBeforeThreads`, since a thread started
 * for little costs its load in CPU time (a tree of 2,000 files with a few calls: 0.16 s).
 */
export const charsToStartThreadsEarly = 4 * charsBeforeThreads;

/**
 * Characters a thread may have queued before the main thread parses the next file itself, when `chars` of text
 * were handed out for parsing in the first `done` of `total` files. Toward the end of the walk it shrinks to a
 * share of what is expected to be left (the text per file read so far, times the files left), so that the
 * threads' backlog is done about when the main thread runs out of files, rather than the main thread waiting up
 * to a full queue (a third of a second of parsing) for them.
 */
export function threadQueueLimit(chars: number, done: number, total: number, threads: number): number {
  if (done === 0 || total === 0) return queuedCharsPerThread;
  const expectedLeft = (chars * (total - done)) / done;
  return Math.min(queuedCharsPerThread, Math.max(minQueuedChars, expectedLeft / (threads + 1)));
}

/**
 * Loads the tokenizer tables the calls' models are counted with, the next time this thread is idle (waiting for
 * the threads): pricing, which needs the tables, comes after the scan.
 */
function preloadTokenizers(calls: readonly CallRecord[]): void {
  for (const call of calls) {
    const family = call.model ? tokenizerFamilyFor(call.model) : null;
    if (family && isBpeEncoding(family) && !isEncodingLoaded(family)) {
      loadEncodingSoon(family).catch(() => undefined);
    }
  }
}

/**
 * The CLI's analyser: the first files are parsed on the main thread; once a scan has had more than
 * `charsBeforeThreads` to parse, a pool of `threads` worker threads shares the rest with the main thread, which
 * takes a file whenever every thread has enough queued. `threads: 0` never starts one.
 */
export class ScanAnalyzer implements FileAnalyzer {
  private readonly local: FileAnalyzer;
  private readonly index: WorkspaceIndex | undefined;
  private pool: WorkerPool | undefined;
  private chars = 0;
  private onThreads = 0;
  private started = false;
  /** Files of the walk read so far, and in all (see `progress`). */
  private done = 0;
  private total = 0;

  /** `workspace`: follow values into the other files under these roots (cross-file resolution). */
  constructor(
    host: ParserHost,
    private readonly wasmDir: string,
    private readonly threads: number,
    private readonly workspace?: WorkerWorkspace,
  ) {
    this.index = workspace ? new WorkspaceIndex({ files: diskFiles(), host, ...workspace }) : undefined;
    this.local = hostAnalyzer(host, this.index);
  }

  progress(done: number, total: number): void {
    this.done = done;
    this.total = total;
    if (done >= filesToJudgeText && (this.chars * total) / done >= charsToStartThreadsEarly) this.startThreads();
  }

  analyze(text: string, languageId: LanguageId, file: string) {
    this.chars += text.length;
    if (this.chars > charsBeforeThreads) this.startThreads();
    // The main thread parses too whenever the threads have enough queued: it would otherwise wait idle for them.
    if (!this.pool?.hasRoom(this.queueLimit())) return this.local.analyze(text, languageId, file);
    this.onThreads++;
    return this.pool.analyze(text, languageId, file).then((calls) => {
      preloadTokenizers(calls);
      return calls;
    });
  }

  private startThreads(): void {
    if (this.pool || this.threads === 0) return;
    const script = workerScript();
    if (script) this.pool = new WorkerPool(this.threads, script, this.wasmDir, this.local, this.workspace);
    this.started = this.pool !== undefined;
  }

  private queueLimit(): number {
    return threadQueueLimit(this.chars, this.done, this.total, this.threads);
  }

  dependenciesOf(file: string): readonly string[] {
    return (this.pool ?? this.local).dependenciesOf?.(file) ?? [];
  }

  /** Whether threads were started (for tests and the bench). */
  get threaded(): boolean {
    return this.started;
  }

  /** How many files were handed to the threads; the others were parsed on the main thread (tests). */
  get filesOnThreads(): number {
    return this.onThreads;
  }

  /** Files the workspace index could not read for settings, with the reason (too large, chains too long). */
  skippedElsewhere(): SkippedFile[] {
    const notes = new Map<string, string>();
    for (const note of [...(this.index?.skippedFiles() ?? []), ...(this.pool?.skippedElsewhere() ?? [])])
      notes.set(note.file, note.reason);
    return [...notes].map(([file, reason]) => ({ file, reason }));
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
    this.index?.dispose();
  }
}
