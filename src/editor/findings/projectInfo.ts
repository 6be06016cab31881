import * as vscode from 'vscode';
import { projectInfoFromPackageJson, unknownProject, type ProjectInfo } from '../../core/rules';

/** The notebook file a cell document belongs to, when it is open. */
function notebookOf(cell: vscode.Uri): vscode.Uri | undefined {
  const key = cell.toString();
  return vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document.uri.toString() === key))
    ?.uri;
}

/** A manifest larger than this is not read. */
const maxManifestBytes = 1024 * 1024;
const maxLevels = 8;

/**
 * What the `package.json` files above a document say (the Vercel AI SDK version the limit's name depends on),
 * read through the workspace file system and remembered per folder. `infoFor` answers at once from what is
 * known and reads in the background; `onDidChange` fires when a read (or an edited manifest) changes an answer.
 */
export class ProjectInfoService implements vscode.Disposable {
  private readonly byFolder = new Map<string, ProjectInfo | null | 'reading'>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  readonly onDidChange = this.changed.event;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/package.json');
    const reset = (): void => {
      this.byFolder.clear();
      this.changed.fire();
    };
    this.disposables.push(watcher, watcher.onDidChange(reset), watcher.onDidCreate(reset), watcher.onDidDelete(reset));
  }

  infoFor(uri: vscode.Uri): ProjectInfo {
    if (uri.scheme === 'untitled') return { ...unknownProject };
    // A notebook cell's project is its notebook's.
    const notebook = uri.scheme === 'vscode-notebook-cell' ? notebookOf(uri) : undefined;
    let folder = vscode.Uri.joinPath(notebook ?? uri, '..');
    for (let level = 0; level < maxLevels; level++) {
      const known = this.byFolder.get(folder.toString());
      if (known === undefined) {
        this.read(folder);
        return { ...unknownProject };
      }
      if (known === 'reading') return { ...unknownProject };
      if (known && known.vercelAiMajor !== null) return known;
      const parent = vscode.Uri.joinPath(folder, '..');
      if (parent.toString() === folder.toString()) break;
      folder = parent;
    }
    return { ...unknownProject };
  }

  private read(folder: vscode.Uri): void {
    const key = folder.toString();
    this.byFolder.set(key, 'reading');
    const manifest = vscode.Uri.joinPath(folder, 'package.json');
    Promise.resolve(vscode.workspace.fs.stat(manifest))
      .then(async (stat) => {
        if (stat.size > maxManifestBytes) return null;
        return projectInfoFromPackageJson(new TextDecoder().decode(await vscode.workspace.fs.readFile(manifest)));
      })
      .catch(() => null)
      .then((info) => {
        this.byFolder.set(key, info);
        // An answer past this folder may now be known: ask again.
        this.changed.fire();
      });
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
