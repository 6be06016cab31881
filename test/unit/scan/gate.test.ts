import * as assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { runCli } from '../../../src/cli/run';
import { formatUsd } from '../../../src/core/cost/format';
import { rules } from '../../../src/core/rules';
import { openAiBot, tempDir, writeTree } from '../../support/hostileRepo';
import { captureIo } from '../helpers/io';

const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** One call with a limit, one without (a missing-output-limit finding with a fix). */
const unlimited = openAiBot.replace(', max_tokens=100', '').replace('def ask', 'def ask_free');
function workspace(): string {
  const root = tempDir('gate');
  made.push(root);
  writeTree(root, { 'app/bot.py': openAiBot, 'app/free.py': unlimited });
  return root;
}

async function run(root: string, ...args: string[]) {
  const io = captureIo(root);
  const code = await runCli(['scan', '.', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

interface ScanJson {
  calls: { monthlyUsd: { expected: number } | null }[];
  findings: { code: string; severity: string; file: string; line: number; column: number }[];
}

describe('the CI gate: --budget and --fail-on', () => {
  it('exits 1 over the budget and says by how much, 0 within it', async () => {
    const root = workspace();
    const json = JSON.parse((await run(root, '--format', 'json')).out) as ScanJson;
    const total = json.calls.reduce((sum, c) => sum + (c.monthlyUsd?.expected ?? 0), 0);
    assert.ok(total > 10);
    const budget = Math.floor(total / 2);
    const over = await run(root, '--budget', String(budget));
    assert.equal(over.code, 1);
    const percent = (((total - budget) / budget) * 100).toFixed(1);
    assert.ok(
      over.err.includes(
        `Budget exceeded: the projected monthly cost is ${formatUsd(total)}, ${formatUsd(total - budget)} (${percent}%) over the budget of ${formatUsd(budget)}.`,
      ),
      over.err,
    );
    const within = await run(root, '--budget', `$${Math.ceil(total) + 1}`, '--format', 'json');
    assert.equal(within.code, 0);
    assert.match(within.err, /^Within budget: \$[\d,.]+ of \$[\d,.]+ a month\.$/m);
    assert.ok(JSON.parse(within.out), 'stdout stays a JSON document');
  });

  it('refuses a budget that is not a number of dollars (exit 2)', async () => {
    const root = workspace();
    for (const bad of ['lots', '', '-5', '1e400', '12abc']) {
      const result = await run(root, `--budget=${bad}`);
      assert.equal(result.code, 2, bad);
      assert.match(result.err, /--budget must be a number of dollars a month/);
    }
  });

  it('exits 1 when a finding at the --fail-on level or above exists', async () => {
    const root = workspace();
    const json = JSON.parse((await run(root, '--format', 'json')).out) as ScanJson;
    const severities = new Set(json.findings.map((f) => f.severity));
    assert.ok(severities.has('warning'), [...severities].join());
    const info = await run(root, '--fail-on', 'info');
    assert.equal(info.code, 1);
    const warning = await run(root, '--fail-on', 'warning');
    assert.equal(warning.code, 1);
    assert.match(
      warning.err,
      /findings? at warning or above \(.*\d+ warnings?.*\): failing, as --fail-on warning asks\./,
    );
    const error = await run(root, '--fail-on', 'error');
    assert.equal(error.code, severities.has('error') ? 1 : 0);
    assert.equal((await run(root, '--fail-on', 'loud')).code, 2);
    const quiet = workspace();
    writeTree(quiet, {
      '.vscode/settings.json': '{ "llmCostLens.rules.severity": { "missing-output-limit": "off" } }',
    });
    const off = await run(quiet, '--fail-on', 'warning', '--format', 'json');
    const left = (JSON.parse(off.out) as ScanJson).findings.filter(
      (f) => f.severity !== 'info' && f.severity !== 'hint',
    );
    assert.equal(off.code, left.length > 0 ? 1 : 0);
  });
});

describe('scan --format sarif', () => {
  it('is valid SARIF 2.1.0 (the official schema), with every rule and every finding with its location and fixes', async () => {
    const root = workspace();
    const sarifRun = await run(root, '--format', 'sarif');
    assert.equal(sarifRun.code, 0, sarifRun.err);
    const sarif = JSON.parse(sarifRun.out) as {
      version: string;
      runs: {
        tool: {
          driver: {
            rules: { id: string; helpUri: string; help: { text: string }; fullDescription: { text: string } }[];
          };
        };
        results: {
          ruleId: string;
          level: string;
          locations: {
            physicalLocation: {
              artifactLocation: { uri: string };
              region: { startLine: number; startColumn: number; charOffset: number; charLength: number };
            };
          }[];
          fixes?: { artifactChanges: { replacements: { insertedContent: { text: string } }[] }[] }[];
        }[];
      }[];
    };
    // The schema as published with the SARIF 2.1.0 standard, from a registry package (never fetched here).
    const schema = JSON.parse(
      readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    ) as object;
    // The published schema has one pattern (`language`) that is not valid in Unicode mode.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
    const broken = JSON.parse(sarifRun.out) as { runs: { results: { level: string }[] }[] };
    (broken.runs[0]?.results[0] as { level: string }).level = 'critical';
    assert.equal(validate(broken), false, 'the validator catches a level SARIF does not have');

    const [only] = sarif.runs;
    assert.ok(only);
    assert.deepEqual(
      only.tool.driver.rules.map((r) => r.id),
      rules.map((r) => r.code),
    );
    for (const rule of only.tool.driver.rules) {
      assert.match(rule.helpUri, new RegExp(`/docs/rules/${rule.id}\\.md$`));
      assert.ok(rule.help.text.length > 20 && rule.fullDescription.text.length > 20, rule.id);
    }
    const json = JSON.parse((await run(root, '--format', 'json')).out) as ScanJson;
    assert.equal(only.results.length, json.findings.length);
    assert.ok(only.results.length > 0);
    for (const [i, result] of only.results.entries()) {
      const finding = json.findings[i];
      assert.equal(result.ruleId, finding?.code);
      assert.equal(result.locations[0]?.physicalLocation.artifactLocation.uri, finding?.file);
    }
    const limit = only.results.find((r) => r.ruleId === 'missing-output-limit');
    assert.ok(limit?.fixes && limit.fixes.length > 0, 'the missing limit comes with its fix');
    assert.match(
      limit.fixes[0]?.artifactChanges[0]?.replacements[0]?.insertedContent.text ?? '',
      /max_tokens|max_completion_tokens/,
    );
    assert.equal(limit.locations[0]?.physicalLocation.region.startLine, 7);
  });
});
