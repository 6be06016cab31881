import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { applyEdits } from '../../../src/core/rules';
import { workspaceFile } from '../helpers';
import { actionsAt, adviceShown, diagnosticsWhen, files, findingsOf, open, rangeOf, undoTo, waitFor } from './support';

describe('cost rule quick fixes', function () {
  this.timeout(240_000);

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('each quick fix, applied from the lightbulb, gives exactly the text of the core fix', async () => {
    let applied = 0;
    for (const file of files) {
      const { document } = await open(file);
      await diagnosticsWhen(document.uri, (d) => d.length > 10, `diagnostics on ${file}`);
      const original = document.getText();
      for (const finding of await findingsOf(document)) {
        if (finding.fixes.length === 0) continue;
        const actions = await actionsAt(document.uri, rangeOf(document, finding), 'quickfix');
        for (const fix of finding.fixes) {
          const action = actions.find((a) => a.title === fix.title);
          assert.ok(action?.edit, `${file}:${finding.line} offers "${fix.title}"`);
          assert.equal(action.isPreferred === true, fix.preferred === true, `${fix.title}: preferred`);
          assert.ok(await vscode.workspace.applyEdit(action.edit));
          assert.equal(document.getText(), applyEdits(original, fix.edits), `${file}:${finding.line} ${fix.title}`);
          await undoTo(document, original);
          applied++;
        }
      }
    }
    assert.ok(applied >= 30, `${applied} fixes applied`);
  });

  it("names the limit after the project's Vercel AI SDK version, read from the package.json above the file", async () => {
    const file = workspaceFile('vercel-v4/src/title.ts').fsPath;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      path.join(path.dirname(file), '..', 'package.json'),
      JSON.stringify({ dependencies: { ai: '^4.3.0' } }),
    );
    fs.writeFileSync(
      file,
      "import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nexport const title = (q: string) => generateText({ model: openai('gpt-4o'), prompt: q });\n",
    );
    const { document } = await open('vercel-v4/src/title.ts');
    const title = await waitFor(async () => {
      const finding = (await findingsOf(document)).find((f) => f.code === 'missing-output-limit');
      const fix = finding?.fixes[0]?.title;
      return fix?.includes('maxTokens') ? fix : undefined;
    }, 'the limit fix named for AI SDK 4');
    assert.match(title, /^Add maxTokens: \d+/);
  });

  it('offers one model switch per cheaper model, titled with its monthly saving', async () => {
    const { document } = await open('python/support.py');
    const finding = (await findingsOf(document)).find((f) => f.code === 'premium-model-for-simple-task');
    assert.ok(finding);
    const titles = (await actionsAt(document.uri, rangeOf(document, finding), 'quickfix'))
      .map((a) => a.title)
      .filter((t) => t.startsWith('Switch to '));
    assert.equal(titles.length, 3);
    for (const title of titles) assert.match(title, /^Switch to [\w.-]+: saves \$[\d,.]+\/month$/);
  });

  it("explains what no edit can do: the batch API of the call's provider", async () => {
    const { document } = await open('python/support.py');
    const finding = (await findingsOf(document)).find((f) => f.code === 'batch-candidate');
    assert.ok(finding);
    const action = (await actionsAt(document.uri, rangeOf(document, finding), 'quickfix')).find(
      (a) => a.title === 'How to use the OpenAI Batch API',
    );
    assert.ok(action?.command);
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    const page = await waitFor(adviceShown, 'the advice page');
    assert.match(page, /^# How to use the OpenAI Batch API\n/);
    assert.match(page, /batches\.create\(input_file_id=/);
  });

  it('an ignore comment above the call, added by its action, silences that rule there', async () => {
    const editor = await open('typescript/support.ts');
    const { document } = editor;
    const original = document.getText();
    const finding = (await findingsOf(document)).find((f) => f.code === 'batch-candidate');
    assert.ok(finding);
    const action = (await actionsAt(document.uri, rangeOf(document, finding), 'quickfix')).find(
      (a) => a.title === 'Ignore batch-candidate for this call',
    );
    assert.ok(action?.edit);
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    assert.match(document.lineAt(finding.line - 1).text, /^ {4}\/\/ llm-cost-lens-ignore batch-candidate$/);
    await diagnosticsWhen(
      document.uri,
      (d) => !d.some((x) => typeof x.code === 'object' && x.code.value === 'batch-candidate'),
      'the batch-candidate diagnostic gone',
    );
    const left = await findingsOf(document);
    assert.equal(left.filter((f) => f.code === 'batch-candidate').length, 0);
    await undoTo(document, original);
  });
});
