import * as vscode from 'vscode';

export const adviceScheme = 'llm-cost-lens-advice';

/**
 * Advice of rules that no edit can apply (the batch API, windowing a history), shown as a read-only Markdown
 * page: `llm-cost-lens-advice:/<code>.md`, rendered in the Markdown preview when there is one.
 */
export class AdvicePages implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly pages = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.pages.get(uri.path) ?? '';
  }

  async show(code: string, title: string, text: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.from({ scheme: adviceScheme, path: `/${code}.md` });
    this.pages.set(uri.path, `# ${title}\n\n${text}\n`);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', document.uri);
    } catch {
      await vscode.window.showTextDocument(document, { preview: true });
    }
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
