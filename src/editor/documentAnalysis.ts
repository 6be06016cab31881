import * as vscode from 'vscode';
import { DocumentAnalyzer } from '../core/analysis/incremental';
import type { CallRecord } from '../core/analysis/types';
import { DocumentTrees, isLanguageId, type DocumentTree, type ParserHost, type TextChange } from '../core/parsing';
import { log } from './log';
import { analyzeCell, isNotebookCell, notebookOf, siblingCells } from './notebookCells';
import type { WorkspaceIndexService } from './workspaceIndexService';

/** The analysis of one document version. */
export interface DocumentAnalysis {
  version: number;
  /** The text analysed: record offsets are offsets into it. */
  text: string;
  calls: CallRecord[];
  /** Set when a document that mentions an LLM SDK was not analysed (too large, minified, analyser failure). */
  skipped?: string;
  /** Milliseconds spent on this version in the extension host: re-parse and re-analysis. */
  analysisMs: number;
}

/** The core's checks before parsing: why a document is skipped (too large, minified), and whether it can hold a call. */
export interface Prefilter {
  skipReason(text: string): string | null;
  mentionsLlmSdk(text: string): boolean;
}

/**
 * Keeps one syntax tree per open document of an analysed language and releases it when the document closes.
 * A document's calls are computed the first time they are asked for. Edits only queue their changes (so a burst
 * of keystrokes costs one re-parse); the next request applies them all: an incremental re-parse and a
 * re-analysis of what they can affect (core DocumentAnalyzer).
 */
export class DocumentAnalysisService implements vscode.Disposable {
  private documentTrees: DocumentTrees | undefined;
  private readonly results = new Map<string, DocumentAnalysis>();
  private readonly analyzers = new Map<string, DocumentAnalyzer>();
  private readonly pending = new Map<string, Promise<DocumentAnalysis>>();
  /** Per held tree: the changes made since its text, in the order VS Code reported them. */
  private readonly queuedChanges = new Map<string, TextChange[]>();
  /** Documents whose analysis failed: the failure is logged once, not on every keystroke. */
  private readonly failing = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when a document's text changed or its tree was released: surfaces ask again. */
  readonly onDidChange = this.changed.event;
  private readonly changedAround = new vscode.EventEmitter<vscode.Uri>();
  /**
   * Fires when another file that a document's values came from changed (its version did not): its analysis is
   * dropped, and a cached state built on it must be too.
   */
  readonly onDidChangeAround = this.changedAround.event;

  constructor(
    private readonly parserHost: () => ParserHost,
    private readonly prefilter: Prefilter,
    /** The workspace around open documents, for cross-file resolution (none: same-file resolution only). */
    private readonly workspace?: WorkspaceIndexService,
  ) {
    this.disposables.push(
      this.changed,
      this.changedAround,
      ...(workspace ? [workspace.onDidAffect((paths) => this.reanalyseReaders(paths))] : []),
      vscode.workspace.onDidChangeTextDocument((event) => this.onEdit(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.release(document.uri)),
      // VS Code disposes a document minutes after its last tab closes; a tree is released as soon as no tab shows it.
      vscode.window.tabGroups.onDidChangeTabs((event) => {
        if (event.closed.length > 0) this.releaseUntabbed();
      }),
    );
  }

  /** The calls in a document (its current version); parses it the first time. */
  async analysisFor(document: vscode.TextDocument): Promise<DocumentAnalysis> {
    const key = document.uri.toString();
    const known = this.results.get(key);
    if (known && known.version === document.version) return known;
    if (isNotebookCell(document)) return this.analyzeNotebookCell(document);
    const held = this.documentTrees?.get(key);
    if (held && held.languageId === document.languageId && this.parserHost().isLoaded(held.languageId)) {
      return this.reanalyze(document, held);
    }
    const running = this.pending.get(key);
    if (running) return running;
    const job = this.compute(document).finally(() => this.pending.delete(key));
    this.pending.set(key, job);
    return job;
  }

  /** Whether a tree is held for the document (for tests of the lifecycle). */
  hasTree(uri: vscode.Uri): boolean {
    return this.documentTrees?.get(uri.toString()) !== undefined;
  }

  private async compute(document: vscode.TextDocument): Promise<DocumentAnalysis> {
    const key = document.uri.toString();
    // An edit can land while the parser loads: then the new text is parsed in the next round. (Asking
    // analysisFor() again here would return this very job, which would then wait on itself forever.)
    for (;;) {
      const version = document.version;
      const text = document.getText();
      const languageId = document.languageId;
      if (!isLanguageId(languageId)) return { version, text, calls: [], analysisMs: 0 };
      const unanalysed = this.unanalysed(document, text);
      if (unanalysed) return unanalysed;
      // Cross-file values need the workspace index ready before the first (synchronous) analysis.
      if (this.workspace?.pathOf(document.uri)) await this.workspace.ready();
      const tree = await this.trees().update(key, text, version, languageId);
      this.queuedChanges.delete(key);
      if (document.version === version) return this.analyzeTree(document, tree, performance.now());
    }
  }

  /** A notebook cell, resolved over the notebook's code cells in order (not kept as a tree: cells are short). */
  private async analyzeNotebookCell(document: vscode.TextDocument): Promise<DocumentAnalysis> {
    const started = performance.now();
    const version = document.version;
    const text = document.getText();
    const notebook = notebookOf(document)?.notebook;
    const path = notebook ? this.workspace?.pathOf(notebook.uri) : undefined;
    const index = path ? await this.workspace?.ready() : undefined;
    try {
      const { calls, skipped } = await analyzeCell(
        document,
        this.parserHost(),
        index && path ? { workspace: index, path } : undefined,
      );
      this.workspace?.trim();
      const result: DocumentAnalysis = { version, text, calls, analysisMs: performance.now() - started };
      if (skipped) result.skipped = skipped;
      return document.version === version ? this.remember(document.uri.toString(), result) : result;
    } catch (error) {
      log().error(`Analysis of ${document.uri.toString()} failed:`, error);
      return { version, text, calls: [], skipped: 'the analysis failed on this cell (see the log)', analysisMs: 0 };
    }
  }

  /** The result for a document that is not parsed (nothing to find, or too large/minified), or undefined. */
  private unanalysed(document: vscode.TextDocument, text: string): DocumentAnalysis | undefined {
    const skipped = this.prefilter.skipReason(text);
    if (!skipped && this.prefilter.mentionsLlmSdk(text)) return undefined;
    // No tree is kept until an edit brings an SDK in (or makes the file small enough).
    this.release(document.uri);
    // A huge or minified file is only worth a word when it would otherwise have been analysed.
    const result: DocumentAnalysis = { version: document.version, text, calls: [], analysisMs: 0 };
    if (skipped && this.prefilter.mentionsLlmSdk(text)) result.skipped = skipped;
    return this.remember(document.uri.toString(), result);
  }

  /** The queued edits applied to a held tree: incremental re-parse and re-analysis, synchronously. */
  private reanalyze(document: vscode.TextDocument, held: DocumentTree): DocumentAnalysis {
    const started = performance.now();
    const key = document.uri.toString();
    const text = document.getText();
    const unanalysed = this.unanalysed(document, text);
    if (unanalysed) return unanalysed;
    const changes = this.queuedChanges.get(key) ?? [];
    this.queuedChanges.delete(key);
    const entry = this.trees().updateSync(key, text, document.version, held.languageId, changes);
    return this.analyzeTree(document, entry, started, changes);
  }

  private analyzeTree(
    document: vscode.TextDocument,
    entry: DocumentTree,
    started: number,
    changes?: readonly TextChange[],
  ): DocumentAnalysis {
    const key = document.uri.toString();
    let analyzer = this.analyzers.get(key);
    if (!analyzer) {
      const path = this.workspace?.pathOf(document.uri);
      const index = path ? this.workspace?.current() : undefined;
      analyzer = new DocumentAnalyzer(index ?? null, index ? path : undefined);
      this.analyzers.set(key, analyzer);
    }
    const file = document.uri.scheme === 'file' ? document.uri.fsPath : document.uri.toString();
    const base = { version: entry.version, text: entry.text };
    try {
      const calls = analyzer.analyze(entry.tree, entry.text, entry.languageId, file, changes, entry.changedRanges);
      this.workspace?.trim();
      this.failing.delete(key);
      return this.remember(key, { ...base, calls, analysisMs: performance.now() - started });
    } catch (error) {
      // A bug in the analyser must not take the editor down: report it once and show no calls for this version.
      this.analyzers.delete(key);
      if (!this.failing.has(key)) log().error(`Analysis of ${document.uri.toString()} failed:`, error);
      this.failing.add(key);
      return this.remember(key, {
        ...base,
        calls: [],
        skipped: 'the analysis failed on this file (see the log)',
        analysisMs: performance.now() - started,
      });
    }
  }

  private remember(key: string, analysis: DocumentAnalysis): DocumentAnalysis {
    this.results.set(key, analysis);
    return analysis;
  }

  private trees(): DocumentTrees {
    this.documentTrees ??= new DocumentTrees(this.parserHost());
    return this.documentTrees;
  }

  private onEdit(event: vscode.TextDocumentChangeEvent): void {
    const { document } = event;
    if (event.contentChanges.length === 0 || !isLanguageId(document.languageId)) return;
    const key = document.uri.toString();
    if (isNotebookCell(document)) {
      // A later cell may read a name this cell defines: the notebook's other cells are analysed again too.
      for (const sibling of siblingCells(document)) {
        if (this.results.delete(sibling.uri.toString())) this.changedAround.fire(sibling.uri);
      }
    }
    if (this.documentTrees?.get(key)) {
      const queue = this.queuedChanges.get(key) ?? [];
      for (const c of event.contentChanges) {
        queue.push({ start: c.rangeOffset, oldEnd: c.rangeOffset + c.rangeLength, newText: c.text });
      }
      this.queuedChanges.set(key, queue);
    }
    this.changed.fire(document.uri);
  }

  /** Documents whose values came from a file that changed: analysed again in full on next request. */
  private reanalyseReaders(paths: Set<string>): void {
    for (const key of [...this.analyzers.keys()]) {
      const uri = vscode.Uri.parse(key);
      const path = this.workspace?.pathOf(uri);
      if (!path || !paths.has(path)) continue;
      this.analyzers.get(key)?.reset();
      this.results.delete(key);
      this.changedAround.fire(uri);
    }
  }

  private releaseUntabbed(): void {
    const shown = new Set<string>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        const input = tab.input;
        if (input instanceof vscode.TabInputText) shown.add(input.uri.toString());
        else if (input instanceof vscode.TabInputTextDiff) {
          shown.add(input.original.toString());
          shown.add(input.modified.toString());
        }
      }
    }
    // A document asked for again later is simply parsed again.
    for (const key of [...this.results.keys()]) if (!shown.has(key)) this.release(vscode.Uri.parse(key));
  }

  private release(uri: vscode.Uri): void {
    const key = uri.toString();
    this.documentTrees?.close(key);
    this.results.delete(key);
    this.analyzers.delete(key);
    this.queuedChanges.delete(key);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    this.documentTrees?.dispose();
    this.results.clear();
    this.analyzers.clear();
    this.queuedChanges.clear();
  }
}
