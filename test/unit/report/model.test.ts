import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { defaultCostSettings } from '../../../src/core/cost';
import { printedNumbers } from '../../../src/core/io/printedNumbers';
import { ParserHost } from '../../../src/core/parsing/host';
import { bundledTable } from '../../../src/core/pricing';
import {
  reportCsv,
  reportJson,
  reportModel,
  selectRows,
  defaultRowQuery,
  unpricedLabel,
} from '../../../src/core/report';
import type { Finding } from '../../../src/core/rules';
import { hostAnalyzer } from '../../../src/core/workspace/analyzer';
import { workspaceBill } from '../../../src/core/workspace/bill';
import { filesExcludeMatcher } from '../../../src/core/workspace/excludes';
import { workspaceFindings } from '../../../src/core/workspace/findings';
import { scanWorkspace } from '../../../src/core/workspace/scan';
import { callRecord } from '../cost/records';
import { MemoryFileSystem } from '../../support/memoryFileSystem';
import { wasmDir } from '../helpers/paths';
import { labelWithWritten } from '../../../src/webview/report/figures';

const inputs = { table: bundledTable, settings: defaultCostSettings, sources: {}, assumedModels: {} };
const scope = { folders: ['ws'], files: 3, skipped: [], cancelled: false };
const now = new Date('2026-11-30T08:00:00Z');

function finding(file: string, line: number, code: Finding['code']): Finding {
  return {
    code,
    severity: 'warning',
    file,
    line,
    column: 1,
    range: { start: 0, end: 1 },
    message: `${code} here`,
    fixes: [],
  };
}

describe('workspace report model (core)', () => {
  const bill = workspaceBill(
    [
      callRecord({ file: 'a.py', model: 'gpt-4o-mini', line: 4 }),
      callRecord({ file: 'b.py', model: 'gpt-4o', line: 3 }),
      callRecord({ file: 'b.py', model: 'house-model-7', line: 9 }),
    ],
    inputs,
  );
  const model = reportModel({
    bill,
    findings: [finding('b.py', 3, 'missing-output-limit'), finding('b.py', 3, 'batch-candidate')],
    table: bundledTable,
    scope,
    now,
  });

  it('carries the bill totals unchanged, per provider, model and file', () => {
    assert.deepEqual(model.totals.monthlyUsd, bill.totals.monthlyUsd);
    assert.equal(model.totals.calls, 3);
    assert.equal(model.totals.unpriced, 1);
    assert.equal(model.totals.findings, 2);
    assert.deepEqual(model.byModel, bill.totals.byModel);
    assert.deepEqual(
      model.byFile.map((r) => r.key),
      ['b.py', 'a.py'],
    );
  });

  it('shows an unknown model as not priced, never as $0, in rows, chart and CSV', () => {
    const unknown = model.calls.find((c) => c.model === 'house-model-7');
    assert.ok(unknown);
    assert.equal(unknown.monthlyUsd, null);
    assert.equal(unknown.perCallUsd, null);
    assert.match(unknown.unknownReason ?? '', /./);
    const bar = model.chart.at(-1);
    assert.deepEqual(bar, {
      label: unpricedLabel,
      monthlyUsd: null,
      calls: 1,
      reason: 'model not in the price table',
    });
    assert.equal(model.totals.unnamed, 0, 'house-model-7 is named: it is not a model the code hides');
    const line = reportCsv(model)
      .split('\r\n')
      .find((l) => l.includes('house-model-7'));
    assert.ok(line);
    assert.match(line, /not priced/);
    assert.doesNotMatch(line, /,0,/);
  });

  it('puts the findings under their call', () => {
    const big = model.calls.find((c) => c.model === 'gpt-4o');
    assert.deepEqual(
      big?.findings.map((f) => f.code),
      ['missing-output-limit', 'batch-candidate'],
    );
    assert.deepEqual(model.calls.find((c) => c.model === 'gpt-4o-mini')?.findings, []);
  });

  it('notes the price table and its age, and the assumptions', () => {
    assert.equal(model.prices.pricesAsOf, bundledTable.pricesAsOf ?? bundledTable.generatedAt);
    assert.equal(typeof model.prices.stale, 'boolean');
    assert.match(model.assumptions[0] ?? '', /calls a day \(default\) — llmCostLens\.callsPerDay/);
    const old = reportModel({ bill, findings: [], table: bundledTable, scope, now: new Date('2030-01-01') });
    assert.equal(old.prices.stale, true);
  });

  it('groups the models beyond the chart bars as other models', () => {
    const names = [
      'gpt-4o',
      'gpt-4o-mini',
      'gpt-4.1',
      'gpt-4.1-mini',
      'gpt-4.1-nano',
      'o3',
      'o4-mini',
      'gpt-5',
      'gpt-5-mini',
    ];
    const many = workspaceBill(
      names.map((m, i) => callRecord({ file: `f${i}.py`, model: m })),
      inputs,
    );
    const chart = reportModel({ bill: many, findings: [], table: bundledTable, scope, now }).chart;
    assert.equal(chart.length, 8);
    assert.match(chart.at(-1)?.label ?? '', /^other models \(2\)$/);
    const sum = chart.reduce((s, b) => s + (b.monthlyUsd ?? 0), 0);
    assert.ok(Math.abs(sum - many.totals.monthlyUsd.expected) < 1e-9);
  });

  it('names on a chart bar the models the code writes that are priced under the bar’s name', () => {
    const aliased = workspaceBill(
      [
        callRecord({ file: 'a.py', model: 'gpt-4-0125-preview' }),
        callRecord({ file: 'b.py', model: 'gpt-4-turbo' }),
        callRecord({ file: 'c.py', model: 'gpt-4o' }),
      ],
      inputs,
    );
    const chart = reportModel({ bill: aliased, findings: [], table: bundledTable, scope, now }).chart;
    const bars = new Map(chart.map((bar) => [bar.label, bar.written]));
    assert.deepEqual(bars.get('gpt-4-turbo'), ['gpt-4-0125-preview', 'gpt-4-turbo']);
    assert.ok(bars.has('gpt-4o'));
    assert.equal(bars.get('gpt-4o'), undefined);
    assert.equal(labelWithWritten('gpt-4o', undefined), 'gpt-4o');
    assert.equal(
      labelWithWritten('gpt-4-turbo', bars.get('gpt-4-turbo')),
      'gpt-4-turbo (in code: gpt-4-0125-preview, gpt-4-turbo)',
    );
  });

  it('sorts and filters rows; calls without the sorted figure come last either way', () => {
    const monthlyDown = selectRows(model.calls, defaultRowQuery).map((c) => c.model);
    assert.deepEqual(monthlyDown, ['gpt-4o', 'gpt-4o-mini', 'house-model-7']);
    const monthlyUp = selectRows(model.calls, { ...defaultRowQuery, direction: 'ascending' }).map((c) => c.model);
    assert.deepEqual(monthlyUp, ['gpt-4o-mini', 'gpt-4o', 'house-model-7']);
    const byFile = selectRows(model.calls, { ...defaultRowQuery, sort: 'location', direction: 'ascending' });
    assert.deepEqual(
      byFile.map((c) => `${c.file}:${c.line}`),
      ['a.py:4', 'b.py:3', 'b.py:9'],
    );
    assert.deepEqual(
      selectRows(model.calls, { ...defaultRowQuery, text: 'B.PY house' }).map((c) => c.model),
      ['house-model-7'],
    );
    assert.deepEqual(
      selectRows(model.calls, { ...defaultRowQuery, text: 'batch-candidate' }).map((c) => c.model),
      ['gpt-4o'],
    );
    assert.equal(selectRows(model.calls, { ...defaultRowQuery, withFindings: true }).length, 1);
    assert.deepEqual(
      selectRows(model.calls, { ...defaultRowQuery, unpricedOnly: true }).map((c) => c.model),
      ['house-model-7'],
    );
  });

  it('exports CSV with quoted fields and no spreadsheet formulas, and JSON of the whole model', () => {
    const tricky = workspaceBill([callRecord({ file: 'a,"b".py', model: '=cmd()' })], inputs);
    const csv = reportCsv(reportModel({ bill: tricky, findings: [], table: bundledTable, scope, now }));
    const [header, row] = csv.split('\r\n');
    assert.match(header ?? '', /^file,line,column,/);
    assert.ok(row?.startsWith('"a,""b"".py",1,1,'));
    assert.match(row ?? '', /,'=cmd\(\),/);
    // The whole model, its figures as printed (see printedNumbers.test.ts).
    assert.deepEqual(JSON.parse(reportJson(model)), JSON.parse(JSON.stringify(model, printedNumbers)));
  });
});

describe('files.exclude in the walk', () => {
  it('leaves out what the patterns set to true match, relative to the folder', () => {
    const exclude = filesExcludeMatcher('/ws', {
      '**/generated': true,
      'legacy/': true,
      '*.tmp.py': true,
      'off/**': false,
      'x.py': { when: '$(basename).ts' },
    });
    assert.ok(exclude);
    assert.equal(exclude('/ws/src/generated', true), true);
    assert.equal(exclude('/ws/legacy', true), true);
    assert.equal(exclude('/ws/a.tmp.py', false), true);
    assert.equal(exclude('/ws/off/a.py', false), false);
    assert.equal(exclude('/ws/x.py', false), false);
    assert.equal(exclude('/ws/src/app.py', false), false);
    assert.equal(exclude('/elsewhere/generated', true), false);
    assert.equal(filesExcludeMatcher('/ws', 'not an object'), undefined);
  });
});

describe('workspace findings over a FileSystem', () => {
  const host = new ParserHost(wasmDir);
  after(() => host.dispose());

  it('re-reads each file with calls and runs the rules, as the CLI scan does', async () => {
    const fs = new MemoryFileSystem({
      '/ws/app.py':
        'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o", messages=[])\n',
      '/ws/generated/skip.py':
        'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=[])\n',
    });
    const scan = await scanWorkspace(['/ws'], {
      fs,
      root: '/ws',
      analyzer: hostAnalyzer(host),
      exclude: filesExcludeMatcher('/ws', { generated: true }),
    });
    assert.deepEqual(
      scan.calls.map((c) => c.file),
      ['app.py'],
    );
    const found = await workspaceFindings(scan.calls, fs, '/ws', {
      table: bundledTable,
      costSettings: defaultCostSettings,
    });
    assert.ok(found.some((f) => f.code === 'missing-output-limit' && f.file === 'app.py' && f.line === 3));
  });
});
