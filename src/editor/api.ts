import type * as vscode from 'vscode';
import type { CallRecord } from '../core/analysis/types';
import type { CallCost } from '../core/cost';
import type { PriceTable } from '../core/pricing';
import type { Finding } from '../core/rules';
import type { ModelPickView } from './chooseModel';
import type { HoverServed } from './costHover';
import type { DocumentAnalysis } from './documentAnalysis';
import type { StateTimings } from './documentModel';
import type { ReportView } from './report/workspaceReport';

/** A document's state as the surfaces show it: records and their costs (`costs[i]` is `calls[i]`'s). */
export interface DocumentCosts {
  version: number;
  calls: readonly CallRecord[];
  costs: readonly CallCost[];
  skipped?: string;
  timings: StateTimings;
}

/**
 * What `activate` returns: read-only access to the extension's records, for other extensions and for the
 * in-host tests (which check the editor's state through it rather than through pixels).
 */
export interface LlmCostLensApi {
  /** The calls found in a document's current version. */
  analysisFor(document: vscode.TextDocument): Promise<DocumentAnalysis>;
  /** The calls and costs of a document's current version, as the CodeLens, hover and status bar show them. */
  costsFor(document: vscode.TextDocument): Promise<DocumentCosts>;
  /** The cost rules' findings of a document's current version, as its diagnostics and quick fixes show them. */
  findingsFor(document: vscode.TextDocument): Promise<{ version: number; findings: readonly Finding[] }>;
  /** The document version the shown diagnostics were computed from, or undefined before any. */
  diagnosticsShownFor(uri: vscode.Uri): number | undefined;
  /** Whether a syntax tree is held for a document (one per open document, released on close). */
  holdsTreeFor(uri: vscode.Uri): boolean;
  /** The price table in force (the user's file, else Update Prices' map over the bundled snapshot, with overrides). */
  priceTable(): PriceTable;
  /** Fires after the table in force changed (a pricing setting, the price file, Update Prices). */
  onDidChangePriceTable: vscode.Event<void>;
  /** The status bar item's text and tooltip Markdown, or undefined while it is hidden. */
  statusBar(): { text: string; tooltip: string } | undefined;
  /** Where this extension's cost hover was last given (a lens click shows one even with hovers turned off). */
  lastHover(): HoverServed | undefined;
  /** The version of a document whose lenses were last served, when they were the last served at all. */
  lensesServed(uri: vscode.Uri): { version: number; at: number } | undefined;
  /** What the choose-a-model Quick Pick shows while it is open. */
  modelPick(): ModelPickView | undefined;
  /** How many errors the extension's log received since activation (bad input must not add one per keystroke). */
  errorsLogged(): number;
  /** The workspace cost report's figures and what its panel drew, or undefined while the panel is closed. */
  workspaceReport(): ReportView | undefined;
  /** The serializer registered for the report's panel (VS Code calls it after a window reload to restore it). */
  workspaceReportSerializer(): vscode.WebviewPanelSerializer | undefined;
  /** Milliseconds from the start of activation to the first lenses over a call (undefined before). */
  firstLensesMs(): number | undefined;
}
