import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isViewMessage } from '../../../src/editor/report/protocol';
import { reportHtml } from '../../../src/editor/report/reportHtml';

describe('workspace report page and messages', () => {
  const html = reportHtml({
    cspSource: 'https://webview.example',
    scriptUri: 'https://webview.example/dist/webview/report.js',
    styleUri: 'https://webview.example/media/report.css',
    nonce: 'n0nce+/=',
  });

  it('allows only the extension’s own script (with the nonce) and stylesheet', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );
    assert.equal(directives.get('default-src'), "'none'");
    assert.equal(directives.get('script-src'), "'nonce-n0nce+/='");
    assert.equal(directives.get('style-src'), 'https://webview.example');
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(scripts, ['<script nonce="n0nce+/=" src="https://webview.example/dist/webview/report.js">']);
    // Nothing is fetched from anywhere but the webview's own resources.
    for (const url of html.match(/https?:\/\/[^"' ]+/g) ?? [])
      assert.ok(url.startsWith('https://webview.example'), url);
    assert.doesNotMatch(html, /style="/);
  });

  it('accepts only well-formed messages from the page', () => {
    assert.ok(isViewMessage({ type: 'ready' }));
    assert.ok(isViewMessage({ type: 'open', file: 'app.py', line: 3, column: 5 }));
    assert.ok(isViewMessage({ type: 'export', format: 'csv' }));
    assert.ok(!isViewMessage({ type: 'export', format: 'xlsx' }));
    assert.ok(!isViewMessage({ type: 'open', file: 'app.py', line: '3', column: 5 }));
    assert.ok(!isViewMessage({ type: 'open', line: 3, column: 5 }));
    assert.ok(!isViewMessage({ type: 'run', command: 'rm -rf /' }));
    assert.ok(!isViewMessage(null));
    assert.ok(!isViewMessage('ready'));
  });
});
