import type { CallRecord, LanguageId, SkippedFile } from '../../core/analysis/types';
import type { ParserHost } from '../../core/parsing/host';
import { isBpeEncoding, isEncodingLoaded, loadEncodingSoon, tokenizerFamilyFor } from '../../core/tokens';
import { hostAnalyzer } from '../../core/workspace/analyzer';
import type { FileAnalyzer } from '../../core/workspace/scan';
import { diskFiles } from '../../core/project/projectFiles';
import { WorkspaceIndex } from '../../core/project/workspaceIndex';
import type { WorkerWorkspace } from './workerMessages';
import { WorkerPool, workerScript } from './workerPool';

/**
 * Characters of source to parse before threads start. A worker costs about a tenth of a second to start and
 * several tenths of CPU time to warm its own copy of the analysis code up; below about this much text (some 130
 * files of 4 KB, a quarter of a second of parsing) it costs more than it saves. On the public repositories we scan
 * (40-160 files naming an SDK) a worker made the scan slower, in CPU and in wall time.
 */
export const charsBeforeThreads = 512 * 1024;

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

  analyze(text: string, languageId: LanguageId, file: string) {
    this.chars += text.length;
    if (!this.pool && this.threads > 0 && this.chars > charsBeforeThreads) {
      const script = workerScript();
      if (script) this.pool = new WorkerPool(this.threads, script, this.wasmDir, this.local, this.workspace);
      this.started = this.pool !== undefined;
    }
    // The main thread parses too whenever the threads have enough queued: it would otherwise wait idle for them.
    if (!this.pool?.hasRoom()) return this.local.analyze(text, languageId, file);
    this.onThreads++;
    return this.pool.analyze(text, languageId, file).then((calls) => {
      preloadTokenizers(calls);
      return calls;
    });
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
