import * as vscode from 'vscode';
import { languageIdForPath } from '../../core/parsing/languages';
import { FileTooLargeError, type FileSystem } from '../../core/workspace';

/** Open documents' texts with unsaved edits, by URI (as a string), taken at one moment. */
export type UnsavedTexts = ReadonlyMap<string, string>;

/** Whether the report reads this document: a Python, TypeScript or JavaScript file (notebooks are read on disk). */
export function isReportSource(document: vscode.TextDocument): boolean {
  return document.uri.scheme !== 'untitled' && languageIdForPath(document.uri.path) !== undefined;
}

/**
 * The source documents with unsaved edits now: the report prices what the editor shows, as the lenses do, and the
 * scan and the rules read the same snapshot so that offsets agree.
 */
export function unsavedTexts(): UnsavedTexts {
  return new Map(
    vscode.workspace.textDocuments
      .filter((document) => document.isDirty && isReportSource(document))
      .map((document) => [document.uri.toString(), document.getText()]),
  );
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
