import * as vscode from 'vscode';
import { analyzeCalls, maxFileBytes, mentionsLlmSdk } from '../core/analysis/analyze';
import { joinCells, recordsInCells } from '../core/analysis/notebook';
import type { Workspace } from '../core/analysis/resolver';
import type { CallRecord } from '../core/analysis/types';
import { isLanguageId, type ParserHost } from '../core/parsing';

/** Whether a document is a notebook cell (each cell of an open notebook is a document of its own). */
export function isNotebookCell(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'vscode-notebook-cell';
}

/** The open notebook a cell document belongs to, and the cell. */
export function notebookOf(
  document: vscode.TextDocument,
): { notebook: vscode.NotebookDocument; cell: vscode.NotebookCell } | undefined {
  const key = document.uri.toString();
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cell = notebook.getCells().find((c) => c.document.uri.toString() === key);
    if (cell) return { notebook, cell };
  }
  return undefined;
}

/** The other cell documents of the same notebook (their values may come from this one). */
export function siblingCells(document: vscode.TextDocument): vscode.TextDocument[] {
  const found = notebookOf(document);
  if (!found) return [];
  return found.notebook
    .getCells()
    .map((c) => c.document)
    .filter((d) => d.uri.toString() !== document.uri.toString());
}

export interface CellAnalysis {
  calls: CallRecord[];
  skipped?: string;
}

/**
 * The calls of one code cell, resolved over the notebook's code cells joined in order (a constant or client
 * from an earlier cell counts, IPython magics are left out); offsets and lines are the cell's own.
 */
export async function analyzeCell(
  document: vscode.TextDocument,
  host: ParserHost,
  around?: { workspace: Workspace; path: string },
): Promise<CellAnalysis> {
  const found = notebookOf(document);
  const languageId = document.languageId;
  if (!found || !isLanguageId(languageId)) return { calls: [] };
  const cells = found.notebook
    .getCells()
    .filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === languageId)
    .map((c) => ({ cell: c.index + 1, source: c.document.getText() }));
  const code = joinCells(cells, languageId);
  if (code.text.length > maxFileBytes) return { calls: [], skipped: 'the notebook’s code is larger than 1 MB' };
  const span = code.cells.find((s) => s.cell === found.cell.index + 1);
  if (!span || !mentionsLlmSdk(code.text)) return { calls: [] };
  const file = found.notebook.uri.scheme === 'file' ? found.notebook.uri.fsPath : found.notebook.uri.toString();
  const tree = await host.parse(code.text, languageId);
  try {
    const analysed = analyzeCalls(tree, code.text, languageId, file, {
      within: [{ start: span.start, end: span.end }],
      ...around,
    });
    const records = recordsInCells(
      analysed.map((a) => a.record),
      code,
    ).filter((r) => r.cell === span.cell);
    return { calls: records };
  } finally {
    tree.delete();
  }
}
