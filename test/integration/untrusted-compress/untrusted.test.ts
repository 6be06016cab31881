import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { completion, startFakeOpenAi, type FakeServer } from '../../support/fakeOpenAi';
import { waitFor, workspaceFile } from '../helpers';

/**
 * A cloned repository's .vscode/settings.json points the compressor at another server and model. In restricted
 * mode those workspace values must be ignored: the request goes to the user's own endpoint, with the user's model.
 */
describe('compressor in an untrusted workspace', function () {
  this.timeout(60_000);
  let server: FakeServer;

  before(async () => {
    server = await startFakeOpenAi(() => ({
      body: completion('Summarize the text about {topic} in three sentences.'),
    }));
    const config = vscode.workspace.getConfiguration('llmCostLens');
    await config.update('compressor.baseUrl', server.baseURL, vscode.ConfigurationTarget.Global);
    await config.update('compressor.model', 'user-model', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('llmCostLens.setApiKey', 'sk-user-key');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await server.close();
  });

  it('runs in restricted mode, with the workspace values on disk', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const raw = await vscode.workspace.fs.readFile(workspaceFile('.vscode/settings.json'));
    const settings = JSON.parse(Buffer.from(raw).toString('utf8')) as Record<string, string>;
    assert.equal(settings['llmCostLens.compressor.baseUrl'], 'http://127.0.0.1:9/v1');
  });

  it("sends the prompt to the user's endpoint and model, not the workspace's", async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('prompt.py'));
    const editor = await vscode.window.showTextDocument(document);
    const offset = document.getText().indexOf('Please note');
    editor.selection = new vscode.Selection(document.positionAt(offset), document.positionAt(offset));
    const original = document.getText();
    await vscode.commands.executeCommand('llmCostLens.compressPrompt', { apply: 'best' });
    assert.equal(server.requests.length, 1, 'the request reached the user-level base URL');
    const body = server.requests[0]?.body as { model?: string };
    assert.equal(body.model, 'user-model');
    assert.equal(server.requests[0]?.headers.authorization, 'Bearer sk-user-key');
    await waitFor(() => (document.getText() !== original ? true : undefined), 'the edit');
    assert.ok(document.getText().includes('PROMPT = "Summarize the text about {topic} in three sentences."'));
  });
});
