import { analyzeTree } from '../../src/core/analysis/analyze';
import type { CallRecord } from '../../src/core/analysis/types';
import type { ParserHost } from '../../src/core/parsing/host';
import { languageIdForPath } from '../../src/core/parsing/languages';
import { maxProjectFileBytes, type FileText, type ProjectFiles } from '../../src/core/project/projectFiles';
import { WorkspaceIndex } from '../../src/core/project/workspaceIndex';

/** Workspace files in memory (`/`-separated absolute paths), with the disk's size limit; `reads` counts reads. */
export class MemoryFiles implements ProjectFiles {
  readonly files = new Map<string, string>();
  readonly reads = new Map<string, number>();

  constructor(
    files: Record<string, string> = {},
    private readonly maxBytes = maxProjectFileBytes,
  ) {
    for (const [file, text] of Object.entries(files)) this.files.set(file, text);
  }

  read(path: string): FileText | null {
    const text = this.files.get(path);
    if (text === undefined) return null;
    this.reads.set(path, (this.reads.get(path) ?? 0) + 1);
    if (text.length > this.maxBytes) return { skipped: `larger than ${this.maxBytes} bytes, not read for settings` };
    return { text };
  }

  isFile(path: string): boolean {
    return this.files.has(path);
  }
}

/** A workspace of in-memory files under `/ws`, and the calls of one of them analysed in it. */
export class MemoryWorkspace {
  readonly files: MemoryFiles;
  readonly index: WorkspaceIndex;

  constructor(
    files: Record<string, string>,
    readonly host: ParserHost,
    options: { maxBytes?: number; maxModules?: number } = {},
  ) {
    const absolute: Record<string, string> = {};
    for (const [file, text] of Object.entries(files)) absolute[`/ws/${file}`] = text;
    this.files = new MemoryFiles(absolute, options.maxBytes);
    this.index = new WorkspaceIndex({
      files: this.files,
      host,
      roots: ['/ws'],
      root: '/ws',
      maxModules: options.maxModules,
    });
  }

  write(file: string, text: string): Set<string> {
    this.files.files.set(`/ws/${file}`, text);
    return this.index.invalidate(`/ws/${file}`);
  }

  /** The calls of `file` (a path under the workspace), resolved across the workspace. */
  async calls(file: string): Promise<CallRecord[]> {
    await this.index.prepare();
    const text = this.files.files.get(`/ws/${file}`);
    const languageId = languageIdForPath(file);
    if (text === undefined || !languageId) throw new Error(`no source file ${file}`);
    const tree = await this.host.parse(text, languageId);
    try {
      return analyzeTree(tree, text, languageId, file, { workspace: this.index, path: `/ws/${file}` });
    } finally {
      tree.delete();
      this.index.trim();
    }
  }

  /** The first call's model, how it was found, and where it is written, as one line for assertions. */
  async model(file: string): Promise<string> {
    const [call] = await this.calls(file);
    if (!call) return 'no call';
    const source = call.modelSource ? ` ${call.modelSource.file}:${call.modelSource.line}` : '';
    return `${call.model ?? 'unknown'} (${call.modelVia})${source}`;
  }
}
