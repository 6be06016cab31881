import * as vscode from 'vscode';

/** What VS Code's Jupyter serializer keeps of an .ipynb file besides its cells (older versions nest it in `custom`). */
interface SavedNotebookMetadata {
  metadata?: unknown;
  custom?: { metadata?: unknown };
}

/**
 * An open notebook as the .ipynb JSON its save would write, as far as the core's notebook reader looks: every cell
 * in order with its kind (a code cell in the `raw` language is a raw cell, as the serializer writes it) and text,
 * and the notebook's metadata, which names its language. A scan of it gives the records a scan of the saved file
 * would, cell numbers and lines included.
 */
export function notebookJson(notebook: vscode.NotebookDocument): string {
  const saved = (notebook.metadata ?? {}) as SavedNotebookMetadata;
  const cells = notebook.getCells().map((cell) => ({
    cell_type:
      cell.kind === vscode.NotebookCellKind.Markup ? 'markdown' : cell.document.languageId === 'raw' ? 'raw' : 'code',
    metadata: {},
    source: cell.document.getText().replace(/\r\n/g, '\n'),
  }));
  return JSON.stringify({
    cells,
    metadata: saved.metadata ?? saved.custom?.metadata ?? {},
    nbformat: 4,
    nbformat_minor: 5,
  });
}
