import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyEdits, planFixAll } from '../../../src/core/rules';
import { actionsAt, diagnosticsWhen, files, findingsOf, open, undoTo } from './support';

describe('fix all', function () {
  this.timeout(120_000);

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('source.fixAll.llmCostLens applies every safe fix in one undo step, dropping overlapping ones', async () => {
    for (const file of files) {
      const { document } = await open(file);
      await diagnosticsWhen(document.uri, (d) => d.length > 10, `diagnostics on ${file}`);
      const original = document.getText();
      const plan = planFixAll(await findingsOf(document));
      assert.ok(plan.applied.length >= 10, `${file}: ${plan.applied.length} fixes`);
      const whole = new vscode.Range(document.positionAt(0), document.positionAt(original.length));
      const actions = await actionsAt(document.uri, whole, 'source.fixAll.llmCostLens');
      assert.equal(actions.length, 1, `${file}: one fix-all action`);
      assert.equal(actions[0].title, `Fix all ${plan.applied.length} LLM Cost Lens findings`);
      assert.ok(actions[0].edit && (await vscode.workspace.applyEdit(actions[0].edit)));
      assert.equal(document.getText(), applyEdits(original, plan.edits));
      await vscode.commands.executeCommand('undo');
      assert.equal(document.getText(), original, `${file}: one undo restores the file`);
    }
  });

  it('the Fix All command does the same for the active file, and what is left has no safe fix', async () => {
    const { document } = await open('python/support.py');
    await diagnosticsWhen(document.uri, (d) => d.length > 10, 'diagnostics');
    const original = document.getText();
    await vscode.commands.executeCommand('llmCostLens.fixAll');
    assert.notEqual(document.getText(), original);
    const left = await diagnosticsWhen(document.uri, (d) => d.length > 0 && d.length < 10, 'fewer diagnostics');
    const codes = new Set(left.map((d) => (typeof d.code === 'object' ? d.code.value : d.code)));
    for (const code of ['missing-output-limit', 'max-tokens-rejected', 'cacheable-prompt-not-cached']) {
      assert.ok(!codes.has(code), `${code} fixed`);
    }
    const remaining = await findingsOf(document);
    assert.ok(remaining.every((f) => !f.fixes.some((x) => x.safe)));
    await undoTo(document, original);
  });
});
