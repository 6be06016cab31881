import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api } from '../editor/expectations';
import { waitFor, workspaceFile } from '../helpers';
import { cliScan, drawn, near } from './support';

/** Asks the runner for a real click or key press in the window (the report's webview frame included). */
function hostAction(action: { selector: string; click?: true; press?: string; type?: string }): void {
  console.log(`host-action: ${JSON.stringify(action)}`);
}

async function editorAt(file: string, line: number): Promise<vscode.TextEditor> {
  return waitFor(() => {
    const editor = vscode.window.activeTextEditor;
    return editor?.document.uri.path === workspaceFile(file).path && editor.selection.active.line === line - 1
      ? editor
      : undefined;
  }, `the editor open at ${file}:${line}`);
}

describe('workspace cost report', function () {
  this.timeout(180_000);

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('opens from the status bar menu and shows the totals of the CLI scan of the same workspace', async () => {
    const lens = await api();
    await vscode.window.showTextDocument(workspaceFile('app.py'));
    await waitFor(() => lens.statusBar(), 'the status bar total');
    // The status bar item's menu lists the file's calls, then the report: typing its name picks it.
    void vscode.commands.executeCommand('llmCostLens.showFileCalls');
    hostAction({ selector: '.quick-input-box input', type: 'Workspace Cost Report' });
    hostAction({ selector: '.quick-input-box input', press: 'Enter' });
    await waitFor(() => lens.workspaceReport(), 'the report opened from the status bar menu');
    const { posted, rendered } = await drawn(lens, 'the report drawn');
    const cli = await cliScan();
    assert.equal(rendered.calls, cli.calls);
    assert.equal(rendered.unpriced, cli.unpriced);
    assert.ok(near(rendered.monthlyUsd, cli.monthlyUsd), `report ${rendered.monthlyUsd} = CLI ${cli.monthlyUsd}`);
    assert.deepEqual(new Set(posted.calls.map((c) => c.file)), cli.files);
    // .gitignore'd files are left out, as the CLI leaves them out.
    assert.ok(!posted.calls.some((c) => c.file.startsWith('generated/')));
    // An unknown model is listed as such, never priced at $0.
    const unknown = posted.calls.find((c) => c.model === 'house-model-7');
    assert.equal(unknown?.monthlyUsd, null);
    assert.equal(unknown?.pricedAs, null);
    assert.equal(posted.totals.unpriced, 1);
    assert.ok(posted.byModel.some((row) => row.key === 'claude-sonnet-4-5'));
    assert.ok(posted.calls.find((c) => c.line === 11)?.findings.some((f) => f.code === 'missing-output-limit'));
  });

  it('opens the code of a row clicked, or entered with the keyboard', async () => {
    const lens = await api();
    const { posted } = await drawn(lens, 'the report drawn');
    const summarise = posted.calls.find((c) => c.file === 'app.py' && c.line === 28);
    assert.ok(summarise);
    hostAction({ selector: `tr[data-call="${summarise.id}"]`, click: true });
    const editor = await editorAt('app.py', 28);
    assert.equal(editor.selection.active.character, summarise.column - 1);

    await vscode.commands.executeCommand('llmCostLens.showWorkspaceReport');
    const chat = posted.calls.find((c) => c.file === 'web/chat.ts');
    assert.ok(chat);
    hostAction({ selector: `tr[data-call="${chat.id}"]`, press: 'Enter' });
    await editorAt('web/chat.ts', chat.line);
  });

  it('sorts by header buttons (aria-sort, mouse and keyboard) and filters the rows', async () => {
    const lens = await api();
    await vscode.commands.executeCommand('llmCostLens.showWorkspaceReport');
    const { posted } = await drawn(lens, 'the report drawn');
    const byPerCall = posted.calls
      .filter((c) => c.perCallUsd !== null)
      .sort((a, b) => (b.perCallUsd ?? 0) - (a.perCallUsd ?? 0))
      .map((c) => c.id);
    const unpriced = posted.calls.filter((c) => c.perCallUsd === null).map((c) => c.id);
    const ordered = (direction: string) => () => {
      const rendered = lens.workspaceReport()?.rendered;
      return rendered?.sort === 'perCall' && rendered.direction === direction ? rendered : undefined;
    };
    hostAction({ selector: 'th[aria-sort="none"] button[title="Sort by $/call"]', click: true });
    const down = await waitFor(ordered('descending'), 'the table sorted by $/call, largest first');
    assert.deepEqual(down.order, [...byPerCall, ...unpriced]);
    hostAction({ selector: 'th[aria-sort="descending"] button[title="Sort by $/call"]', press: 'Enter' });
    const up = await waitFor(ordered('ascending'), 'the table sorted by $/call, smallest first');
    // Calls without a price stay last whichever way the table is sorted: they are not $0.
    assert.deepEqual(up.order, [...[...byPerCall].reverse(), ...unpriced]);

    hostAction({ selector: 'input[type="search"]', type: 'claude' });
    const filtered = await waitFor(() => {
      const rendered = lens.workspaceReport()?.rendered;
      return rendered && rendered.rows === 1 ? rendered : undefined;
    }, 'the table filtered to the Claude call');
    assert.equal(posted.calls[filtered.order[0] ?? -1]?.pricedAs, 'claude-sonnet-4-5');
    hostAction({ selector: 'input[type="search"]', click: true });
    for (let i = 0; i < 'claude'.length; i++) hostAction({ selector: 'input[type="search"]', press: 'Backspace' });
    await waitFor(
      () => (lens.workspaceReport()?.rendered?.rows === posted.calls.length ? true : undefined),
      'all rows again',
    );
  });

  it('updates when a file is edited and saved, and when files.exclude changes', async () => {
    const lens = await api();
    const { posted } = await drawn(lens, 'the report drawn');
    const document = await vscode.workspace.openTextDocument(workspaceFile('app.py'));
    const start = document.getText().indexOf('model="gpt-4o",');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      document.uri,
      new vscode.Range(document.positionAt(start), document.positionAt(start + 'model="gpt-4o",'.length)),
      'model="gpt-4.1-nano",',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await document.save());
    const saved = await drawn(lens, 'the report after the save', posted.computedAt);
    const cli = await cliScan();
    assert.ok(
      near(saved.rendered.monthlyUsd, cli.monthlyUsd),
      `report ${saved.rendered.monthlyUsd} = CLI ${cli.monthlyUsd}`,
    );
    assert.ok(saved.rendered.monthlyUsd < posted.totals.monthlyUsd.expected);
    assert.equal(saved.posted.calls.find((c) => c.line === 11)?.pricedAs, 'gpt-4.1-nano');

    await vscode.workspace
      .getConfiguration('files')
      .update('exclude', { legacy: true }, vscode.ConfigurationTarget.Workspace);
    const excluded = await drawn(lens, 'the report without files.exclude’d folders', saved.posted.computedAt);
    assert.ok(!excluded.posted.calls.some((c) => c.file.startsWith('legacy/')));
    assert.equal(excluded.rendered.calls, saved.rendered.calls - 1);
  });

  it('counts unsaved edits as the editor shows them, and the file on disk again after a revert', async () => {
    const lens = await api();
    const { posted } = await drawn(lens, 'the report drawn');
    const saved = posted.calls.find((c) => c.file === 'app.py' && c.line === 11);
    assert.equal(saved?.pricedAs, 'gpt-4.1-nano');
    const drawnWith = (model: string) =>
      waitFor(
        () => {
          const { posted: now, rendered } = lens.workspaceReport() ?? {};
          if (!now || !rendered || rendered.computedAt !== now.computedAt) return undefined;
          const call = now.calls.find((c) => c.file === 'app.py' && c.line === 11);
          return call?.pricedAs === model ? { posted: now, rendered } : undefined;
        },
        `the report drawn with ${model} at app.py:11`,
        60_000,
      );
    // VS Code for the web (the test host) saves after a delay by default: this test needs edits left unsaved.
    const files = vscode.workspace.getConfiguration('files');
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
    const editor = await vscode.window.showTextDocument(workspaceFile('app.py'));
    const document = editor.document;
    const start = document.getText().indexOf('model="gpt-4.1-nano",');
    assert.ok(start >= 0);
    const end = document.positionAt(start + 'model="gpt-4.1-nano",'.length);
    assert.ok(
      await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(start), end), 'model="gpt-4o",')),
    );
    assert.ok(document.isDirty);
    // The page draws only while it is shown (a hidden webview is not kept).
    await vscode.commands.executeCommand('llmCostLens.showWorkspaceReport');
    const unsaved = await drawnWith('gpt-4o');
    // The file on disk still says gpt-4.1-nano; the report counts the editor's text, which costs more.
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
    assert.ok(onDisk.includes('model="gpt-4.1-nano",'));
    assert.ok(
      unsaved.rendered.monthlyUsd > posted.totals.monthlyUsd.expected,
      `report ${unsaved.rendered.monthlyUsd} > before ${posted.totals.monthlyUsd.expected}`,
    );
    // The rules read the same unsaved text: their finding sits on the edited call.
    assert.ok(unsaved.posted.calls.find((c) => c.line === 11)?.findings.some((f) => f.code === 'missing-output-limit'));

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(() => (document.isDirty ? undefined : true), 'app.py reverted');
    await vscode.commands.executeCommand('llmCostLens.showWorkspaceReport');
    const reverted = await drawnWith('gpt-4.1-nano');
    assert.ok(
      near(reverted.rendered.monthlyUsd, posted.totals.monthlyUsd.expected),
      `report ${reverted.rendered.monthlyUsd} = before ${posted.totals.monthlyUsd.expected}`,
    );
    await files.update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('exports every call as CSV and the whole report as JSON', async () => {
    const lens = await api();
    const { posted } = await drawn(lens, 'the report drawn');
    const csvFile = workspaceFile('report.csv');
    await vscode.commands.executeCommand('llmCostLens.exportWorkspaceReport', 'csv', csvFile);
    const csv = new TextDecoder()
      .decode(await vscode.workspace.fs.readFile(csvFile))
      .trim()
      .split('\r\n');
    assert.match(csv[0] ?? '', /^file,line,column,/);
    assert.equal(csv.length, posted.calls.length + 1);
    assert.ok(csv.some((line) => line.includes('house-model-7') && line.includes('not priced')));
    const jsonFile = workspaceFile('report.json');
    await vscode.commands.executeCommand('llmCostLens.exportWorkspaceReport', 'json', jsonFile);
    const json = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(jsonFile))) as typeof posted;
    assert.equal(json.totals.calls, posted.totals.calls);
  });

  it('stops a scan when its notification is cancelled, and says the figures are partial', async () => {
    const lens = await api();
    // Closed while the files are written, so that no refresh starts before the one the test cancels.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => (lens.workspaceReport() ? undefined : true), 'the report closed');
    const bulk = 4000;
    const folder = workspaceFile('bulk').fsPath;
    mkdirSync(folder, { recursive: true });
    for (let i = 0; i < bulk; i++) {
      writeFileSync(
        path.join(folder, `job${i}.py`),
        `from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef job${i}(text: str) -> str:\n` +
          `    reply = client.chat.completions.create(model="gpt-4o-mini", max_tokens=64, messages=[{"role": "user", "content": text}])\n` +
          '    return reply.choices[0].message.content\n',
      );
    }
    await vscode.commands.executeCommand('llmCostLens.showWorkspaceReport');
    const whole = await waitFor(
      () => {
        const view = lens.workspaceReport();
        const { posted, rendered } = view ?? {};
        if (!view || view.scanning || !posted || !rendered || rendered.computedAt !== posted.computedAt)
          return undefined;
        return posted.totals.calls > bulk ? { posted, rendered } : undefined;
      },
      'the report with the bulk files',
      120_000,
    );
    assert.equal(whole.posted.scope.cancelled, false);
    // Rescan reads and parses everything again, in the foreground: its notification has a Cancel button.
    hostAction({ selector: 'button[title="Scan the whole workspace again"]', click: true });
    hostAction({ selector: '.notification-toast .monaco-button:has-text("Cancel")', click: true });
    const partial = await waitFor(
      () => {
        const { posted, rendered } = lens.workspaceReport() ?? {};
        if (!posted || !rendered || rendered.computedAt !== posted.computedAt) return undefined;
        return posted.computedAt > whole.posted.computedAt && posted.scope.cancelled ? { posted, rendered } : undefined;
      },
      'the report of the cancelled scan',
      120_000,
    );
    assert.ok(partial.rendered.calls < whole.rendered.calls, `${partial.rendered.calls} < ${whole.rendered.calls}`);
    assert.equal(lens.workspaceReport()?.scanning, false);
  });
});
