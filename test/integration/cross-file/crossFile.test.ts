import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lensesWhen } from '../editor/expectations';
import { waitFor, workspaceFile } from '../helpers';

async function open(file: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(file));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Replaces the first occurrence of `from` in an open file, as typing would (the file is not saved). */
async function replace(file: string, from: string, to: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(file));
  const start = document.getText().indexOf(from);
  assert.ok(start >= 0, `${from} in ${file}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(
    document.uri,
    new vscode.Range(document.positionAt(start), document.positionAt(start + from.length)),
    to,
  );
  assert.ok(await vscode.workspace.applyEdit(edit));
}

async function hoverText(file: string, needle: string): Promise<string> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(file));
  const position = document.positionAt(document.getText().indexOf(needle) + 1);
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n')
    .replace(/\\(.)/g, '$1'); // markdown escapes
}

describe('models set in other files', function () {
  this.timeout(90_000);

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('prices a call with the model its config module sets, and the hover says where', async () => {
    await open('app.py');
    const [lens] = await lensesWhen(
      workspaceFile('app.py'),
      (l) => l.length === 1 && l[0].title.startsWith('gpt-4o-mini ·'),
      'the lens priced with the config module’s model',
    );
    assert.equal(lens.line, 9);
    let last = '';
    const hover = await waitFor(async () => {
      last = await hoverText('app.py', 'create(');
      return last.includes('llm_config.py:3') ? last : undefined;
    }, 'the hover naming llm_config.py:3').catch((error: Error) => {
      throw new Error(`${error.message}; last hover: ${last}`);
    });
    assert.match(hover, /model from llm_config\.py:3/);
  });

  it('updates the lens of a call in another file when the config file’s default model changes', async () => {
    await open('app.py');
    await lensesWhen(
      workspaceFile('app.py'),
      (l) => l[0]?.title.startsWith('gpt-4o-mini ·') ?? false,
      'the first model',
    );
    await open('llm_config.py');
    await replace('llm_config.py', '"gpt-4o-mini"', '"gpt-4.1-nano"');
    await lensesWhen(
      workspaceFile('app.py'),
      (l) => l.length === 1 && l[0].title.startsWith('gpt-4.1-nano ·'),
      'the lens of app.py after the edit in llm_config.py',
    );
    await replace('llm_config.py', '"gpt-4.1-nano"', '"claude-haiku-4-5"');
    await lensesWhen(
      workspaceFile('app.py'),
      (l) => l.length === 1 && l[0].title.startsWith('claude-haiku-4-5 ·'),
      'the lens after a second edit',
    );
  });

  it('follows an ES import the same way, and its module changing on disk', async () => {
    await open('review.ts');
    await lensesWhen(
      workspaceFile('review.ts'),
      (l) => l.length === 1 && l[0].title.startsWith('claude-haiku-4-5 ·'),
      'the TypeScript lens',
    );
    // Written behind the editor's back (another tool, a git checkout): the file watcher tells the index.
    await vscode.workspace.fs.writeFile(
      workspaceFile('lib/models.ts'),
      new TextEncoder().encode("export const REVIEW_MODEL = 'claude-sonnet-4-5';\n"),
    );
    await lensesWhen(
      workspaceFile('review.ts'),
      (l) => l.length === 1 && l[0].title.startsWith('claude-sonnet-4-5 ·'),
      'the TypeScript lens after lib/models.ts changed on disk',
    );
  });

  it('prices a call whose model comes from a request with llmCostLens.assumedModels, and says so', async () => {
    await open('echo.py');
    await lensesWhen(
      workspaceFile('echo.py'),
      (l) => l.length === 1 && l[0].title.includes('model not known'),
      'the unpriced lens of a model from the request',
    );
    const config = vscode.workspace.getConfiguration('llmCostLens');
    await config.update('assumedModels', { anthropic: 'claude-haiku-4-5' }, vscode.ConfigurationTarget.Global);
    try {
      await lensesWhen(
        workspaceFile('echo.py'),
        (l) => l.length === 1 && l[0].title.startsWith('claude-haiku-4-5 ·'),
        'the lens priced with the assumed model',
      );
      let last = '';
      await waitFor(async () => {
        last = await hoverText('echo.py', 'create(');
        return /assumed by the llmCostLens\.assumedModels setting/.test(last) ? last : undefined;
      }, 'the hover saying the model is assumed').catch((error: Error) => {
        throw new Error(`${error.message}; last hover: ${last}`);
      });
    } finally {
      await config.update('assumedModels', undefined, vscode.ConfigurationTarget.Global);
    }
    await lensesWhen(
      workspaceFile('echo.py'),
      (l) => l.length === 1 && l[0].title.includes('model not known'),
      'the lens unpriced again once the setting is gone',
    );
  });
});
