import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultCostSettings } from '../../../src/core/cost';
import { bundledTable } from '../../../src/core/pricing';
import { reportModel } from '../../../src/core/report';
import { workspaceBill, type BillInputs } from '../../../src/core/workspace/bill';
import { mergeBills } from '../../../src/core/workspace/folderBills';
import { callRecord } from '../cost/records';

const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const now = new Date('2026-11-30T08:00:00Z');
const scope = { folders: ['api', 'web'], files: 4, skipped: [], cancelled: false };

// Two folders of a multi-root workspace, each with its own .vscode/settings.json.
const apiInputs: BillInputs = {
  table: bundledTable,
  settings: { ...defaultCostSettings, callsPerDay: 200, expectedOutputTokens: 900 },
  sources: { callsPerDay: 'setting', expectedOutputTokens: 'setting' },
  assumedModels: {},
};
const webInputs: BillInputs = {
  table: bundledTable,
  settings: { ...defaultCostSettings, callsPerDay: 50_000 },
  sources: { callsPerDay: 'setting' },
  assumedModels: { anthropic: 'claude-haiku-4-5' },
};
const apiCalls = [
  callRecord({ file: 'api/app.py', model: 'gpt-4o', line: 3 }),
  callRecord({ file: 'api/app.py', model: null, modelVia: 'unresolved', line: 9 }),
  callRecord({ file: 'api/other.py', model: 'gpt-4o-mini', line: 5, callsPerDay: 7 }),
];
const webCalls = [
  callRecord({ file: 'web/chat.ts', model: 'gpt-4.1-nano', line: 12 }),
  callRecord({ file: 'web/chat.ts', model: null, modelVia: 'unresolved', sdk: 'anthropic', line: 30 }),
];

const apiBill = workspaceBill(apiCalls, apiInputs);
const webBill = workspaceBill(webCalls, webInputs);
const merged = mergeBills([
  { folder: 'api', bill: apiBill },
  { folder: 'web', bill: webBill },
]);

describe('merging folders’ bills', () => {
  it('gives every call the figures its own folder’s bill gives it', () => {
    assert.deepEqual(merged.calls, [...apiBill.calls, ...webBill.calls]);
    assert.deepEqual(merged.records, [...apiBill.records, ...webBill.records]);
    assert.deepEqual(merged.costs, [...apiBill.costs, ...webBill.costs]);
    // Each folder's calls per day, not the first folder's for all.
    assert.equal(merged.calls[0]?.callsPerDay, 200);
    assert.equal(merged.calls[2]?.callsPerDay, 7);
    assert.equal(merged.calls[3]?.callsPerDay, 50_000);
    // The web folder's assumed model prices its unresolved Anthropic call; the api folder assumes none.
    assert.equal(merged.records[4]?.model, 'claude-haiku-4-5');
    assert.ok(merged.calls[4]?.monthlyUsd);
    // Model candidates come from the call's own folder (gpt-4o there; not web's gpt-4.1-nano), as a CLI scan of
    // that folder lists them.
    assert.deepEqual(merged.records[1]?.modelCandidates, ['gpt-4o', 'gpt-4o-mini']);
    const oneBill = workspaceBill([...apiCalls, ...webCalls], apiInputs);
    assert.deepEqual(oneBill.records[1]?.modelCandidates, ['gpt-4.1-nano', 'gpt-4o', 'gpt-4o-mini']);
  });

  it('totals the sum over the folders', () => {
    const { totals } = merged;
    assert.equal(totals.calls, apiBill.totals.calls + webBill.totals.calls);
    assert.equal(totals.unpriced, apiBill.totals.unpriced + webBill.totals.unpriced);
    assert.equal(totals.unpriced, 1);
    assert.ok(
      near(totals.monthlyUsd.expected, apiBill.totals.monthlyUsd.expected + webBill.totals.monthlyUsd.expected),
    );
    const perModel = (key: string): number =>
      [apiBill, webBill].reduce(
        (sum, folder) => sum + (folder.totals.byModel.find((row) => row.key === key)?.monthlyUsd.expected ?? 0),
        0,
      );
    for (const row of totals.byModel) assert.ok(near(row.monthlyUsd.expected, perModel(row.key)), row.key);
    assert.equal(
      totals.byProvider.reduce((sum, row) => sum + row.calls, 0),
      totals.calls,
    );
  });

  it('reports the assumptions per folder where the folders differ, once where they agree', () => {
    const model = reportModel({ bill: merged, findings: [], table: bundledTable, scope, now });
    assert.deepEqual(
      model.assumptions.filter((line) => line.includes('calls a day')),
      [
        'api: 200 calls a day (setting; 1 call annotated) — llmCostLens.callsPerDay',
        'web: 50,000 calls a day (setting) — llmCostLens.callsPerDay',
      ],
    );
    // Only the api folder set an expected output; the web folder's calls used the default.
    const output = model.assumptions.filter((line) => line.includes('expected output tokens'));
    assert.equal(output.length, 2);
    assert.ok(output[0]?.startsWith('api: 900 expected output tokens (setting, '), output[0]);
    assert.ok(
      output[1]?.startsWith(`web: ${defaultCostSettings.expectedOutputTokens} expected output tokens (default, `),
    );
    // Both folders used the default dynamic part size: one line, counting the calls of both.
    const dynamic = model.assumptions.filter((line) => line.includes('tokens per dynamic part'));
    const dynamicCalls = apiBill.assumptions.dynamicPartTokens.calls + webBill.assumptions.dynamicPartTokens.calls;
    assert.ok(dynamicCalls > 0);
    assert.deepEqual(dynamic, [
      `${defaultCostSettings.dynamicPartTokens} tokens per dynamic part (default, ${dynamicCalls} calls) — llmCostLens.dynamicPartTokens`,
    ]);
    // The model's totals are the merged bill's.
    assert.deepEqual(model.totals.monthlyUsd, merged.totals.monthlyUsd);
    assert.equal(model.calls[3]?.callsPerDay, 50_000);
  });

  it('names a folder’s own price file, and no prices the report already names', () => {
    const own = {
      ...bundledTable,
      origin: { kind: 'file' as const, label: 'your price file p.json' },
      pricesAsOf: '2026-11-02',
    };
    const model = reportModel({
      bill: mergeBills([
        { folder: 'api', bill: apiBill, table: bundledTable },
        { folder: 'web', bill: webBill, table: own },
      ]),
      findings: [],
      table: bundledTable,
      scope,
      now,
    });
    assert.deepEqual(
      model.assumptions.filter((line) => line.includes('pricing.file')),
      ['web: your price file p.json, prices as of 2026-11-02 — llmCostLens.pricing.file'],
    );
  });

  it('names the models price overrides set: the workspace’s, and a folder’s own where they differ', () => {
    const overrideLines = (model: { assumptions: string[] }): string[] =>
      model.assumptions.filter((line) => line.endsWith('llmCostLens.pricing.overrides'));
    // A folder with only its own overrides (no price file): its line, though its table is named as the header's.
    const own = reportModel({
      bill: mergeBills([
        { folder: 'api', bill: apiBill, table: bundledTable },
        { folder: 'web', bill: webBill, table: bundledTable, ownPriceOverrides: ['gpt-4.1-nano', 'my-deployment'] },
      ]),
      findings: [],
      table: bundledTable,
      scope,
      now,
    });
    assert.deepEqual(overrideLines(own), [
      'web: your price overrides for gpt-4.1-nano, my-deployment — llmCostLens.pricing.overrides',
    ]);
    // The workspace's overrides, and a folder that sets none of its own in their place.
    const workspace = reportModel({
      bill: mergeBills([
        { folder: 'api', bill: apiBill, ownPriceOverrides: [] },
        { folder: 'web', bill: webBill },
      ]),
      findings: [],
      table: bundledTable,
      priceOverrides: ['gpt-4o'],
      scope,
      now,
    });
    assert.deepEqual(overrideLines(workspace), [
      'your price overrides for gpt-4o — llmCostLens.pricing.overrides',
      'api: no price overrides — llmCostLens.pricing.overrides',
    ]);
    // One folder: its overrides are the workspace's, said once.
    const alone = reportModel({
      bill: apiBill,
      findings: [],
      table: bundledTable,
      priceOverrides: ['gpt-4o'],
      scope,
      now,
    });
    assert.deepEqual(overrideLines(alone), ['your price overrides for gpt-4o — llmCostLens.pricing.overrides']);
    assert.deepEqual(overrideLines(reportModel({ bill: apiBill, findings: [], table: bundledTable, scope, now })), []);
  });

  it('leaves a one-folder workspace’s report exactly as its bill alone gives it', () => {
    const alone = reportModel({ bill: apiBill, findings: [], table: bundledTable, scope, now });
    const viaMerge = reportModel({
      bill: mergeBills([{ folder: 'api', bill: apiBill }]),
      findings: [],
      table: bundledTable,
      scope,
      now,
    });
    assert.deepEqual(viaMerge, alone);
    assert.ok(alone.assumptions[0]?.startsWith('200 calls a day'));
  });

  it('shows the settings of folders that have calls, and the first folder’s when none has any', () => {
    const empty = workspaceBill([], webInputs);
    const withEmpty = reportModel({
      bill: mergeBills([
        { folder: 'web', bill: empty },
        { folder: 'api', bill: apiBill },
      ]),
      findings: [],
      table: bundledTable,
      scope,
      now,
    });
    assert.ok(withEmpty.assumptions[0]?.startsWith('200 calls a day'), withEmpty.assumptions[0]);
    const none = reportModel({
      bill: mergeBills([
        { folder: 'web', bill: empty },
        { folder: 'api', bill: workspaceBill([], apiInputs) },
      ]),
      findings: [],
      table: bundledTable,
      scope,
      now,
    });
    assert.deepEqual(none.assumptions, ['50,000 calls a day (setting) — llmCostLens.callsPerDay']);
  });
});
