import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CallRecord } from '../../../src/core/analysis/types';
import { daysPerMonth, estimateCallCost, validateCostSettings, type CostSettings } from '../../../src/core/cost';
import { applyOverrides, bundledTable, loadPriceFile, validateOverrides } from '../../../src/core/pricing';
import { pricesOf } from '../../../src/core/pricing/update/age';
import { costSettingKeys } from '../../../src/core/settings/figureSettings';
import type { ReportModel } from '../../../src/core/report';
import type { RenderedReport } from '../../../src/editor/report/protocol';
import { api } from '../editor/expectations';
import { waitFor } from '../helpers';
import { cliScanCalls, near } from '../report/support';

interface CliCall extends CallRecord {
  callsPerDay: number;
  costPerCallUsd: { expected: number } | null;
  monthlyUsd: { expected: number } | null;
}

/** The folder's own cost settings, price file and overrides, as the editor holds them for it, for the core. */
function corePricing(folder: vscode.WorkspaceFolder): { settings: CostSettings; table: typeof bundledTable } {
  const config = vscode.workspace.getConfiguration('llmCostLens', folder.uri);
  const { settings } = validateCostSettings(Object.fromEntries(costSettingKeys.map((key) => [key, config.get(key)])));
  const file = config.get<string>('pricing.file');
  const base = file ? loadPriceFile(path.join(folder.uri.fsPath, file)).table : bundledTable;
  assert.ok(base, `${folder.name}: its price file loads`);
  const overrides = validateOverrides(config.get('pricing.overrides')).overrides;
  return { settings, table: applyOverrides(base, overrides).table };
}

describe('workspace cost report of a multi-root workspace', function () {
  this.timeout(180_000);

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('prices each folder’s calls with that folder’s own settings, as the CLI scan of that folder does', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.deepEqual(
      folders.map((f) => f.name),
      ['api', 'web'],
    );
    const lens = await api();
    await vscode.commands.executeCommand('llmCostLens.showWorkspaceReport');
    const { posted, rendered } = await waitFor<{ posted: ReportModel; rendered: RenderedReport }>(
      () => {
        const { posted: model, rendered: drawn } = lens.workspaceReport() ?? {};
        if (!model || !drawn || drawn.computedAt !== model.computedAt || model.totals.calls < 2) return undefined;
        return { posted: model, rendered: drawn };
      },
      'the report of both folders drawn',
      90_000,
    );
    assert.equal(posted.calls.length, 2);
    let cliTotal = 0;
    const callsPerDay: number[] = [];
    const ownPrices: string[] = [];
    for (const folder of folders) {
      const cli = await cliScanCalls<CliCall>(folder.uri.fsPath);
      assert.equal(cli.length, 1, `one call in ${folder.name}`);
      const [call] = cli;
      assert.ok(call?.monthlyUsd && call.costPerCallUsd);
      cliTotal += call.monthlyUsd.expected;
      const shown = posted.calls.find((c) => c.file === `${folder.name}/${call.file}` && c.line === call.line);
      assert.ok(shown, `the report lists ${folder.name}/${call.file}:${call.line}`);
      // The core, with this folder's settings and overrides, prices the call the CLI found.
      const { settings, table } = corePricing(folder);
      if (table.origin?.kind === 'file')
        ownPrices.push(`${folder.name}: ${pricesOf(table)} — llmCostLens.pricing.file`);
      const expected = estimateCallCost(call, { table, settings });
      assert.equal(expected.callsPerDay, settings.callsPerDay);
      assert.ok(expected.monthlyUsd && expected.costPerCallUsd);
      assert.ok(
        near(expected.monthlyUsd.expected, expected.costPerCallUsd.expected * settings.callsPerDay * daysPerMonth),
      );
      callsPerDay.push(shown.callsPerDay);
      assert.equal(shown.callsPerDay, settings.callsPerDay, `${folder.name}: its own calls per day`);
      assert.equal(call.callsPerDay, settings.callsPerDay, `${folder.name}: the CLI reads the same settings`);
      assert.ok(shown.perCallUsd !== null && shown.monthlyUsd, `${folder.name}: priced`);
      assert.ok(near(shown.perCallUsd, expected.costPerCallUsd.expected), `${folder.name} $/call`);
      assert.ok(near(shown.perCallUsd, call.costPerCallUsd.expected), `${folder.name} $/call = CLI`);
      assert.ok(near(shown.monthlyUsd.expected, expected.monthlyUsd.expected), `${folder.name} $/month`);
      assert.ok(near(shown.monthlyUsd.expected, call.monthlyUsd.expected), `${folder.name} $/month = CLI`);
      // Each folder's own overrides price its call: not the bundled snapshot's price.
      const listed = estimateCallCost(call, { table: bundledTable, settings }).costPerCallUsd?.expected ?? 0;
      assert.ok(!near(shown.perCallUsd, listed), `${folder.name}: its own prices, not the snapshot's`);
    }
    // The folders differ (else this test could not tell one folder's settings from the other's).
    assert.notEqual(callsPerDay[0], callsPerDay[1]);
    // The totals are the sum over the folders' scans, and the assumptions say which folder assumed what.
    assert.ok(near(rendered.monthlyUsd, cliTotal), `report ${rendered.monthlyUsd} = CLI ${cliTotal}`);
    assert.ok(near(posted.totals.monthlyUsd.expected, cliTotal));
    for (const [index, folder] of folders.entries()) {
      const perDay = (callsPerDay[index] ?? 0).toLocaleString('en-US');
      assert.ok(
        posted.assumptions.includes(`${folder.name}: ${perDay} calls a day (setting) — llmCostLens.callsPerDay`),
        posted.assumptions.join('\n'),
      );
    }
    // The web folder's own price file is said: the report's prices line names the workspace's table.
    assert.equal(ownPrices.length, 1);
    assert.deepEqual(
      posted.assumptions.filter((line) => line.endsWith('llmCostLens.pricing.file')),
      ownPrices,
    );
    // So are each folder's own price overrides, by the models they price: the api folder has no price file, only
    // overrides, and the header's table does not price its call.
    assert.deepEqual(
      posted.assumptions.filter((line) => line.endsWith('llmCostLens.pricing.overrides')),
      [
        'api: your price overrides for gpt-4o-mini — llmCostLens.pricing.overrides',
        'web: your price overrides for gpt-4o-mini — llmCostLens.pricing.overrides',
      ],
    );
  });

  it('names each folder’s own prices in the hover and the status bar of its files', async () => {
    const lens = await api();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const { table } = corePricing(folder);
      const file = folder.name === 'web' ? 'chat.ts' : 'app.py';
      const editor = await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, file));
      const prices = `Prices: ${pricesOf(table)}`;
      await waitFor(
        () => (lens.statusBar()?.tooltip.includes(prices) ? true : undefined),
        `the status bar of ${folder.name}/${file} naming ${prices}`,
      );
      const text = editor.document.getText();
      const at = editor.document.positionAt(text.indexOf('create('));
      await waitFor(async () => {
        const found = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          editor.document.uri,
          at,
        );
        return found.some((h) =>
          h.contents.some((c) => typeof c !== 'string' && 'value' in c && c.value.replace(/\\/g, '').includes(prices)),
        )
          ? true
          : undefined;
      }, `the hover of ${folder.name}/${file} naming ${prices}`);
    }
  });
});
