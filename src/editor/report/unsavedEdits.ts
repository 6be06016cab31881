import * as vscode from 'vscode';
import { isNotebookPath } from '../../core/analysis/notebook';
import { languageIdForPath } from '../../core/parsing/languages';
import { FileTooLargeError, type FileSystem } from '../../core/workspace';
import { isNotebookCell } from '../notebookCells';
import { notebookJson } from '../notebookJson';

/** Open documents' texts with unsaved edits, by URI (as a string), taken at one moment. */
export type UnsavedTexts = ReadonlyMap<string, string>;

/**
 * Whether the report reads this document: a Python, TypeScript or JavaScript file, or a notebook opened as text
 * (a notebook's cells are documents of their own: the notebook counts, see `isReportNotebook`).
 */
export function isReportSource(document: vscode.TextDocument): boolean {
  const { uri } = document;
  return (
    uri.scheme !== 'untitled' &&
    !isNotebookCell(document) &&
    (languageIdForPath(uri.path) !== undefined || isNotebookPath(uri.path))
  );
}

/** Whether the report reads this open notebook: a Jupyter notebook saved somewhere (not an untitled one). */
export function isReportNotebook(notebook: vscode.NotebookDocument): boolean {
  return notebook.uri.scheme !== 'untitled' && isNotebookPath(notebook.uri.path);
}

/**
 * The source documents and notebooks with unsaved edits now: the report prices what the editor shows, as the
 * lenses do, and the scan and the rules read the same snapshot so that offsets agree. A notebook reads as the
 * .ipynb JSON its save would write.
 */
export function unsavedTexts(): UnsavedTexts {
  const texts = new Map<string, string>();
  for (const document of vscode.workspace.textDocuments)
    if (document.isDirty && isReportSource(document)) texts.set(document.uri.toString(), document.getText());
  for (const notebook of vscode.workspace.notebookDocuments)
    if (notebook.isDirty && isReportNotebook(notebook)) texts.set(notebook.uri.toString(), notebookJson(notebook));
  return texts;
}

/**
 * A workspace folder's file system in which a file with unsaved edits reads as its editor text. Its modification
 * time is NaN, which equals nothing: a cache can never take it as unchanged, and its content hash decides.
 */
export function withUnsavedEdits(fs: FileSystem, folder: vscode.Uri, unsaved: UnsavedTexts): FileSystem {
  if (unsaved.size === 0) return fs;
  // Encoded once per file: the scan asks for its size (stat) and then for its bytes.
  const encoded = new Map<string, Uint8Array>();
  const bytesOf = (path: string): Uint8Array | undefined => {
    const text = unsaved.get(folder.with({ path }).toString());
    if (text === undefined) return undefined;
    let bytes = encoded.get(path);
    if (!bytes) {
      bytes = new TextEncoder().encode(text);
      encoded.set(path, bytes);
    }
    return bytes;
  };
  return {
    readDirectory: (dir) => fs.readDirectory(dir),
    async readFile(file, maxBytes = Number.MAX_SAFE_INTEGER) {
      const bytes = bytesOf(file);
      if (!bytes) return fs.readFile(file, maxBytes);
      if (bytes.byteLength > maxBytes) throw new FileTooLargeError(file, bytes.byteLength);
      return bytes;
    },
    async stat(path) {
      const info = await fs.stat(path);
      const bytes = bytesOf(path);
      if (!info || !bytes) return info;
      return { kind: info.kind, size: bytes.byteLength, mtimeMs: Number.NaN };
    },
  };
}
