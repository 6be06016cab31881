import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { workspaceFile } from '../helpers';
import { api, expectedTitle, lensesWhen, open, pricedLenses, unpricedLenses } from './expectations';

describe('cost lenses', function () {
  this.timeout(60_000);

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('show the exact line over each call of every SDK family', async () => {
    const { priceTable } = await api();
    const files = [...new Set([...pricedLenses, ...unpricedLenses].map((e) => e.file))];
    for (const file of files) {
      await open(file);
      const expected = [
        ...pricedLenses.filter((e) => e.file === file).map((e) => [e.line, expectedTitle(e, priceTable())]),
        ...unpricedLenses.filter((e) => e.file === file).map((e) => [e.line, e.title]),
      ].sort((a, b) => Number(a[0]) - Number(b[0]));
      // Counts start as ≈ estimates until the tokenizer table is loaded: wait for the final titles (the timeout
      // message shows the last ones seen).
      const same = (lenses: { line: number; title: string }[]): boolean =>
        JSON.stringify(lenses.map((l) => [l.line, l.title])) === JSON.stringify(expected);
      const shown = await lensesWhen(workspaceFile(file), same, `lenses on ${file}: ${JSON.stringify(expected)}`);
      assert.deepEqual(
        shown.map((l) => [l.line, l.title]),
        expected,
        file,
      );
    }
  });

  it('never show $0 for a model that is not known, and offer to choose one', async () => {
    for (const { file, line } of unpricedLenses) {
      await open(file);
      const [lens] = await lensesWhen(workspaceFile(file), (l) => l.length === 1, `the lens on ${file}`);
      assert.equal(lens.line, line);
      assert.doesNotMatch(lens.title, /\$/);
      assert.equal(lens.command, 'llmCostLens.chooseModel');
    }
  });

  it('disappear when turned off by the setting and come back when turned on', async () => {
    const uri = workspaceFile('openai_chat.py');
    await open('openai_chat.py');
    await lensesWhen(uri, (l) => l.length === 2, 'the two lenses');
    const config = vscode.workspace.getConfiguration('llmCostLens');
    await config.update('codeLens.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await lensesWhen(uri, (l) => l.length === 0, 'no lenses once turned off');
    } finally {
      await config.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    await lensesWhen(uri, (l) => l.length === 2, 'the lenses back');
  });
});
