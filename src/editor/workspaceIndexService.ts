import * as vscode from 'vscode';
import type { ParserHost } from '../core/parsing';
import { configKind } from '../core/project/configFiles';
import { diskFiles, overlayFiles } from '../core/project/projectFiles';
import { WorkspaceIndex } from '../core/project/workspaceIndex';
import { log } from './log';

/** Edits in another file wait this long after the last keystroke before the files that read it are re-analysed. */
const editSettleMs = 400;
/** Modules kept parsed between analyses in the editor (the LRU ones beyond it are freed). */
const maxModules = 128;
const maxChars = 4_000_000;

const watchedFiles = '**/{*.py,*.ts,*.tsx,*.mts,*.cts,*.js,*.jsx,*.mjs,*.cjs,*.json,*.yaml,*.yml,*.toml,.env,.env.*}';

/**
 * The workspace around the open documents, for the core's cross-file resolution: a WorkspaceIndex over the
 * workspace folders, created on first need, reading open documents' unsaved text before the disk. A change to a
 * file (an edit, a save, a file created or deleted) drops that file and the modules that read it from the
 * index, and `onDidAffect` names every file whose values came from it: only those are analysed again, once the
 * edits settle — never the whole workspace.
 */
export class WorkspaceIndexService implements vscode.Disposable {
  private index: WorkspaceIndex | undefined;
  private prepared: Promise<WorkspaceIndex | undefined> | undefined;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly affected = new vscode.EventEmitter<Set<string>>();
  /** Fires with the absolute paths of the files whose analyses a change may have changed. */
  readonly onDidAffect = this.affected.event;
  private readonly disposables: vscode.Disposable[] = [this.affected];

  constructor(private readonly parserHost: () => ParserHost) {
    const watcher = vscode.workspace.createFileSystemWatcher(watchedFiles);
    this.disposables.push(
      watcher,
      watcher.onDidChange((uri) => this.changed(uri, 0)),
      watcher.onDidCreate((uri) => this.changed(uri, 0)),
      watcher.onDidDelete((uri) => this.changed(uri, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.changed(event.document.uri, editSettleMs);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.changed(document.uri, 0)),
    );
  }

  /** The index, ready to answer synchronously; undefined for a workspace without local folders. */
  ready(): Promise<WorkspaceIndex | undefined> {
    this.prepared ??= this.create().catch((error: unknown) => {
      log().warn('Cross-file resolution is off: the workspace index could not start:', error);
      return undefined;
    });
    return this.prepared;
  }

  /** The index when it is ready, without waiting (the synchronous re-analysis after an edit). */
  current(): WorkspaceIndex | undefined {
    return this.index;
  }

  /** The index path of a document, when it lies in a local workspace folder. */
  pathOf(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(uri)) return undefined;
    return uri.path;
  }

  /** Frees the least recently used modules beyond the budget (between analyses). */
  trim(): void {
    this.index?.trim();
  }

  private async create(): Promise<WorkspaceIndex | undefined> {
    const roots = (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map((f) => f.uri.path);
    if (roots.length === 0) return undefined;
    const open = (path: string): string | undefined =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.path === path)?.getText();
    const index = new WorkspaceIndex({
      files: overlayFiles(open, diskFiles()),
      host: this.parserHost(),
      roots,
      // Records of other files name them as the explorer does: relative to their workspace folder.
      display: (path) => vscode.workspace.asRelativePath(vscode.Uri.file(path), false),
      maxModules,
      maxChars,
    });
    await index.prepare();
    this.index = index;
    return index;
  }

  private changed(uri: vscode.Uri, delayMs: number): void {
    const path = this.pathOf(uri);
    if (!path || !this.index || !(this.isSource(path) || configKind(path))) return;
    clearTimeout(this.timers.get(path));
    const apply = (): void => {
      this.timers.delete(path);
      const readers = this.index?.invalidate(path);
      if (readers && readers.size > 1) this.affected.fire(readers);
    };
    if (delayMs === 0) apply();
    else this.timers.set(path, setTimeout(apply, delayMs));
  }

  private isSource(path: string): boolean {
    return /\.(py|pyi|[cm]?[jt]sx?)$/.test(path);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const disposable of this.disposables) disposable.dispose();
    this.index?.dispose();
  }
}
