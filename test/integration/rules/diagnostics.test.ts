import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhen, files, findingsOf, open, workspaceFile } from './support';

describe('cost rule diagnostics', function () {
  this.timeout(90_000);

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('show one diagnostic per finding, on its line, with its code linking the rule page', async () => {
    const bytes = await vscode.workspace.fs.readFile(workspaceFile('expected.json'));
    const expected = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, [number, string][]>;
    for (const file of files) {
      const { document } = await open(file);
      const want = expected[file] ?? [];
      assert.ok(want.length > 10, `${file} has expected findings`);
      const shown = await diagnosticsWhen(
        document.uri,
        (d) => d.length === want.length,
        `${want.length} diagnostics on ${file}`,
      );
      const findings = await findingsOf(document);
      // The diagnostic sits on the finding's range; the finding's line is its call's.
      const byStart = [...shown].sort(
        (a, b) => a.range.start.compareTo(b.range.start) || codeOf(a).localeCompare(codeOf(b)),
      );
      assert.deepEqual(
        findings.map((f) => [f.line, f.code]),
        want,
        file,
      );
      for (const diagnostic of byStart) {
        const code = codeOf(diagnostic);
        assert.ok(typeof diagnostic.code === 'object');
        assert.equal(
          diagnostic.code.target.toString(),
          `https://github.com/llm-cost-lens/llm-cost-lens/blob/main/docs/rules/${code}.md`,
        );
        assert.ok(
          findings.some(
            (f) =>
              f.code === code &&
              f.message === diagnostic.message &&
              document.offsetAt(diagnostic.range.start) === f.range.start &&
              document.offsetAt(diagnostic.range.end) === f.range.end,
          ),
          `${file}: ${code} at ${diagnostic.range.start.line + 1} matches a finding`,
        );
      }
      const rejected = shown.find((d) => codeOf(d) === 'max-tokens-rejected');
      assert.equal(rejected?.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(document.getText(rejected.range), 'max_tokens');
      assert.match(rejected.message, /o3 rejects max_tokens/);
      const batch = shown.find((d) => codeOf(d) === 'batch-candidate');
      assert.equal(batch?.severity, vscode.DiagnosticSeverity.Information);
      assert.match(batch.message, /saving \$[\d.,]+\/month at 1,000\/day/);
    }
  });

  it('follow edits: a fixed call loses its diagnostic, a new call gets one', async () => {
    const editor = await open('python/support.py');
    const { document } = editor;
    const original = document.getText();
    const before = await diagnosticsWhen(document.uri, (d) => d.length > 0, 'diagnostics');
    const count = (code: string, list: vscode.Diagnostic[]) => list.filter((d) => codeOf(d) === code).length;
    await editor.edit((edit) =>
      edit.insert(
        document.lineAt(document.lineCount - 1).range.end,
        '\n\ndef extra(q):\n    return client.chat.completions.create(model="gpt-4oo", max_tokens=5, messages=[])\n',
      ),
    );
    await diagnosticsWhen(
      document.uri,
      (d) => count('unknown-model', d) === count('unknown-model', before) + 1,
      'a diagnostic on the new call',
    );
    await vscode.commands.executeCommand('undo');
    await diagnosticsWhen(document.uri, (d) => d.length === before.length && document.getText() === original, 'back');
  });
});
