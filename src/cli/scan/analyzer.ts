import type { LanguageId } from '../../core/analysis/types';
import type { ParserHost } from '../../core/parsing/host';
import { hostAnalyzer } from '../../core/workspace/analyzer';
import type { FileAnalyzer } from '../../core/workspace/scan';
import { WorkerPool, workerScript } from './workerPool';

/** Below this many files to parse, starting threads costs more than it saves. */
export const filesBeforeThreads = 24;

/**
 * The CLI's analyser: the first files are parsed on the main thread; once a scan has more than
 * `filesBeforeThreads` to parse, a pool of `threads` worker threads takes the rest. `threads: 0` never starts one.
 */
export class ScanAnalyzer implements FileAnalyzer {
  private readonly local: FileAnalyzer;
  private pool: WorkerPool | undefined;
  private count = 0;
  private started = false;

  constructor(
    host: ParserHost,
    private readonly wasmDir: string,
    private readonly threads: number,
  ) {
    this.local = hostAnalyzer(host);
  }

  analyze(text: string, languageId: LanguageId, file: string) {
    this.count++;
    if (!this.pool && this.threads > 0 && this.count > filesBeforeThreads) {
      const script = workerScript();
      if (script) this.pool = new WorkerPool(this.threads, script, this.wasmDir, this.local);
      this.started = this.pool !== undefined;
    }
    return (this.pool ?? this.local).analyze(text, languageId, file);
  }

  /** Whether threads were started (for tests and the bench). */
  get threaded(): boolean {
    return this.started;
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }
}
