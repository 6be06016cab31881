import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionId, waitFor, workspaceFile } from '../helpers';

describe('activation', () => {
  it('is not active before a file of an analysed language opens', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `extension ${extensionId} is installed in the host`);
    assert.equal(extension.isActive, false);
  });

  it('activates on a Python file and registers its commands', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('app.py'));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'python');
    const extension = vscode.extensions.getExtension(extensionId);
    await waitFor(() => (extension?.isActive ? true : undefined), 'the extension to activate');
    const commands = await vscode.commands.getCommands(true);
    const manifest = extension?.packageJSON as { contributes: { commands: Array<{ command: string }> } };
    const ours = manifest.contributes.commands.map((c) => c.command);
    assert.ok(ours.length > 0);
    for (const id of ours) assert.ok(commands.includes(id), `command ${id} is registered`);
    await vscode.commands.executeCommand('llmCostLens.showLog');
  });
});
