import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor, workspaceFile } from '../helpers';
import { api, lensesOf, lensesWhen } from './expectations';

async function openWritten(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = workspaceFile(name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

describe('bad input', function () {
  this.timeout(90_000);

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('a document over 1 MB gets one clear word, no figures, and edits keep it that way', async () => {
    const lens = await api();
    const call = 'r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])\n';
    const text = `from openai import OpenAI\nclient = OpenAI()\n${call.repeat(Math.ceil((1.1 * 1024 * 1024) / call.length))}`;
    const editor = await openWritten('huge_generated.py', text);
    const shown = await lensesWhen(editor.document.uri, (l) => l.length === 1, 'one lens on the huge file');
    assert.deepEqual(
      shown.map((l) => [l.line, l.title]),
      [[1, 'LLM Cost Lens: not analysed (larger than 1 MB)']],
    );
    await waitFor(() => (lens.statusBar() === undefined ? true : undefined), 'no total for it');
    await editor.edit((edit) => edit.insert(new vscode.Position(2, 0), '# more\n'));
    const costs = await lens.costsFor(editor.document);
    assert.deepEqual(
      [costs.version, costs.calls.length, costs.skipped],
      [editor.document.version, 0, 'larger than 1 MB'],
    );
    await lensesWhen(
      editor.document.uri,
      (l) => l.length === 1 && l[0].title.includes('larger than 1 MB'),
      'the word kept',
    );
  });

  it('a minified file is named as such; a file that never mentions an SDK gets nothing', async () => {
    const minified = `import OpenAI from "openai";const o=new OpenAI();${'const a=1;'.repeat(1500)}\n`;
    const editor = await openWritten('bundle.min.js', minified);
    await lensesWhen(
      editor.document.uri,
      (l) =>
        l.length === 1 && l[0].title === 'LLM Cost Lens: not analysed (minified (a line longer than 10000 characters))',
      'the minified word',
    );
    const plain = await openWritten('vendor.min.js', `${'var b=2;'.repeat(2000)}\n`);
    await lensesWhen(plain.document.uri, (l) => l.length === 0, 'nothing on a file without an SDK');
  });

  it('a file with syntax errors still shows the calls it can read', async () => {
    const uri = workspaceFile('half_written.py');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const [lens] = await lensesWhen(uri, (l) => l.length === 1, 'the readable call');
    assert.equal(lens.line, 11);
    assert.match(lens.title, /^gpt-4o-mini · ≈206 in · ≤100 out · \$[\d.]+\/call · \$[\d.,]+\/mo$/);
  });

  it('typing through broken states logs no error and never shows $0; the figures come back once it parses', async () => {
    const lens = await api();
    const text = [
      'from openai import OpenAI',
      '',
      'client = OpenAI()',
      '',
      '',
      'def answer(question: str) -> str:',
      '    response = client.chat.completions.create(',
      '        model="gpt-4o-mini",',
      '        messages=[{"role": "user", "content": question}],',
      '        max_tokens=100,',
      '    )',
      '    return response.choices[0].message.content',
      '',
    ].join('\n');
    const editor = await openWritten('typing.py', text);
    const uri = editor.document.uri;
    const priced = /^gpt-4o-mini · ≈206 in · ≤100 out · \$[\d.]+\/call · \$[\d.,]+\/mo$/;
    await lensesWhen(uri, (l) => l.length === 1 && priced.test(l[0].title), 'the priced lens');
    const errorsBefore = lens.errorsLogged();
    const end = (line: number): vscode.Position => editor.document.lineAt(line).range.end;
    // One keystroke at a time: the call's closing parenthesis goes, the model name is cut short and typed
    // back, an unfinished definition is typed after the call, then the parenthesis comes back.
    const keystrokes: ((edit: vscode.TextEditorEdit) => void)[] = [
      (edit) => edit.delete(new vscode.Range(10, 4, 10, 5)),
      ...[0, 1, 2, 3].map(
        () => (edit: vscode.TextEditorEdit) =>
          edit.delete(new vscode.Range(end(7).translate(0, -3), end(7).translate(0, -2))),
      ),
      ...'mini'.split('').map((c) => (edit: vscode.TextEditorEdit) => edit.insert(end(7).translate(0, -2), c)),
      ...'def broken(x, '.split('').map((c) => (edit: vscode.TextEditorEdit) => edit.insert(end(12), c)),
      (edit) => edit.insert(new vscode.Position(10, 4), ')'),
    ];
    for (const keystroke of keystrokes) {
      await editor.edit(keystroke);
      const version = editor.document.version;
      await waitFor(
        () => (lens.lensesServed(uri)?.version === version ? true : undefined),
        `lenses of version ${version}`,
      );
      const shown = await lensesOf(uri);
      assert.ok(!shown.some((l) => /\$0\//.test(l.title)), JSON.stringify(shown.map((l) => l.title)));
    }
    assert.equal(editor.document.lineAt(7).text, '        model="gpt-4o-mini",');
    await lensesWhen(uri, (l) => l.length === 1 && priced.test(l[0].title), 'the priced lens back');
    assert.equal(lens.errorsLogged(), errorsBefore, 'errors logged while typing (see the LLM Cost Lens log)');
  });
});
