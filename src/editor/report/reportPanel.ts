import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { log } from '../log';
import { isViewMessage, type HostMessage, type RenderedReport, type ViewMessage } from './protocol';
import { reportHtml } from './reportHtml';

export const reportViewType = 'llmCostLens.workspaceReport';

/** The one webview panel of the workspace cost report: its page, and the typed messages both ways. */
export class ReportPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private lastRendered: RenderedReport | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(extensionUri: vscode.Uri, onMessage: (message: ViewMessage) => void) {
    this.panel = vscode.window.createWebviewPanel(
      reportViewType,
      'LLM Cost Report',
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: [
          vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
          vscode.Uri.joinPath(extensionUri, 'media'),
        ],
      },
    );
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    const webview = this.panel.webview;
    webview.html = reportHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'report.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'report.css')).toString(),
      nonce: randomBytes(16).toString('base64'),
    });
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((message: unknown) => {
        if (!isViewMessage(message)) {
          log().warn('The cost report sent a message it should not:', message);
          return;
        }
        if (message.type === 'rendered') this.lastRendered = message.rendered;
        onMessage(message);
      }),
    );
  }

  post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  /** What the page last said it drew. */
  rendered(): RenderedReport | undefined {
    return this.lastRendered;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    this.panel.dispose();
  }
}
