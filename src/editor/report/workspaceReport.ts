import * as vscode from 'vscode';
import type { ReportModel } from '../../core/report';
import { configSection } from '../config';
import { log } from '../log';
import { isNotebookCell, notebookOf } from '../notebookCells';
import type { PricingService } from '../pricingService';
import {
  isReportPageState,
  type ExportFormat,
  type RenderedReport,
  type ScanStatus,
  type ViewMessage,
} from './protocol';
import { ReportScanCache } from './reportCache';
import { exportReport } from './reportExport';
import { reportFigures } from './reportFigures';
import { ReportPanel, type PageShown } from './reportPanel';
import { folderPrefix, scanForReport, type ReportScan, type ReportScanDeps } from './reportScan';
import { isReportNotebook, isReportSource } from './unsavedEdits';

/** After a save or a change on disk, the report waits this long for more before it scans again. */
const refreshDelayMs = 500;

/** While someone types, the report waits for a pause this long: each refresh walks the whole workspace. */
const typingDelayMs = 1500;

/** Files whose change can change the report: sources, the config files values are read from, ignore rules. */
const watchedFiles =
  '**/{*.py,*.pyi,*.ipynb,*.ts,*.tsx,*.mts,*.cts,*.js,*.jsx,*.mjs,*.cjs,*.json,*.yaml,*.yml,*.toml,.env,.env.*,.gitignore}';

const noFolder: ScanStatus = {
  state: 'no-folder',
  message: 'No folder is open: open a folder to see its cost report.',
};

/** What the report shows now, for the extension API and the tests. */
export interface ReportView {
  /** The figures last sent to the panel. */
  posted: ReportModel | undefined;
  /** What the panel said it drew from them. */
  rendered: RenderedReport | undefined;
  /** What the panel said it showed first, in order (status lines and figures). */
  shown: readonly PageShown[];
  /** A scan is running. */
  scanning: boolean;
}

/**
 * LLM Cost Lens: Show Workspace Cost Report. Scans the workspace (progress, cancel), prices it with the core's
 * workspace bill, and shows one panel; while the panel is open, edits (saved or not: a file with unsaved edits
 * counts as the editor shows it), files changed on disk, settings and price changes update it (only changed
 * files are read and parsed again).
 */
export class WorkspaceReport implements vscode.Disposable {
  private panel: ReportPanel | undefined;
  private scan: ReportScan | undefined;
  private model: ReportModel | undefined;
  /** What the panel shows instead of figures, or above them (until the next figures). */
  private status: ScanStatus | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  /** Files changed since the last refresh was scheduled to start, by URI. */
  private readonly changedFiles = new Map<string, vscode.Uri>();
  private readonly cache = new ReportScanCache();
  private watching: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly deps: ReportScanDeps,
    private readonly pricing: PricingService,
  ) {}

  /** Opens the panel (or brings it forward) and fills it; the first time, with a scan the user can cancel. */
  async show(): Promise<void> {
    if (this.panel) {
      this.panel.panel.reveal();
      return;
    }
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showInformationMessage('LLM Cost Lens: open a folder to see its cost report.');
      return;
    }
    this.attach(ReportPanel.create(this.extensionUri, (message) => void this.onMessage(message)));
    await this.rescan(this.model ? 'background' : 'foreground');
  }

  /**
   * The panel VS Code gives back after a window reload (the serializer's), with the state its page stored: it is
   * adopted, the page gets the state back, and a background scan fills it. Figures held from an earlier panel are
   * not shown (nothing was watched since): the page says it is scanning until new ones come. One panel only: a
   * panel restored while the report is open is closed.
   */
  restore(webviewPanel: vscode.WebviewPanel, state: unknown): void {
    if (this.panel) {
      webviewPanel.dispose();
      return;
    }
    const restored = isReportPageState(state) ? state : undefined;
    this.scan = undefined;
    this.model = undefined;
    this.attach(new ReportPanel(webviewPanel, this.extensionUri, (message) => void this.onMessage(message), restored));
    void this.rescan('background');
  }

  private attach(panel: ReportPanel): void {
    this.panel = panel;
    panel.panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
      this.stopWatching();
    });
    this.startWatching();
  }

  view(): ReportView | undefined {
    return this.panel
      ? {
          posted: this.model,
          rendered: this.panel.rendered(),
          shown: this.panel.shown(),
          scanning: this.running !== undefined,
        }
      : undefined;
  }

  /** Exports the report in force (scanning first when there is none) to `target` or where the user says. */
  async export(format: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (!this.model) await this.show();
    if (!this.model) return undefined;
    const written = await exportReport(this.model, format, target);
    if (written && !target) {
      void vscode.window.showInformationMessage(
        `LLM Cost Lens: the cost report was written to ${vscode.workspace.asRelativePath(written)}.`,
      );
    }
    return written;
  }

  private async onMessage(message: ViewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        // The page (re)loaded: it holds nothing yet.
        if (this.model) this.panel?.post({ type: 'report', report: this.model });
        if (this.status) this.panel?.post({ type: 'status', status: this.status });
        return;
      case 'open':
        return this.openCall(message.file, message.line, message.column);
      case 'export':
        await this.export(message.format).catch((error: unknown) => {
          log().error('Exporting the cost report failed:', error);
          void vscode.window.showErrorMessage(`LLM Cost Lens: the export failed: ${String(error)}`);
        });
        return;
      case 'rescan':
        this.cache.clear();
        return this.rescan('foreground');
      case 'rendered':
      case 'status-shown':
        return;
    }
  }

  /** Opens the code of a call the report lists (nothing else: the page names calls, not arbitrary files). */
  private async openCall(file: string, line: number, column: number): Promise<void> {
    const scan = this.scan;
    const index = scan?.records.findIndex((r) => r.file === file && r.line === line && r.column === column) ?? -1;
    if (!scan || index < 0) return;
    const record = scan.records[index];
    const folder = scan.folders[scan.folderOf[index]];
    const relative = record.file.slice(folderPrefix(scan.folders, folder).length);
    const uri = vscode.Uri.joinPath(folder.uri, relative);
    const beside = this.panel?.panel.viewColumn === vscode.ViewColumn.One;
    const viewColumn = beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
    if (record.cell !== undefined) {
      await vscode.commands.executeCommand('vscode.open', uri, { viewColumn });
      return;
    }
    const at = new vscode.Position(record.line - 1, record.column - 1);
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(at, at), viewColumn, preview: true });
  }

  private rescan(kind: 'foreground' | 'background'): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.runScan(kind).finally(() => {
      this.running = undefined;
      if (this.again && this.panel) {
        this.again = false;
        void this.rescan('background');
      }
    });
    return this.running;
  }

  private async runScan(kind: 'foreground' | 'background'): Promise<void> {
    if (!vscode.workspace.workspaceFolders?.length) {
      this.scan = undefined;
      this.model = undefined;
      this.postStatus(noFolder);
      return;
    }
    const title = 'LLM Cost Lens: scanning the workspace for LLM calls';
    this.postStatus(
      this.model
        ? { state: 'refreshing', message: 'Updating…' }
        : { state: 'scanning', message: 'Scanning the workspace for LLM calls…' },
    );
    try {
      await vscode.window.withProgress(
        {
          location: kind === 'foreground' ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window,
          title,
          cancellable: kind === 'foreground',
        },
        async (progress, token) => {
          let shown = 0;
          const scan = await scanForReport(
            this.deps,
            this.cache,
            (done, total, folder) => {
              const percent = Math.floor((done / Math.max(total, 1)) * 100);
              if (percent <= shown && done !== total) return;
              progress.report({ message: `${folder}: ${done} of ${total} files`, increment: percent - shown });
              shown = percent;
            },
            token,
          );
          this.scan = scan;
          await this.recompute();
        },
      );
    } catch (error) {
      log().error('The workspace cost report could not be made:', error);
      const message = error instanceof Error ? error.message : String(error);
      this.postStatus({ state: 'failed', message: `The scan failed: ${message}` });
    }
  }

  private postStatus(status: ScanStatus): void {
    this.status = status;
    this.panel?.post({ type: 'status', status });
  }

  /** Prices the last scan again (new prices or settings), without reading any file. */
  private async recompute(): Promise<void> {
    if (!this.scan) return;
    this.model = await reportFigures(this.scan, this.pricing);
    this.status = undefined;
    this.panel?.post({ type: 'report', report: this.model });
  }

  private scheduleRescan(delayMs = refreshDelayMs): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.forgetChanged();
      void this.rescan('background');
    }, delayMs);
  }

  /**
   * A file changed: it, and the files that read values from it, are read again at the next scan. They are dropped
   * from the cache when the refresh starts, not on every keystroke (dropping looks through every cached file).
   */
  private changed(uri: vscode.Uri, delayMs = refreshDelayMs): void {
    if (!vscode.workspace.getWorkspaceFolder(uri)) return;
    this.changedFiles.set(uri.toString(), uri);
    this.scheduleRescan(delayMs);
  }

  private forgetChanged(): void {
    for (const uri of this.changedFiles.values()) {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!folder) continue;
      const relative = uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
      this.cache.forget(folder.uri.toString(), relative, uri.path);
    }
    this.changedFiles.clear();
  }

  /** Typing in a source file, or undoing back to the saved text, or closing it unsaved: it counts as shown. */
  private edited(document: vscode.TextDocument): void {
    if (isReportSource(document)) this.changed(document.uri, typingDelayMs);
    else if (isNotebookCell(document)) {
      // A cell is a document of its own; the notebook is the file the report reads.
      const notebook = notebookOf(document)?.notebook;
      if (notebook && isReportNotebook(notebook)) this.changed(notebook.uri, typingDelayMs);
    }
  }

  private startWatching(): void {
    const watcher = vscode.workspace.createFileSystemWatcher(watchedFiles);
    const recompute = (): void =>
      void this.recompute().catch((error: unknown) => log().error('Updating the cost report failed:', error));
    this.watching = [
      watcher,
      watcher.onDidChange((uri) => this.changed(uri)),
      watcher.onDidCreate((uri) => this.changed(uri)),
      watcher.onDidDelete((uri) => this.changed(uri)),
      vscode.workspace.onDidSaveTextDocument((document) => this.changed(document.uri)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.edited(event.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (this.scan?.unsaved.has(document.uri.toString())) this.edited(document);
      }),
      // Cells added, removed or moved in a notebook (typing in a cell is a text document's change).
      vscode.workspace.onDidChangeNotebookDocument((event) => {
        if (event.contentChanges.length > 0 && isReportNotebook(event.notebook))
          this.changed(event.notebook.uri, typingDelayMs);
      }),
      vscode.workspace.onDidSaveNotebookDocument((notebook) => this.changed(notebook.uri)),
      vscode.workspace.onDidCloseNotebookDocument((notebook) => {
        if (this.scan?.unsaved.has(notebook.uri.toString())) this.changed(notebook.uri, typingDelayMs);
      }),
      // A notebook reverted, or closed without saving, tells the extension host only that it is no longer dirty
      // (no change of its cells' text follows): its tab says so.
      vscode.window.tabGroups.onDidChangeTabs((event) => {
        for (const tab of [...event.changed.filter((t) => !t.isDirty), ...event.closed]) {
          if (tab.input instanceof vscode.TabInputNotebook && this.scan?.unsaved.has(tab.input.uri.toString()))
            this.changed(tab.input.uri);
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleRescan()),
      this.pricing.onDidChange(recompute),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('files.exclude')) this.scheduleRescan();
        else if (event.affectsConfiguration(configSection)) recompute();
      }),
    ];
  }

  private stopWatching(): void {
    clearTimeout(this.timer);
    this.forgetChanged();
    for (const disposable of this.watching) disposable.dispose();
    this.watching = [];
  }

  dispose(): void {
    this.stopWatching();
    this.panel?.dispose();
  }
}
