import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { FileTooLargeError, type DirectoryEntry, type EntryKind, type FileSystem } from '../core/workspace';

function kindOf(type: vscode.FileType): EntryKind {
  if (type & vscode.FileType.SymbolicLink) return 'symlink';
  if (type & vscode.FileType.Directory) return 'directory';
  return type & vscode.FileType.File ? 'file' : 'other';
}

/**
 * The core's FileSystem over a workspace folder's files: paths are the folder URI's `path`s. Local folders are
 * read with Node's asynchronous API (each call of `workspace.fs` goes through the workbench); others (remote,
 * virtual) with `workspace.fs`. Asynchronous throughout, so a scan never holds the extension host for long.
 */
export function workspaceFileSystem(folder: vscode.Uri): FileSystem {
  const at = (path: string): vscode.Uri => folder.with({ path });
  if (folder.scheme === 'file') {
    return {
      async readDirectory(dir) {
        const entries = await fs.readdir(at(dir).fsPath, { withFileTypes: true });
        return entries.map((e): DirectoryEntry => ({
          name: e.name,
          kind: e.isFile() ? 'file' : e.isDirectory() ? 'directory' : e.isSymbolicLink() ? 'symlink' : 'other',
        }));
      },
      async readFile(file, maxBytes = Number.MAX_SAFE_INTEGER) {
        const native = at(file).fsPath;
        const { size } = await fs.stat(native);
        if (size > maxBytes) throw new FileTooLargeError(file, size);
        return fs.readFile(native);
      },
      async stat(path) {
        const info = await fs.stat(at(path).fsPath).catch(() => null);
        if (!info) return null;
        const kind: EntryKind = info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
        return { kind, size: info.size, mtimeMs: info.mtimeMs };
      },
    };
  }
  return {
    async readDirectory(dir) {
      return (await vscode.workspace.fs.readDirectory(at(dir))).map(([name, type]) => ({ name, kind: kindOf(type) }));
    },
    async readFile(file, maxBytes = Number.MAX_SAFE_INTEGER) {
      const { size } = await vscode.workspace.fs.stat(at(file));
      if (size > maxBytes) throw new FileTooLargeError(file, size);
      return vscode.workspace.fs.readFile(at(file));
    },
    async stat(path) {
      const info = await Promise.resolve(vscode.workspace.fs.stat(at(path))).catch(() => null);
      return info ? { kind: kindOf(info.type), size: info.size, mtimeMs: info.mtime } : null;
    },
  };
}
