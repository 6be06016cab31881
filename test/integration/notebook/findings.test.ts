import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { actionsAt, codeOf, diagnosticsWhen } from '../rules/support';
import { workspaceFile } from '../helpers';

const fromUs = (d: vscode.Diagnostic): boolean => d.source === 'LLM Cost Lens';

describe('cost findings in notebook cells', function () {
  this.timeout(120_000);

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('a cell’s call gets its diagnostics on the cell’s own line, and its quick fix edits that cell', async () => {
    const notebook = await vscode.workspace.openNotebookDocument(workspaceFile('triage.ipynb'));
    await vscode.window.showNotebookDocument(notebook);
    // A cell out of view may not have a text model yet: scroll it in.
    vscode.window.activeNotebookEditor?.revealRange(new vscode.NotebookRange(6, 7));
    const cell = notebook.cellAt(6).document;
    await vscode.workspace.openTextDocument(cell.uri);
    const shown = await diagnosticsWhen(cell.uri, (d) => d.length === 2, 'the diagnostics of cell 7');
    assert.deepEqual(shown.map((d) => [codeOf(d), d.range.start.line, d.severity]).sort(), [
      ['batch-candidate', 2, vscode.DiagnosticSeverity.Information],
      ['missing-output-limit', 2, vscode.DiagnosticSeverity.Warning],
    ]);
    // Cell 4's call has its limit: nothing there.
    assert.deepEqual(vscode.languages.getDiagnostics(notebook.cellAt(3).document.uri).filter(fromUs), []);

    const limit = shown.find((d) => codeOf(d) === 'missing-output-limit');
    assert.ok(limit);
    const add = (await actionsAt(cell.uri, limit.range, 'quickfix')).find(
      (a) => a.title === 'Add max_tokens=2048 (sized for a general task)',
    );
    assert.ok(add?.edit, 'the quick fix of the limit');
    const before = cell.getText();
    try {
      assert.ok(await vscode.workspace.applyEdit(add.edit));
      assert.equal(cell.getText(), before.replace('ticket}],\n', 'ticket}],\n        max_tokens=2048,\n'));
      await diagnosticsWhen(
        cell.uri,
        (d) => d.length === 1 && codeOf(d[0] as vscode.Diagnostic) === 'batch-candidate',
        'only the batch finding left',
      );
    } finally {
      const restore = new vscode.WorkspaceEdit();
      restore.replace(cell.uri, new vscode.Range(cell.positionAt(0), cell.positionAt(cell.getText().length)), before);
      await vscode.workspace.applyEdit(restore);
    }
  });
});
