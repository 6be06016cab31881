import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isReportPageState, isViewMessage, type ReportPageState } from '../../../src/editor/report/protocol';
import { reportHtml } from '../../../src/editor/report/reportHtml';
import { moreRowsNote } from '../../../src/webview/report/figures';

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

  it('names what a cut breakdown leaves out: files, providers', () => {
    assert.equal(moreRowsNote(2, 'File'), 'and 2 more files — the calls table below lists them all');
    assert.equal(moreRowsNote(1, 'Provider'), 'and 1 more provider — the calls table below lists them all');
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

  it('writes a restored panel’s page state into the page as data, not markup', () => {
    const state: ReportPageState = {
      query: {
        text: '"><script>alert(1)</script> & gpt',
        withFindings: true,
        unpricedOnly: false,
        sort: 'perCall',
        direction: 'ascending',
      },
    };
    const page = reportHtml({
      cspSource: 'https://webview.example',
      scriptUri: 'https://webview.example/dist/webview/report.js',
      styleUri: 'https://webview.example/media/report.css',
      nonce: 'n0nce',
      restored: state,
    });
    const written = /<main id="app" aria-busy="true" data-restored-state="([^"]*)">/.exec(page)?.[1];
    assert.ok(written, 'the state is one attribute of the page');
    const unescaped = written
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    assert.deepEqual(JSON.parse(unescaped), state);
    assert.equal([...page.matchAll(/<script\b/g)].length, 1);
    assert.doesNotMatch(html, /data-restored-state/);
  });

  it('takes back only a page state it can read', () => {
    const query = { text: 'gpt', withFindings: false, unpricedOnly: true, sort: 'monthly', direction: 'descending' };
    assert.ok(isReportPageState({ query }));
    assert.ok(!isReportPageState({ query: { ...query, sort: 'price' } }));
    assert.ok(!isReportPageState({ query: { ...query, direction: 'up' } }));
    assert.ok(!isReportPageState({ query: { ...query, text: 3 } }));
    assert.ok(!isReportPageState({ query: { sort: 'monthly' } }));
    assert.ok(!isReportPageState(undefined));
    assert.ok(!isReportPageState('{"query":{}}'));
  });

  it('accepts the page’s word on the status it shows', () => {
    assert.ok(isViewMessage({ type: 'status-shown', state: 'scanning', overFigures: false }));
    assert.ok(isViewMessage({ type: 'status-shown', state: 'no-folder', overFigures: false }));
    assert.ok(!isViewMessage({ type: 'status-shown', state: 'done', overFigures: false }));
    assert.ok(!isViewMessage({ type: 'status-shown', state: 'scanning' }));
  });
});
