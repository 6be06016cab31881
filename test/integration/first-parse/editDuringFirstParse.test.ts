import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DocumentCosts, LlmCostLensApi } from '../../../src/editor/api';
import { extensionId, waitFor, workspaceFile } from '../helpers';

/** Settles with the promise's value, or rejects naming `what` when it has not settled by the deadline. */
function withinDeadline<T>(promise: Promise<T>, what: string, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * The first analysis of a session waits for the tree-sitter runtime and grammar to load. An edit that lands in
 * that wait used to leave the analysis waiting on itself forever; it must settle with the edited version.
 */
describe('an edit during the first parse', function () {
  this.timeout(60_000);

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('still gives figures for the edited document', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('summarise.py'));
    const extension = vscode.extensions.getExtension<LlmCostLensApi>(extensionId);
    assert.ok(extension);
    const api = await extension.activate();
    assert.equal(api.holdsTreeFor(document.uri), false, 'nothing is parsed before the test asks');

    // Two keystrokes sent back to back: the analysis is asked for as the first one arrives, so the second one
    // reaches the extension host while that analysis waits for the parser to load.
    const editor = await vscode.window.showTextDocument(document);
    const at = document.positionAt(document.getText().indexOf('max_tokens=') + 'max_tokens='.length);
    editor.selection = new vscode.Selection(at, at);
    let first: Promise<DocumentCosts> | undefined;
    let parsedAtFirstEdit: boolean | undefined;
    let settled = false;
    let settledAtSecondEdit: boolean | undefined;
    const watch = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document !== document) return;
      if (!first) {
        parsedAtFirstEdit = api.holdsTreeFor(document.uri);
        first = api.costsFor(document);
        void first.then(() => (settled = true));
      } else settledAtSecondEdit ??= settled;
    });
    await Promise.all([
      vscode.commands.executeCommand('type', { text: '1' }),
      vscode.commands.executeCommand('type', { text: '2' }),
    ]);
    watch.dispose();
    assert.ok(first, 'the first edit was seen');
    assert.equal(parsedAtFirstEdit, false, 'nothing was parsed before the edits');
    assert.equal(settledAtSecondEdit, false, 'the second edit landed while the first analysis was still running');

    const costs = await withinDeadline(first, 'the figures asked for during the first parse', 20_000);
    assert.equal(costs.version, document.version, 'the figures are of the latest version');
    assert.deepEqual(
      costs.calls.map((c) => [c.sdk, c.model, c.outputLimitValue]),
      [['anthropic', 'claude-haiku-4-5', 12300]],
    );
    assert.ok((costs.costs[0]?.monthlyUsd?.expected ?? 0) > 0, 'priced');
    const again = await withinDeadline(api.analysisFor(document), 'a later analysis', 20_000);
    assert.equal(again.version, document.version);
    assert.equal(again.calls[0]?.outputLimitValue, 12300);

    // And the lens, once turned on, shows the edited call.
    await vscode.workspace
      .getConfiguration('llmCostLens')
      .update('codeLens.enabled', true, vscode.ConfigurationTarget.Workspace);
    await waitFor(async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        document.uri,
      );
      return lenses?.some(
        (l) => l.command?.title.startsWith('claude-haiku-4-5 · ≈') && l.command.title.includes('≤12,300 out'),
      )
        ? true
        : undefined;
    }, 'the lens of the edited call');
  });
});
