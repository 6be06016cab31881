import * as vscode from 'vscode';
import { unknownProject, type ProjectInfo } from '../../core/rules';
import { manifestNames, ProjectManifests } from '../../core/workspace/projectInfo';
import { workspaceFileSystem } from '../workspaceFileSystem';

/** The notebook file a cell document belongs to, when it is open. */
function notebookOf(cell: vscode.Uri): vscode.Uri | undefined {
  const key = cell.toString();
  return vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document.uri.toString() === key))
    ?.uri;
}

/**
 * What the manifests above a document say (`package.json`, `requirements.txt`, `pyproject.toml`: the SDK versions
 * the limit's name depends on),
 * found by the core's ProjectManifests through the workspace file system. `infoFor` answers at once from what is
 * known and looks in the background; `onDidChange` fires when a look (or an edited manifest) changes an answer.
 */
export class ProjectInfoService implements vscode.Disposable {
  /** One reader per file system root (scheme and authority), so each folder's manifest is read once. */
  private readonly manifests = new Map<string, ProjectManifests>();
  private readonly byFile = new Map<string, ProjectInfo | 'reading'>();
  /** Counts manifest changes: a look begun before the latest one is stale. */
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  readonly onDidChange = this.changed.event;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/{${manifestNames.join(',')}}`);
    const reset = (): void => {
      this.generation++;
      this.manifests.clear();
      this.byFile.clear();
      this.changed.fire();
    };
    this.disposables.push(watcher, watcher.onDidChange(reset), watcher.onDidCreate(reset), watcher.onDidDelete(reset));
  }

  infoFor(uri: vscode.Uri): ProjectInfo {
    if (uri.scheme === 'untitled') return { ...unknownProject };
    // A notebook cell's project is its notebook's.
    const file = uri.scheme === 'vscode-notebook-cell' ? (notebookOf(uri) ?? uri) : uri;
    const key = file.toString();
    const known = this.byFile.get(key);
    if (known === undefined) this.look(file, key);
    return known && known !== 'reading' ? known : { ...unknownProject };
  }

  private look(file: vscode.Uri, key: string): void {
    this.byFile.set(key, 'reading');
    const generation = this.generation;
    const root = file.with({ path: '/', query: '', fragment: '' });
    let manifests = this.manifests.get(root.toString());
    if (!manifests) {
      manifests = new ProjectManifests(workspaceFileSystem(root));
      this.manifests.set(root.toString(), manifests);
    }
    void manifests
      .infoFor(file.path)
      .catch(() => ({ ...unknownProject }))
      .then((info) => {
        // A manifest changed while this look ran: its answer is stale (the reset made the document ask again).
        if (generation !== this.generation) return;
        this.byFile.set(key, info);
        // Until now the answer was unknown: only a known version changes it.
        if (Object.values(info).some((value) => value !== null)) this.changed.fire();
      });
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
