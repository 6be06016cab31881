import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The report page: the bundled script (dist/webview/report.js) and stylesheet (media/report.css) from the
 * extension only, under a Content-Security-Policy that allows nothing else — no remote scripts, styles, fonts or
 * images, no inline script but the one with this page's nonce.
 */
export function reportHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'report.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'report.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>LLM Cost Report</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="status" role="status">Scanning the workspace…</p></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
