import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { apiError, startFakeOpenAi, type FakeServer } from '../../support/fakeOpenAi';
import { waitFor, workspaceFile } from '../helpers';

/** The text of the extension's log as the Output view shows it (the view's model is a document extensions see). */
function shownLog(marker: string): string | undefined {
  return vscode.workspace.textDocuments
    .filter((document) => document.uri.scheme === 'output')
    .map((document) => document.getText())
    .find((text) => text.includes(marker));
}

describe('the extension log', function () {
  this.timeout(60_000);
  let server: FakeServer;

  before(async () => {
    // A hostile server: its error message carries the key it was sent and terminal control sequences.
    server = await startFakeOpenAi(() => ({
      status: 401,
      body: apiError('Incorrect API key provided: sk-test-log-key. hostile\u001b[2J\u001b]0;title\u0007\u009b31mend'),
    }));
    const config = vscode.workspace.getConfiguration('llmCostLens');
    await config.update('compressor.baseUrl', server.baseURL, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('llmCostLens.setApiKey', 'sk-test-log-key');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await server.close();
  });

  it('shows a server’s control characters escaped and never the API key', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('support_bot.py'));
    const editor = await vscode.window.showTextDocument(document);
    const at = document.positionAt(document.getText().indexOf('Please note') + 2);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('llmCostLens.compressPrompt', { apply: 'best' });
    await vscode.commands.executeCommand('llmCostLens.showLog');
    const text = await waitFor(() => shownLog('hostile'), 'the log in the Output view, with the server’s message');
    const line = text.split('\n').find((l) => l.includes('hostile')) ?? '';
    assert.ok(line.includes('hostile\\x1b[2J\\x1b]0;title\\x07\\x9b31mend'), line);
    // eslint-disable-next-line no-control-regex -- the point: no raw control character in the log
    assert.doesNotMatch(text, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    assert.ok(!text.includes('sk-test-log-key'), line);
  });
});
