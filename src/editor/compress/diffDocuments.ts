import * as vscode from 'vscode';

export const diffScheme = 'llm-cost-lens-compression';

/**
 * Read-only documents holding the before/after texts of a compression, shown side by side with `vscode.diff`.
 * Contents are kept only for the latest compression of each source document.
 */
export class DiffDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Stores a before/after pair and returns their URIs. */
  put(source: vscode.Uri, before: string, after: string): { before: vscode.Uri; after: vscode.Uri } {
    const name = source.path.split('/').pop() ?? 'prompt';
    const make = (side: string, text: string): vscode.Uri => {
      const uri = vscode.Uri.from({ scheme: diffScheme, path: `/${side}/${name}.txt`, query: source.toString() });
      this.contents.set(uri.toString(), text);
      this.changed.fire(uri);
      return uri;
    };
    return { before: make('original', before), after: make('compressed', after) };
  }

  dispose(): void {
    this.changed.dispose();
    this.contents.clear();
  }
}
