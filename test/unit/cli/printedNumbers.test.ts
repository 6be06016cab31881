import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { printedNumber } from '../../../src/core/io/printedNumbers';
import { defaultCostSettings } from '../../../src/core/cost';
import { bundledTable } from '../../../src/core/pricing';
import { reportCsv, reportJson, reportModel } from '../../../src/core/report';
import { workspaceBill } from '../../../src/core/workspace/bill';
import { callRecord } from '../cost/records';
import { tempDir, writeTree } from '../../support/hostileRepo';
import { captureIo } from '../helpers/io';

/** Significant digits of a number as JavaScript writes it: `0.00033089999999999997` has 17. */
function significantDigits(value: number): number {
  const mantissa = String(Math.abs(value)).split('e')[0] ?? '';
  return mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;
}

/** The fractional numbers in `value` (a parsed document, or a CSV's fields) written with more than 12 digits. */
function noisy(value: unknown): number[] {
  if (typeof value === 'number') return Number.isInteger(value) || significantDigits(value) <= 12 ? [] : [value];
  if (typeof value === 'string') return /^-?\d+\.\d+(e-?\d+)?$/.test(value) ? noisy(Number(value)) : [];
  if (Array.isArray(value)) return value.flatMap(noisy);
  if (value && typeof value === 'object') return Object.values(value).flatMap(noisy);
  return [];
}

const csvFields = (csv: string): string[] => csv.split(/[\r\n,]+/);

const loopOverItems = `from openai import OpenAI

client = OpenAI()


def summarise(items):
    for item in items:
        client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": item}])
`;

describe('printed figures carry no float noise', () => {
  it('keeps 12 significant digits, integers and non-finite values as they are', () => {
    assert.equal(printedNumber(0.1 + 0.2), 0.3);
    assert.equal(printedNumber(780.2760000000001), 780.276);
    assert.equal(printedNumber(0.00033089999999999997), 0.0003309);
    assert.equal(printedNumber(1.23e-9), 1.23e-9);
    assert.equal(printedNumber(1234567.891234), 1234567.89123);
    assert.equal(printedNumber(20_000), 20_000);
    assert.equal(printedNumber(-0.1 - 0.2), -0.3);
    assert.ok(Number.isNaN(printedNumber(Number.NaN)));
  });

  it('scan --format json and sarif print figures without noise, and the same figures otherwise', async () => {
    const dir = tempDir('printed-numbers');
    writeTree(dir, { 'app/bot.py': loopOverItems });
    const json = captureIo(dir, {});
    assert.equal(await runCli(['scan', 'app', '--format', 'json'], json), 0, json.err());
    assert.deepEqual(noisy(JSON.parse(json.out())), []);
    const call = (JSON.parse(json.out()) as { calls: { costPerCallUsd: { expected: number } }[] }).calls[0];
    // gpt-4o-mini at 206 input tokens and 500 output: $0.15 and $0.60 per million.
    assert.equal(call?.costPerCallUsd.expected, printedNumber((206 * 0.15 + 500 * 0.6) / 1e6));
    assert.notEqual(call?.costPerCallUsd.expected, (206 * 0.15 + 500 * 0.6) / 1e6, 'the fixture has noise to remove');
    const sarif = captureIo(dir, {});
    assert.equal(await runCli(['scan', 'app', '--format', 'sarif'], sarif), 0, sarif.err());
    assert.deepEqual(noisy(JSON.parse(sarif.out())), []);
  });

  it('the report export (CSV and JSON) prints figures without noise', () => {
    const bill = workspaceBill([callRecord({ file: 'a.py', model: 'gpt-4.1-nano', line: 4 })], {
      table: bundledTable,
      settings: { ...defaultCostSettings, callsPerDay: 3 },
      sources: {},
      assumedModels: {},
    });
    const model = reportModel({
      bill,
      findings: [],
      table: bundledTable,
      scope: { folders: ['ws'], files: 1, skipped: [], cancelled: false },
      now: new Date('2026-12-01T08:00:00Z'),
    });
    assert.notDeepEqual(noisy(model), [], 'the fixture has noise to remove');
    assert.deepEqual(noisy(JSON.parse(reportJson(model))), []);
    assert.deepEqual(noisy(csvFields(reportCsv(model))), []);
    assert.ok(
      csvFields(reportCsv(model)).some((field) => /^\d+\.\d+$/.test(field)),
      'the CSV has figures',
    );
  });
});
