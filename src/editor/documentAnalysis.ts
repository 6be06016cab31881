import * as vscode from 'vscode';
import { DocumentAnalyzer } from '../core/analysis/incremental';
import type { CallRecord } from '../core/analysis/types';
import { DocumentTrees, isLanguageId, type DocumentTree, type ParserHost, type TextChange } from '../core/parsing';
import { log } from './log';

/** The analysis of one document version. */
export interface DocumentAnalysis {
  version: number;
  calls: CallRecord[];
  /** Set when the document was not analysed (too large, minified); no calls then. */
  skipped?: string;
}

/** The core's checks before parsing: why a document is skipped (too large, minified), and whether it can hold a call. */
export interface Prefilter {
  skipReason(text: string): string | null;
  mentionsLlmSdk(text: string): boolean;
}

/**
 * Keeps one syntax tree per open document of an analysed language, re-parsed incrementally on every edit, and
 * releases it when the document closes. A document's calls are computed the first time they are asked for; after
 * that each edit re-analyses only what it can affect (core DocumentAnalyzer), so surfaces read fresh records.
 */
export class DocumentAnalysisService implements vscode.Disposable {
  private documentTrees: DocumentTrees | undefined;
  private readonly results = new Map<string, DocumentAnalysis>();
  private readonly analyzers = new Map<string, DocumentAnalyzer>();
  private readonly pending = new Map<string, Promise<DocumentAnalysis>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's tree changed (edit, open, close): surfaces refresh from it. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly parserHost: () => ParserHost,
    private readonly prefilter: Prefilter,
  ) {
    this.disposables.push(
      this.changed,
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
      if (!isLanguageId(languageId)) return { version, calls: [] };
      const skipped = this.prefilter.skipReason(text);
      if (skipped || !this.prefilter.mentionsLlmSdk(text)) {
        // Nothing to parse: no tree is kept until an edit brings an SDK in.
        this.release(document.uri);
        return this.remember(key, skipped ? { version, calls: [], skipped } : { version, calls: [] });
      }
      const tree = await this.trees().update(key, text, version, languageId);
      if (document.version === version) return this.analyzeTree(document, tree);
    }
  }

  private analyzeTree(
    document: vscode.TextDocument,
    entry: DocumentTree,
    changes?: readonly TextChange[],
  ): DocumentAnalysis {
    const key = document.uri.toString();
    let analyzer = this.analyzers.get(key);
    if (!analyzer) {
      analyzer = new DocumentAnalyzer();
      this.analyzers.set(key, analyzer);
    }
    const file = document.uri.scheme === 'file' ? document.uri.fsPath : document.uri.toString();
    try {
      const calls = analyzer.analyze(entry.tree, entry.text, entry.languageId, file, changes, entry.changedRanges);
      return this.remember(key, { version: entry.version, calls });
    } catch (error) {
      // A bug in the analyser must not take the editor down: report it and show no calls for this version.
      this.analyzers.delete(key);
      log().error(`Analysis of ${document.uri.toString()} failed:`, error);
      return this.remember(key, {
        version: entry.version,
        calls: [],
        skipped: 'the analyser failed on this file (see the log)',
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
    const key = document.uri.toString();
    const held = this.documentTrees?.get(key);
    if (event.contentChanges.length === 0) return;
    if (!held) {
      // Not parsed yet (or no SDK mentioned before this edit): surfaces ask again and get a fresh analysis.
      if (isLanguageId(document.languageId)) this.changed.fire(document.uri);
      return;
    }
    if (!isLanguageId(document.languageId) || this.parserHost().isLoaded(document.languageId) === false) {
      this.release(document.uri);
      return;
    }
    const text = document.getText();
    if (this.prefilter.skipReason(text)) {
      this.release(document.uri);
      this.changed.fire(document.uri);
      return;
    }
    // Incremental re-parse and re-analysis of what the edit can affect: a few milliseconds on a large file.
    const changes = event.contentChanges.map((c) => ({
      start: c.rangeOffset,
      oldEnd: c.rangeOffset + c.rangeLength,
      newText: c.text,
    }));
    const entry = this.trees().updateSync(key, text, document.version, document.languageId, changes);
    this.analyzeTree(document, entry, changes);
    this.changed.fire(document.uri);
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
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    this.documentTrees?.dispose();
    this.results.clear();
    this.analyzers.clear();
  }
}
