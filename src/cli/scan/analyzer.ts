import type { LanguageId, SkippedFile } from '../../core/analysis/types';
import type { ParserHost } from '../../core/parsing/host';
import { hostAnalyzer } from '../../core/workspace/analyzer';
import type { FileAnalyzer } from '../../core/workspace/scan';
import { diskFiles } from '../../core/project/projectFiles';
import { WorkspaceIndex } from '../../core/project/workspaceIndex';
import type { WorkerWorkspace } from './workerMessages';
import { WorkerPool, workerScript } from './workerPool';

/** Below this many files to parse, starting threads costs more than it saves. */
export const filesBeforeThreads = 24;

/**
 * The CLI's analyser: the first files are parsed on the main thread; once a scan has more than
 * `filesBeforeThreads` to parse, a pool of `threads` worker threads takes the rest. `threads: 0` never starts one.
 */
export class ScanAnalyzer implements FileAnalyzer {
  private readonly local: FileAnalyzer;
  private readonly index: WorkspaceIndex | undefined;
  private pool: WorkerPool | undefined;
  private count = 0;
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
    this.count++;
    if (!this.pool && this.threads > 0 && this.count > filesBeforeThreads) {
      const script = workerScript();
      if (script) this.pool = new WorkerPool(this.threads, script, this.wasmDir, this.local, this.workspace);
      this.started = this.pool !== undefined;
    }
    return (this.pool ?? this.local).analyze(text, languageId, file);
  }

  dependenciesOf(file: string): readonly string[] {
    return (this.pool ?? this.local).dependenciesOf?.(file) ?? [];
  }

  /** Whether threads were started (for tests and the bench). */
  get threaded(): boolean {
    return this.started;
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
