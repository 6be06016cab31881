import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api } from '../editor/expectations';
import { waitFor } from '../helpers';
import { panelToRestore, restore } from '../report/support';

// The window is a workspace with no folder in it: a report panel restored here has nothing to scan.
describe('workspace cost report restored into a window with no folder', function () {
  this.timeout(60_000);

  it('says that no folder is open instead of scanning', async () => {
    assert.equal(vscode.workspace.workspaceFolders?.length ?? 0, 0);
    const lens = await api();
    await restore(lens, panelToRestore(), undefined);
    const shown = await waitFor(() => {
      const view = lens.workspaceReport();
      return view?.shown.some((entry) => 'status' in entry && entry.status === 'no-folder') ? view : undefined;
    }, 'the restored panel saying no folder is open');
    // Only that (it may be said twice: once queued, once when the page said it was ready), never "Scanning…".
    for (const entry of shown.shown) assert.deepEqual(entry, { status: 'no-folder', overFigures: false });
    assert.equal(shown.posted, undefined);
    assert.equal(shown.scanning, false);
  });
});
