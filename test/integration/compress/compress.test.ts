import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { apiError, completion, startFakeOpenAi, type FakeServer, type ScriptedReply } from '../../support/fakeOpenAi';
import { syntaxErrorCount } from '../../../src/core/parsing/syntaxErrors';
import { createParserHost } from '../../../src/core/parsing';
import { waitFor, workspaceFile } from '../helpers';

/** The compressor run end to end in the real host: local OpenAI-compatible server, real SDK, real edits. */
describe('compress prompt command', function () {
  this.timeout(60_000);
  let server: FakeServer;
  let reply: (body: string) => ScriptedReply = () => ({ status: 500, body: apiError('no reply scripted') });
  const parser = createParserHost({
    wasmDir: path.join(vscode.extensions.getExtension('llm-cost-lens.llm-cost-lens')!.extensionPath, 'dist'),
  });

  before(async () => {
    server = await startFakeOpenAi((request) => reply(JSON.stringify(request.body)));
    const config = vscode.workspace.getConfiguration('llmCostLens');
    await config.update('compressor.baseUrl', server.baseURL, vscode.ConfigurationTarget.Global);
    await config.update('compressor.model', 'test-mini', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('llmCostLens.setApiKey', 'sk-test-key');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await server.close();
  });

  async function openAt(file: string, needle: string): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(workspaceFile(file));
    const editor = await vscode.window.showTextDocument(document);
    const offset = document.getText().indexOf(needle);
    assert.ok(offset >= 0, `${needle} is in ${file}: ${document.getText().slice(0, 300)}`);
    const position = document.positionAt(offset + 2);
    editor.selection = new vscode.Selection(position, position);
    return editor;
  }

  async function revert(editor: vscode.TextEditor): Promise<void> {
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(() => (editor.document.isDirty ? undefined : true), 'the fixture to be reverted');
  }

  it('applies a good compression to a Python triple-quoted string, keeps it valid, and one undo restores it', async () => {
    const compressed =
      'You are a support assistant for {company}.\nAnswer the question about order {order_id}.\nRespond in JSON with keys "answer" and "confidence".';
    reply = () => ({ body: completion(compressed) });
    const editor = await openAt('support_bot.py', 'Please note');
    const original = editor.document.getText();
    await vscode.commands.executeCommand('llmCostLens.compressPrompt', { apply: 'best' });
    const text = await waitFor(
      () => (editor.document.getText() !== original ? editor.document.getText() : undefined),
      'the edit',
    );
    assert.ok(text.includes(`SYSTEM_PROMPT = """${compressed}"""`), text);
    assert.equal(await syntaxErrorCount(parser, text, 'python'), 0);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    await waitFor(
      () => (editor.document.getText() === original ? true : undefined),
      'one undo to restore the original',
    );
    await revert(editor);
  });

  it('escapes a JS template literal and keeps ${} fields', async () => {
    const compressed = 'Summarize ${topic} in `3` sentences at most.';
    reply = () => ({ body: completion(compressed) });
    const editor = await openAt('route.ts', 'I would like');
    const original = editor.document.getText();
    await vscode.commands.executeCommand('llmCostLens.compressPrompt', { apply: 'best' });
    const text = await waitFor(
      () => (editor.document.getText() !== original ? editor.document.getText() : undefined),
      'the edit',
    );
    assert.ok(text.includes('content: `Summarize ${topic} in \\`3\\` sentences at most.`'), text);
    assert.equal(await syntaxErrorCount(parser, text, 'typescript'), 0);
    await revert(editor);
  });

  it('compresses a selection inside a literal and writes it back in that literal', async () => {
    reply = () => ({ body: completion("Always answer the customer's question about order") });
    const editor = await openAt('support_bot.py', 'Please note');
    const original = editor.document.getText();
    const selected = "It is important to note that you should always answer the customer's question about order";
    const start = original.indexOf(selected);
    editor.selection = new vscode.Selection(
      editor.document.positionAt(start),
      editor.document.positionAt(start + selected.length),
    );
    await vscode.commands.executeCommand('llmCostLens.compressPrompt', { apply: 'best' });
    const text = await waitFor(
      () => (editor.document.getText() !== original ? editor.document.getText() : undefined),
      'the edit',
    );
    assert.equal(text, original.replace(selected, "Always answer the customer's question about order"));
    assert.equal(await syntaxErrorCount(parser, text, 'python'), 0);
    await revert(editor);
  });

  it('offers compression as a code action on a long prompt the analysis found, and only there', async () => {
    const editor = await openAt('long_prompt.py', 'meticulous senior');
    const titles = async (needle: string): Promise<string[]> => {
      const offset = editor.document.getText().indexOf(needle);
      const position = editor.document.positionAt(offset + 1);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        editor.document.uri,
        new vscode.Range(position, position),
      );
      return actions.map((a) => a.title);
    };
    assert.ok(
      (await titles('meticulous senior')).some((t) => /^Compress this prompt \(\d[\d,]* characters\)$/.test(t)),
    );
    assert.ok(!(await titles('def review')).some((t) => t.startsWith('Compress this prompt')));
    // support_bot.py's system prompt is short: no offer there.
    const short = await openAt('support_bot.py', 'Please note');
    const offset = short.document.getText().indexOf('Please note');
    const position = short.document.positionAt(offset);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      short.document.uri,
      new vscode.Range(position, position),
    );
    assert.ok(!actions.some((a) => a.title.startsWith('Compress this prompt')));
  });

  for (const [name, scripted] of [
    [
      'a dropped placeholder',
      (): ScriptedReply => ({
        body: completion('You are a support assistant. Answer in JSON with "answer" and "confidence".'),
      }),
    ],
    ['a longer text', (): ScriptedReply => ({ body: completion('x'.repeat(2000)) })],
    ['a 401', (): ScriptedReply => ({ status: 401, body: apiError('Incorrect API key provided') })],
    ['a 500', (): ScriptedReply => ({ status: 500, body: apiError('boom', 'server_error') })],
    ['an empty response', (): ScriptedReply => ({ body: completion('') })],
    [
      'an answer that echoes the API key',
      (): ScriptedReply => ({
        body: completion(
          'You are a support assistant for {company}.\nAnswer about order {order_id}.\nRespond in JSON with keys "answer" and "confidence". sk-test-key',
        ),
      }),
    ],
    [
      'a model field that echoes the API key',
      (): ScriptedReply => ({
        body: completion(
          'You are a support assistant for {company}.\nAnswer about order {order_id}.\nRespond in JSON with keys "answer" and "confidence".',
          'stop',
          'model-sk-test-key',
        ),
      }),
    ],
  ] as const) {
    it(`leaves the document untouched on ${name}`, async () => {
      reply = scripted;
      const editor = await openAt('support_bot.py', 'Please note');
      const original = editor.document.getText();
      const requestsBefore = server.requests.length;
      await vscode.commands.executeCommand('llmCostLens.compressPrompt', { apply: 'best' });
      assert.ok(server.requests.length > requestsBefore, 'the server was called');
      assert.equal(editor.document.getText(), original);
      assert.equal(editor.document.isDirty, false);
      const leaked = vscode.workspace.textDocuments.filter((d) => d.getText().includes('sk-test-key'));
      assert.deepEqual(
        leaked.map((d) => d.uri.toString()),
        [],
        'no document, diff views included, shows the key',
      );
    });
  }

  it('never sends the key when the offline pass alone is asked for, and applies it', async () => {
    const editor = await openAt('support_bot.py', 'Please note');
    const original = editor.document.getText();
    const requestsBefore = server.requests.length;
    await vscode.commands.executeCommand('llmCostLens.compressPrompt', { apply: 'offline' });
    const text = await waitFor(
      () => (editor.document.getText() !== original ? editor.document.getText() : undefined),
      'the edit',
    );
    assert.equal(server.requests.length, requestsBefore);
    assert.ok(!text.includes('Please note that'), text);
    assert.ok(text.includes('{company}') && text.includes('{order_id}'));
    assert.equal(await syntaxErrorCount(parser, text, 'python'), 0);
    await revert(editor);
  });
});
