import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lensesWhen } from '../editor/expectations';
import { workspaceFile } from '../helpers';

/** The notebook's cell at a 0-based index (cell 4 of the fixture is index 3). */
async function openNotebook(): Promise<vscode.NotebookDocument> {
  const notebook = await vscode.workspace.openNotebookDocument(workspaceFile('triage.ipynb'));
  await vscode.window.showNotebookDocument(notebook);
  return notebook;
}

describe('lenses in notebook cells', function () {
  this.timeout(90_000);

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('price a cell’s call with a constant from an earlier cell, on the cell’s own line', async () => {
    const notebook = await openNotebook();
    const classify = notebook.cellAt(3).document;
    const [lens] = await lensesWhen(
      classify.uri,
      (l) => l.length === 1 && l[0].title.startsWith('gpt-4o-mini ·'),
      'the lens of cell 4',
    );
    assert.equal(lens.line, 2);
    // A cell out of view may not have a text model yet: scroll it in.
    vscode.window.activeNotebookEditor?.revealRange(new vscode.NotebookRange(5, 6));
    await vscode.workspace.openTextDocument(notebook.cellAt(5).document.uri);
    const [claude] = await lensesWhen(
      notebook.cellAt(5).document.uri,
      (l) => l.length === 1 && l[0].title.startsWith('claude-haiku-4-5 ·'),
      'the lens of cell 6',
    );
    assert.equal(claude.line, 3);
    // The %%bash cell is not Python: no lens, though its text looks like a call.
    await vscode.workspace.openTextDocument(notebook.cellAt(4).document.uri);
    const bash = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      notebook.cellAt(4).document.uri,
    );
    assert.equal((bash ?? []).filter((l) => l.command?.command.startsWith('llmCostLens.')).length, 0);
  });

  it('update a later cell’s lens when the earlier cell that sets its model is edited', async () => {
    const notebook = await openNotebook();
    const setup = notebook.cellAt(1).document;
    const start = setup.getText().indexOf('"gpt-4o-mini"');
    assert.ok(start >= 0);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(setup.uri, new vscode.Range(setup.positionAt(start), setup.positionAt(start + 13)), '"gpt-4.1-nano"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await lensesWhen(
      notebook.cellAt(3).document.uri,
      (l) => l.length === 1 && l[0].title.startsWith('gpt-4.1-nano ·'),
      'the lens of cell 4 after editing cell 2',
    );
  });
});
