import type * as vscode from 'vscode';
import type { PriceTable } from '../core/pricing';
import type { DocumentAnalysis } from './documentAnalysis';

/**
 * What `activate` returns: read-only access to the extension's records, for other extensions and for the
 * in-host tests (which check the editor's state through it rather than through pixels).
 */
export interface LlmCostLensApi {
  /** The calls found in a document's current version. */
  analysisFor(document: vscode.TextDocument): Promise<DocumentAnalysis>;
  /** Whether a syntax tree is held for a document (one per open document, released on close). */
  holdsTreeFor(uri: vscode.Uri): boolean;
  /** The price table in force (bundled or the user's file, with overrides). */
  priceTable(): PriceTable;
}
