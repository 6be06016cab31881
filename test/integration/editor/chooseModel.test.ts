import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor, workspaceFile } from '../helpers';
import { api, expectedTitle, lensesWhen, open } from './expectations';

describe('choosing the model of a call whose model is not known', function () {
  this.timeout(60_000);

  let original: string | undefined;

  // VS Code for the web saves edits on its own: the fixture is put back, through the editor, for the other tests.
  after(async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('unknown_model.py'));
    if (original !== undefined && document.getText() !== original) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), original);
      await vscode.workspace.applyEdit(edit);
      await document.save();
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists the workspace names first, writes the choice above the call, and the lens becomes priced', async () => {
    const lens = await api();
    const editor = await open('unknown_model.py');
    original = editor.document.getText();
    const uri = workspaceFile('unknown_model.py');
    const [unknown] = await lensesWhen(uri, (l) => l.length === 1, 'the lens');
    assert.equal(unknown.title, 'model not known · choose a model…');
    const choosing = vscode.commands.executeCommand(unknown.command, ...unknown.arguments);
    const view = await waitFor(() => {
      const shown = lens.modelPick();
      return shown && !shown.busy ? shown : undefined;
    }, 'the Quick Pick with the workspace names');
    // OpenAI chat models written elsewhere in the workspace, the most used first (gpt-4o-mini in two files), not
    // the embedding model, not other providers' names.
    assert.deepEqual(view.items.slice(0, 5), [
      '-- Used in this workspace --',
      'gpt-4o-mini',
      'gpt-4.1',
      'gpt-4.1-mini',
      'gpt-4o',
    ]);
    assert.equal(view.items[5], '-- Price table: openai --');
    // The table's current models first; dated snapshots, retired and special-purpose ones after them.
    const older = view.items.indexOf('-- Price table: openai, older and special-purpose --');
    const current = view.items.slice(6, older);
    assert.ok(older > 6 && current.includes('gpt-4o-mini') && current.includes('gpt-5-mini'), current.join());
    assert.ok(!current.some((name) => /^gpt-3\.5|-preview$|^gpt-4o-2024/.test(name)), current.join());
    assert.ok(view.items.slice(older).includes('gpt-3.5-turbo-0613'), view.items.slice(older).join());
    assert.ok(!view.items.includes('claude-sonnet-4-5') && !view.items.includes('text-embedding-3-small'));
    // The active item reaches the extension host a moment after each key: wait for it before the next one.
    let active = await waitFor(() => lens.modelPick()?.active, 'an active item');
    for (let i = 0; i < 10 && active !== 'gpt-4o-mini'; i++) {
      const before = active;
      await vscode.commands.executeCommand('quickInput.next');
      active = await waitFor(() => {
        const now = lens.modelPick()?.active;
        return now !== before ? now : undefined;
      }, 'the next item');
    }
    assert.equal(active, 'gpt-4o-mini');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await choosing;
    // Combined with the calls-per-day annotation already there.
    assert.equal(editor.document.lineAt(9).text, '    # llm-cost-lens: model=gpt-4o-mini, 5000/day');
    const record = (await lens.costsFor(editor.document)).calls[0];
    assert.deepEqual([record.model, record.modelVia, record.callsPerDay], ['gpt-4o-mini', 'annotation', 5000]);
    // 1 dynamic part + 1 message × 3 + 3 = ≈206 tokens, up to 200 out, 5,000 calls a day.
    const expected = expectedTitle(
      {
        file: 'unknown_model.py',
        line: 11,
        model: 'gpt-4o-mini',
        pricedAs: 'gpt-4o-mini',
        inputTokens: 206,
        exact: false,
        output: '≤200 out',
        expectedOutput: 200,
        callsPerDay: 5000,
      },
      lens.priceTable(),
    );
    await lensesWhen(uri, (l) => l.length === 1 && l[0].line === 11 && l[0].title === expected, expected);
  });
});
