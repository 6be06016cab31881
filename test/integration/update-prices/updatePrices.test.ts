import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PriceTable } from '../../../src/core/pricing';
import { resolveModel } from '../../../src/core/pricing/resolve';
import type { LlmCostLensApi } from '../../../src/editor/api';
import type { PricingService } from '../../../src/editor/pricingService';
import { PriceStore } from '../../../src/editor/prices/priceStore';
import { PriceUpdater, type UpdateReport } from '../../../src/editor/prices/priceUpdater';
import type { FakeServer } from '../../support/fakeOpenAi';
import { startPriceServer, validPriceMap } from '../../support/priceMap';
import { extensionId, waitFor, workspaceFile } from '../helpers';

async function api(): Promise<LlmCostLensApi> {
  const extension = vscode.extensions.getExtension<LlmCostLensApi>(extensionId);
  assert.ok(extension);
  return extension.activate();
}

function inputPrice(table: PriceTable, model: string): number | undefined {
  const resolved = resolveModel(model, table);
  return resolved.unknown ? undefined : resolved.entry.prices.input.usd;
}

/** Update Prices in the real host, against a local server: the valid map is used, every failure keeps it. */
describe('Update Prices command', function () {
  this.timeout(120_000);
  let server: FakeServer;
  let origin: string;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('llmCostLens');

  before(async () => {
    ({ server, origin } = await startPriceServer());
  });

  after(async () => {
    await config().update('pricing.updateUrl', undefined, vscode.ConfigurationTarget.Global);
    await config().update('pricing.updateTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await server.close();
  });

  /** Only the stalling server gets a short timeout: a busy machine must not turn another case into a timeout. */
  async function updateFrom(file: string, timeoutSeconds = 60): Promise<UpdateReport> {
    await config().update('pricing.updateTimeoutSeconds', timeoutSeconds, vscode.ConfigurationTarget.Global);
    await config().update('pricing.updateUrl', `${origin}${file}`, vscode.ConfigurationTarget.Global);
    const report = await vscode.commands.executeCommand<UpdateReport>('llmCostLens.updatePrices');
    assert.ok(report, 'the command returns what it did');
    return report;
  }

  it('puts a valid map in force, says which table it is, and fires the change event', async () => {
    const lens = await api();
    assert.equal(inputPrice(lens.priceTable(), 'gpt-4o'), 2.5, 'the bundled price first');
    const seen: PriceTable[] = [];
    const subscription = lens.onDidChangePriceTable(() => seen.push(lens.priceTable()));
    try {
      const report = await updateFrom('/valid.json');
      assert.equal(report.ok, true, report.message);
      assert.match(report.message, /^Prices updated: 22 models from LiteLLM's map of \d{4}-\d{2}-\d{2}: 21 known/);
      const table = lens.priceTable();
      assert.equal(inputPrice(table, 'gpt-4o'), 2);
      assert.equal(table.origin?.kind, 'update');
      assert.match(table.origin?.label ?? '', /^LiteLLM's price map fetched \d{4}-\d{2}-\d{2} \(Update Prices\)$/);
      assert.ok(seen.some((t) => t.origin?.kind === 'update' && inputPrice(t, 'gpt-4o') === 2));
      // Models the map lacks keep the snapshot's price and source.
      assert.equal(inputPrice(table, 'claude-opus-5'), 5);
    } finally {
      subscription.dispose();
    }
  });

  const failures: [string, RegExp, number?][] = [
    ['/invalid.json', /: not JSON .*Still using LiteLLM's price map fetched/],
    ['/missing.json', /: HTTP 404 Not Found\. Still using LiteLLM's price map fetched/],
    ['/stall.json', /: no complete answer within 1 s\. Still using/, 1],
    ['/huge.json', /: the answer is larger than 20 MB\. Still using/],
  ];
  for (const [file, reason, timeoutSeconds] of failures) {
    it(`keeps the last good table when the update fails (${file}) and says why`, async () => {
      const lens = await api();
      const report = await updateFrom(file, timeoutSeconds);
      assert.equal(report.ok, false);
      assert.match(report.message, reason);
      await waitFor(() => (inputPrice(lens.priceTable(), 'gpt-4o') === 2 ? true : undefined), 'the last good table');
      assert.equal(lens.priceTable().origin?.kind, 'update');
    });
  }

  /** A window opened later starts from the stored map, not from the snapshot; a damaged one is never used. */
  describe('the stored map at start', () => {
    let folder: string;
    const fetchedOn = '2026-11-02';

    beforeEach(() => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-store-'));
    });
    afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

    /** Restores from the folder into a stand-in for the pricing service; what it was handed. */
    async function restoreFrom(store: PriceStore): Promise<(PriceTable | null)[]> {
      const handed: (PriceTable | null)[] = [];
      const pricing = { useUpdatedTable: (table: PriceTable | null) => handed.push(table) };
      const updater = new PriceUpdater(store, pricing as unknown as PricingService);
      try {
        await updater.restore();
      } finally {
        updater.dispose();
      }
      return handed;
    }

    it('puts the last good map kept in global storage in force', async () => {
      const store = new PriceStore(vscode.Uri.file(folder));
      await store.write({ text: validPriceMap(), fetchedOn, fetchedAt: `${fetchedOn}T08:00:00.000Z`, url: origin });
      const [table, ...more] = await restoreFrom(new PriceStore(vscode.Uri.file(folder)));
      assert.equal(more.length, 0);
      assert.ok(table, 'a table is handed over');
      assert.equal(inputPrice(table, 'gpt-4o'), 2);
      assert.equal(inputPrice(table, 'gpt-test-next'), 3);
      assert.equal(table.origin?.kind, 'update');
      assert.equal(table.pricesAsOf, fetchedOn);
    });

    it('keeps the snapshot when the stored map is damaged or its record is missing', async () => {
      const store = new PriceStore(vscode.Uri.file(folder));
      await store.write({ text: '{"gpt-4o": ', fetchedOn, fetchedAt: `${fetchedOn}T08:00:00.000Z`, url: origin });
      assert.deepEqual(await restoreFrom(store), []);
      await store.write({ text: validPriceMap(), fetchedOn, fetchedAt: `${fetchedOn}T08:00:00.000Z`, url: origin });
      fs.rmSync(path.join(folder, 'litellm-prices.meta.json'));
      assert.deepEqual(await restoreFrom(store), []);
    });
  });

  it('names the table in the status bar tooltip, and says when its prices are more than 120 days old', async () => {
    const lens = await api();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile('app.py')));
    const updated = await waitFor(
      () => (lens.statusBar()?.tooltip.includes('Update Prices') ? lens.statusBar() : undefined),
      'the tooltip naming the updated table',
    );
    assert.match(
      updated.tooltip,
      /Prices: LiteLLM's price map fetched \d{4}-\d{2}-\d{2} \(Update Prices\), prices as of/,
    );
    assert.doesNotMatch(updated.tooltip, /days old/);
    // A price file of 200 days ago: the table in force is that old.
    const file = workspaceFile('old-prices.json').fsPath;
    fs.writeFileSync(file, validPriceMap());
    const then = new Date(Date.now() - 200 * 24 * 60 * 60 * 1000);
    fs.utimesSync(file, then, then);
    try {
      await config().update('pricing.file', 'old-prices.json', vscode.ConfigurationTarget.Global);
      const old = await waitFor(
        () => (lens.statusBar()?.tooltip.includes('days old') ? lens.statusBar() : undefined),
        'the tooltip saying the prices are old',
      );
      assert.match(old.tooltip, /Prices: your price file old-prices\.json, prices as of \d{4}-\d{2}-\d{2}/);
      assert.match(
        old.tooltip,
        /Prices are 20\d days old \(providers change them often\): run \*\*LLM Cost Lens: Update Prices\*\*/,
      );
    } finally {
      await config().update('pricing.file', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
