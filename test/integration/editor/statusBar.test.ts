import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor, workspaceFile } from '../helpers';
import {
  api,
  dollars,
  expectedTitle,
  hoverAt,
  lensesWhen,
  monthlyUsd,
  open,
  plain,
  positionOf,
  pricedLenses,
} from './expectations';

const chat = pricedLenses.filter((e) => e.file === 'openai_chat.py');

describe('status bar and live settings', function () {
  this.timeout(60_000);

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it("shows the file's monthly total, the sum of its calls, with the most expensive calls in the tooltip", async () => {
    const lens = await api();
    const table = lens.priceTable();
    await open('openai_chat.py');
    const total = chat.reduce((sum, e) => sum + monthlyUsd(e, table), 0);
    const shown = await waitFor(
      () => (lens.statusBar()?.text === `$(credit-card) ${dollars(total)}/mo` ? lens.statusBar() : undefined),
      `the total ${dollars(total)}`,
    );
    // The most expensive first: the tagging call runs 20,000 times a day.
    const rows = shown.tooltip.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    assert.deepEqual(
      rows.map((r) => r.split('|')[1].trim()),
      ['21', '8'],
    );
    assert.ok(rows[0].includes(dollars(monthlyUsd(chat[1], table))), rows[0]);
    assert.match(shown.tooltip, /\/mo expected · worst case \$[\d,.]+\/mo/);
    assert.match(shown.tooltip, /Prices: the bundled snapshot, prices as of \d{4}-\d{2}-\d{2}/);
  });

  it('with a call that cannot be priced, the total is the sum of the priced calls, marked as a lower bound', async () => {
    const lens = await api();
    const text = [
      'import os',
      'from openai import OpenAI',
      '',
      'client = OpenAI()',
      '',
      '',
      'def ask(q: str) -> str:',
      '    a = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}])',
      '    b = client.chat.completions.create(model=os.environ["M"], messages=[{"role": "user", "content": q}])',
      '    return a.choices[0].message.content + b.choices[0].message.content',
      '',
    ].join('\n');
    const uri = workspaceFile('mixed_calls.py');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const { costs } = await lens.costsFor(document);
    assert.deepEqual(
      costs.map((c) => c.monthlyUsd === null),
      [false, true],
    );
    const sum = costs.reduce((total, c) => total + (c.monthlyUsd?.expected ?? 0), 0);
    const shown = await waitFor(
      () => (lens.statusBar()?.text === `$(credit-card) ≥${dollars(sum)}/mo` ? lens.statusBar() : undefined),
      `the total ≥${dollars(sum)}`,
    );
    assert.match(shown.tooltip, /^1 call not priced: model not known$/m);
  });

  it('clicking it lists the calls by monthly cost and jumps to the one chosen', async () => {
    const editor = await open('openai_chat.py');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const listing = vscode.commands.executeCommand('llmCostLens.showFileCalls');
    // The first item is the most expensive call (the tagging call, 20,000 a day, on line 21); accepting it jumps there.
    await waitFor(async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return vscode.window.activeTextEditor?.selection.active.line === 20 ? true : undefined;
    }, 'the jump to the most expensive call');
    await listing;
    const cursor = vscode.window.activeTextEditor?.selection.active;
    const name = editor.document.lineAt(20).text.indexOf('create(');
    assert.deepEqual([cursor?.line, cursor?.character], [20, name]);
  });

  it('is hidden for a file without calls and when turned off', async () => {
    const lens = await api();
    await open('plain.py');
    await waitFor(() => (lens.statusBar() === undefined ? true : undefined), 'the item hidden');
    await open('openai_chat.py');
    await waitFor(() => lens.statusBar(), 'the item back');
    const config = vscode.workspace.getConfiguration('llmCostLens');
    await config.update('statusBar.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor(() => (lens.statusBar() === undefined ? true : undefined), 'the item hidden by the setting');
    } finally {
      await config.update('statusBar.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor(() => lens.statusBar(), 'the item back');
  });

  it('a cost setting changes lenses and total at once; an annotated call keeps its own calls per day', async () => {
    const lens = await api();
    const table = lens.priceTable();
    const uri = workspaceFile('openai_chat.py');
    await open('openai_chat.py');
    const config = vscode.workspace.getConfiguration('llmCostLens');
    await config.update('callsPerDay', 2000, vscode.ConfigurationTarget.Global);
    try {
      const expected = [
        [8, expectedTitle(chat[0], table, 2000)],
        [21, expectedTitle(chat[1], table)],
      ];
      await lensesWhen(
        uri,
        (l) => JSON.stringify(l.map((x) => [x.line, x.title])) === JSON.stringify(expected),
        `lenses at 2,000 calls a day: ${JSON.stringify(expected)}`,
      );
      const total = monthlyUsd(chat[0], table, 2000) + monthlyUsd(chat[1], table);
      await waitFor(
        () => (lens.statusBar()?.text === `$(credit-card) ${dollars(total)}/mo` ? true : undefined),
        `the total ${dollars(total)}`,
      );
    } finally {
      await config.update('callsPerDay', undefined, vscode.ConfigurationTarget.Global);
    }
    await lensesWhen(uri, (l) => l[0]?.title === expectedTitle(chat[0], table), 'the default figures back');
  });

  it('a price override and a price file on disk change the figures without a reload', async () => {
    const lens = await api();
    const uri = workspaceFile('openai_chat.py');
    await open('openai_chat.py');
    const config = vscode.workspace.getConfiguration('llmCostLens');
    // gpt-4o-mini at $1 in / $2 out per 1M: 219 × 1 + 300 × 2 = $0.000819 a call.
    await config.update(
      'pricing.overrides',
      { 'gpt-4o-mini': { input: 1, output: 2 } },
      vscode.ConfigurationTarget.Global,
    );
    try {
      await lensesWhen(
        uri,
        (l) => l[0]?.title.endsWith('· $0.00082/call · $24.57/mo') ?? false,
        'the overridden price',
      );
      // The hover and the total follow the same price.
      const editor = await open('openai_chat.py');
      await waitFor(async () => {
        const hover = await hoverAt(uri, positionOf(editor.document, 'create(', 8));
        return hover && plain(hover).includes('input: 219 tokens × $1/1M (input)') ? true : undefined;
      }, 'the overridden price in the hover');
      const total = 24.57 + monthlyUsd(chat[1], lens.priceTable());
      await waitFor(
        () => (lens.statusBar()?.text === `$(credit-card) ${dollars(total)}/mo` ? true : undefined),
        `the total ${dollars(total)}`,
      );
    } finally {
      await config.update('pricing.overrides', undefined, vscode.ConfigurationTarget.Global);
    }
    const file = workspaceFile('prices.json');
    const write = (input: number): Thenable<void> =>
      vscode.workspace.fs.writeFile(
        file,
        Buffer.from(
          JSON.stringify({
            'gpt-4o-mini': {
              litellm_provider: 'openai',
              mode: 'chat',
              input_cost_per_token: input / 1e6,
              output_cost_per_token: 2e-6,
            },
            'gpt-4.1': {
              litellm_provider: 'openai',
              mode: 'chat',
              input_cost_per_token: 2e-6,
              output_cost_per_token: 8e-6,
            },
          }),
        ),
      );
    await write(1);
    await config.update('pricing.file', 'prices.json', vscode.ConfigurationTarget.Global);
    try {
      await lensesWhen(
        uri,
        (l) => l[0]?.title.endsWith('· $0.00082/call · $24.57/mo') ?? false,
        'prices from the file',
      );
      await waitFor(
        () => (lens.statusBar()?.tooltip.includes('price file prices.json') ? true : undefined),
        'the source named',
      );
      // Saving a newer file: 219 × 3 + 300 × 2 = $0.001257 a call.
      await write(3);
      await lensesWhen(uri, (l) => l[0]?.title.endsWith('· $0.0013/call · $37.71/mo') ?? false, 'the newer file');
      // A file that cannot be read: the bundled prices, said so, never $0.
      await vscode.workspace.fs.writeFile(file, Buffer.from('{ not json'));
      await waitFor(
        () => (lens.statusBar()?.tooltip.includes('could not be read') ? true : undefined),
        'the failure said',
      );
      const table = lens.priceTable();
      await lensesWhen(uri, (l) => l[0]?.title === expectedTitle(chat[0], table), 'bundled prices again');
    } finally {
      await config.update('pricing.file', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
