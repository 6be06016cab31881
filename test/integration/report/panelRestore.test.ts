import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { selectRows, type RowQuery } from '../../../src/core/report/rows';
import type { LlmCostLensApi } from '../../../src/editor/api';
import type { ReportPageState } from '../../../src/editor/report/protocol';
import { api } from '../editor/expectations';
import { extensionId, waitFor } from '../helpers';
import { cliScan, drawn, near, panelToRestore, reportTabs, restore } from './support';

// A window reload cannot happen inside the test host: these tests hand the registered serializer a panel of the
// report's view type, as VS Code does after a reload, with the state the page would have stored.

/** The state a page stores once the user sorted by $/call, smallest first, and filtered to OpenAI's models. */
const storedQuery: RowQuery = {
  text: 'gpt',
  withFindings: false,
  unpricedOnly: false,
  sort: 'perCall',
  direction: 'ascending',
};

async function closeReport(lens: LlmCostLensApi): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor(() => (lens.workspaceReport() ? undefined : true), 'the report closed');
}

describe('workspace cost report restored after a window reload', function () {
  this.timeout(180_000);

  afterEach(async () => closeReport(await api()));

  it('fills the restored panel from a new scan, saying it scans until then, in the order the user left', async () => {
    const lens = await api();
    // Figures held from a panel closed earlier must not show: files were not watched since.
    await vscode.commands.executeCommand('llmCostLens.showWorkspaceReport');
    const earlier = await drawn(lens, 'the report drawn before the reload');
    await closeReport(lens);

    const panel = panelToRestore();
    await restore(lens, panel, { query: storedQuery } satisfies ReportPageState);
    assert.ok(lens.workspaceReport(), 'the restored panel is the report');
    // Adopted as a new one is made: the page's script only, under a CSP with a nonce, local resources only.
    assert.match(panel.webview.html, /script-src 'nonce-[A-Za-z0-9+/=]{24}'/);
    assert.match(panel.webview.html, /default-src 'none'/);
    assert.equal(panel.webview.options.enableScripts, true);
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    assert.deepEqual(
      panel.webview.options.localResourceRoots?.map((root) => root.path),
      [
        vscode.Uri.joinPath(extension.extensionUri, 'dist', 'webview').path,
        vscode.Uri.joinPath(extension.extensionUri, 'media').path,
      ],
    );

    const { posted, rendered } = await drawn(lens, 'the restored report drawn', earlier.posted.computedAt);
    const cli = await cliScan();
    assert.equal(rendered.calls, cli.calls);
    assert.equal(rendered.unpriced, cli.unpriced);
    assert.ok(near(rendered.monthlyUsd, cli.monthlyUsd), `report ${rendered.monthlyUsd} = CLI ${cli.monthlyUsd}`);

    // The page said it was scanning, with no figures under it, before it drew any; the first it drew were new.
    const shown = lens.workspaceReport()?.shown ?? [];
    assert.deepEqual(shown[0], { status: 'scanning', overFigures: false }, JSON.stringify(shown));
    const firstFigures = shown.find((entry) => 'figures' in entry);
    assert.ok(firstFigures && 'figures' in firstFigures && firstFigures.figures > earlier.posted.computedAt);

    // The sort and filter the page stored are applied to the new figures.
    const expected = selectRows(posted.calls, storedQuery);
    assert.ok(expected.length > 0 && expected.length < posted.calls.length, 'the filter keeps some calls, not all');
    assert.equal(rendered.sort, 'perCall');
    assert.equal(rendered.direction, 'ascending');
    assert.equal(rendered.rows, expected.length);
    assert.deepEqual(
      rendered.order,
      expected.slice(0, 100).map((call) => call.id),
    );
  });

  it('keeps one panel when a panel is restored while the report is open', async () => {
    const lens = await api();
    await vscode.commands.executeCommand('llmCostLens.showWorkspaceReport');
    const open = await drawn(lens, 'the report drawn');
    await waitFor(() => (reportTabs().length === 1 ? true : undefined), 'one report tab');

    const extra = panelToRestore();
    let disposed = false;
    extra.onDidDispose(() => (disposed = true));
    await restore(lens, extra, { query: storedQuery } satisfies ReportPageState);
    await waitFor(() => (disposed ? true : undefined), 'the second panel closed');
    await waitFor(() => (reportTabs().length === 1 ? true : undefined), 'one report tab again');
    // The open report is untouched: the same figures, in the order it had.
    const view = lens.workspaceReport();
    assert.equal(view?.posted?.computedAt, open.posted.computedAt);
    assert.equal(view?.rendered?.sort, open.rendered.sort);
  });

  it('drops a stored state it cannot read, and shows the report in its default order', async () => {
    const lens = await api();
    const panel = panelToRestore();
    await restore(lens, panel, { query: { sort: 'price', direction: 'up' } });
    const { posted, rendered } = await drawn(lens, 'the restored report drawn');
    assert.equal(rendered.sort, 'monthly');
    assert.equal(rendered.direction, 'descending');
    assert.equal(rendered.rows, posted.calls.length);
  });
});
