import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { log } from '../log';
import {
  isViewMessage,
  type HostMessage,
  type RenderedReport,
  type ReportPageState,
  type ScanStatus,
  type ViewMessage,
} from './protocol';
import { reportHtml } from './reportHtml';

export const reportViewType = 'llmCostLens.workspaceReport';

const shownKept = 50;

/** What the page said it showed: a status line (alone or above figures), or figures. */
export type PageShown =
  { status: ScanStatus['state']; overFigures: boolean } | { figures: RenderedReport['computedAt'] };

/** Scripts from the bundle only, and resources from the extension's `dist/webview` and `media` only. */
function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
      vscode.Uri.joinPath(extensionUri, 'media'),
    ],
  };
}

/** The one webview panel of the workspace cost report: its page, and the typed messages both ways. */
export class ReportPanel implements vscode.Disposable {
  private lastRendered: RenderedReport | undefined;
  /** What the page showed first (a bounded log: a panel left open is refreshed on every save). */
  private readonly pageShown: PageShown[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  /** A new panel in the active column. */
  static create(extensionUri: vscode.Uri, onMessage: (message: ViewMessage) => void): ReportPanel {
    const panel = vscode.window.createWebviewPanel(
      reportViewType,
      'LLM Cost Report',
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      { ...webviewOptions(extensionUri), enableFindWidget: true },
    );
    return new ReportPanel(panel, extensionUri, onMessage);
  }

  /**
   * Fills `panel` with the report page: a new one, or the panel VS Code restores after a window reload (given to
   * the serializer with the page state it stored: `restored`, which the new page starts from).
   */
  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    onMessage: (message: ViewMessage) => void,
    restored?: ReportPageState,
  ) {
    panel.title = 'LLM Cost Report';
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    const webview = panel.webview;
    webview.options = webviewOptions(extensionUri);
    webview.html = reportHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'report.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'report.css')).toString(),
      nonce: randomBytes(16).toString('base64'),
      restored,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => {
        if (!isViewMessage(message)) {
          log().warn('The cost report sent a message it should not:', message);
          return;
        }
        if (message.type === 'rendered') {
          this.lastRendered = message.rendered;
          this.logShown({ figures: message.rendered.computedAt });
        } else if (message.type === 'status-shown') {
          this.logShown({ status: message.state, overFigures: message.overFigures });
        }
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

  /** What the page said it showed first, in order. */
  shown(): readonly PageShown[] {
    return this.pageShown;
  }

  private logShown(shown: PageShown): void {
    if (this.pageShown.length < shownKept) this.pageShown.push(shown);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    this.panel.dispose();
  }
}
