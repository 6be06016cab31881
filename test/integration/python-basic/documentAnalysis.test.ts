import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LlmCostLensApi } from '../../../src/editor/api';
import { extensionId, waitFor, workspaceFile } from '../helpers';

async function api(): Promise<LlmCostLensApi> {
  const extension = vscode.extensions.getExtension<LlmCostLensApi>(extensionId);
  assert.ok(extension);
  return extension.activate();
}

describe('document analysis in the editor', function () {
  this.timeout(60_000);

  it('finds the call of an open document, follows edits incrementally, and releases the tree on close', async () => {
    const lens = await api();
    const document = await vscode.workspace.openTextDocument(workspaceFile('app.py'));
    const editor = await vscode.window.showTextDocument(document);

    const first = await lens.analysisFor(document);
    assert.equal(first.calls.length, 1);
    const [call] = first.calls;
    assert.equal(call.sdk, 'openai');
    assert.equal(call.api, 'chat.completions.create');
    assert.equal(call.model, 'gpt-4o-mini');
    assert.equal(call.line, 7);
    assert.equal(lens.holdsTreeFor(document.uri), true);

    // A one-word edit: the tree is edited and re-parsed incrementally, and the record follows it.
    const at = document.getText().indexOf('gpt-4o-mini');
    await editor.edit((edit) =>
      edit.replace(new vscode.Range(document.positionAt(at), document.positionAt(at + 11)), 'gpt-4.1'),
    );
    const second = await lens.analysisFor(document);
    assert.equal(second.version, document.version);
    assert.equal(second.calls[0]?.model, 'gpt-4.1');

    // A second call pasted below, inside a loop: found, with its loop flag.
    const end = document.lineAt(document.lineCount - 1).range.end;
    await editor.edit((edit) =>
      edit.insert(
        end,
        '\n\nfor q in ["a", "b"]:\n    client.embeddings.create(model="text-embedding-3-small", input=q)\n',
      ),
    );
    const third = await lens.analysisFor(document);
    assert.deepEqual(
      third.calls.map((c) => [c.api, c.model, c.inLoop]),
      [
        ['chat.completions.create', 'gpt-4.1', false],
        ['embeddings', 'text-embedding-3-small', true],
      ],
    );

    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(
      () => (lens.holdsTreeFor(document.uri) ? undefined : true),
      'the tree to be released on close',
      30_000,
    );
  });

  it('reports a price table with sources and dates', async () => {
    const lens = await api();
    const table = lens.priceTable();
    assert.ok(table.models.length > 50);
    assert.match(table.generatedAt, /^\d{4}-\d{2}-\d{2}$/);
  });

  it('applies valid price overrides from the settings and skips a bad entry without losing the rest', async () => {
    const lens = await api();
    const config = vscode.workspace.getConfiguration('llmCostLens');
    await config.update(
      'pricing.overrides',
      { 'gpt-4o': { input: 1.5, output: 6 }, 'broken-entry': 'not an object' },
      vscode.ConfigurationTarget.Global,
    );
    try {
      const entry = await waitFor(() => {
        const found = lens.priceTable().models.find((m) => m.id === 'gpt-4o');
        return found && found.prices.input.usd === 1.5 ? found : undefined;
      }, 'the override to apply');
      assert.equal(entry.prices.output?.usd, 6);
      assert.ok(
        lens.priceTable().models.some((m) => m.id === 'gpt-4o-mini'),
        'the rest of the table is kept',
      );
    } finally {
      await config.update('pricing.overrides', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor(
      () => (lens.priceTable().models.find((m) => m.id === 'gpt-4o')?.prices.input.usd === 2.5 ? true : undefined),
      'the bundled price to return',
    );
  });
});
