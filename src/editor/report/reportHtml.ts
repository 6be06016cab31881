import type { ReportPageState } from './protocol';

/** What the report page is built from: the webview's CSP source, the URIs of its script and stylesheet, a nonce. */
export interface ReportPageSources {
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  /** Fresh for every page (`crypto.randomBytes(16).toString('base64')`). */
  nonce: string;
  /** The state the page of a restored panel had stored: the new page starts from it, before any figures come. */
  restored?: ReportPageState;
}

const escapeAttribute = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The report page: the bundled script (dist/webview/report.js) and stylesheet (media/report.css) from the
 * extension only, under a Content-Security-Policy that allows nothing else — no remote scripts, styles, fonts or
 * images, no inline script or style, and the one script only with this page's nonce. Free of `vscode` so that a
 * unit test can read it.
 */
export function reportHtml(sources: ReportPageSources): string {
  const { cspSource, nonce } = sources;
  const csp = [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const restored = sources.restored
    ? ` data-restored-state="${escapeAttribute(JSON.stringify(sources.restored))}"`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(sources.styleUri)}">
<title>LLM Cost Report</title>
</head>
<body>
<main id="app" aria-busy="true"${restored}><p class="status" role="status">Scanning the workspace…</p></main>
<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(sources.scriptUri)}"></script>
</body>
</html>`;
}
