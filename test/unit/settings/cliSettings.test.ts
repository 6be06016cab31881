import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { openAiBot, tempDir, writeTree } from '../../support/hostileRepo';
import { captureIo } from '../helpers/io';

const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function workspace(settings: string | null, extra: Record<string, string> = {}): string {
  const root = tempDir('settings');
  made.push(root);
  writeTree(root, { 'app/bot.py': openAiBot, ...extra });
  if (settings !== null) writeTree(root, { '.vscode/settings.json': settings });
  return root;
}

interface ScanJson {
  assumptions: { callsPerDay: { value: number; source: string } };
  calls: { costPerCallUsd: { expected: number }; monthlyUsd: { expected: number }; pricedAs: string }[];
}

async function scanJson(cwd: string, ...args: string[]): Promise<{ code: number; json: ScanJson; err: string }> {
  const io = captureIo(cwd);
  const code = await runCli(['scan', ...args, '--format', 'json'], io);
  return { code, json: JSON.parse(io.out()) as ScanJson, err: io.err() };
}

const jsonc = `{
  // Our traffic: a support bot, measured in November.
  "llmCostLens.callsPerDay": 40,
  /* negotiated rate */
  "llmCostLens.pricing.overrides": { "gpt-4o-mini": { "input": 0.1, "output": 0.2, }, },
}
`;

describe('CLI reads the scanned folder’s .vscode/settings.json', () => {
  it('takes calls per day and price overrides from a settings file with comments and trailing commas', async () => {
    const root = workspace(jsonc);
    const bare = await scanJson(root, '.', '--no-settings');
    const { code, json, err } = await scanJson(root, '.');
    assert.equal(code, 0, err);
    assert.equal(err, '');
    assert.deepEqual(json.assumptions.callsPerDay, { ...json.assumptions.callsPerDay, value: 40, source: 'setting' });
    const [call] = json.calls;
    const [plain] = bare.json.calls;
    assert.ok(call && plain);
    assert.ok(call.costPerCallUsd.expected < plain.costPerCallUsd.expected, 'the override lowers the price');
    assert.ok(Math.abs(call.monthlyUsd.expected - call.costPerCallUsd.expected * 40 * 30) < 1e-9);
    assert.equal(bare.json.assumptions.callsPerDay.source, 'default');
  });

  it("names the models price overrides set on the table's Prices line (their figures are not the table's)", async () => {
    const root = workspace(jsonc);
    const io = captureIo(root);
    assert.equal(await runCli(['scan', '.'], io), 0, io.err());
    assert.match(
      io.out(),
      /\nPrices: the bundled snapshot, prices as of \d{4}-\d{2}-\d{2}(; [^\n]*)?; your price overrides for gpt-4o-mini \(llmCostLens\.pricing\.overrides\)\.\n/,
    );
    const bare = captureIo(root);
    assert.equal(await runCli(['scan', '.', '--no-settings'], bare), 0);
    assert.doesNotMatch(bare.out(), /price overrides/);
  });

  it('lets a flag override the setting, and finds the settings of the folder it is run from', async () => {
    const root = workspace(jsonc);
    const flagged = await scanJson(root, '.', '--calls-per-day', '7');
    assert.equal(flagged.json.assumptions.callsPerDay.value, 7);
    assert.equal(flagged.json.assumptions.callsPerDay.source, 'flag');
    const sub = await scanJson(root, 'app');
    assert.equal(sub.json.assumptions.callsPerDay.value, 40);
    const table = captureIo(root);
    assert.equal(await runCli(['scan', '.'], table), 0);
    assert.match(
      table.out(),
      new RegExp(`Settings from ${path.join('.vscode', 'settings.json').replace(/\./g, '\\.')}\\.`),
    );
  });

  it('exits 2 with the file, line and column on a syntax error, and never prints a stack', async () => {
    const root = workspace('{\n  "llmCostLens.callsPerDay": 40\n  "llmCostLens.expectedOutputTokens": 10\n}\n');
    const io = captureIo(root);
    assert.equal(await runCli(['scan', '.'], io), 2);
    assert.match(io.err(), /\.vscode\/settings\.json:3:3: comma expected/);
    assert.doesNotMatch(io.err(), /\n\s+at /);
    const json = captureIo(root);
    assert.equal(await runCli(['scan', '.', '--format', 'json'], json), 2);
    assert.equal((JSON.parse(json.out()) as { error: { kind: string } }).error.kind, 'settings');
    assert.equal(await runCli(['scan', '.', '--no-settings'], captureIo(root)), 0);
    assert.equal(await runCli(['scan', '.', '--settings', 'missing.json'], captureIo(root)), 2);
  });

  it('reads an empty or comment-only settings file as no settings, as VS Code does (instructor ships an empty one)', async () => {
    for (const text of ['', '\n  \n', '// nothing yet\n']) {
      const root = workspace(text);
      const { code, json, err } = await scanJson(root, '.');
      assert.equal(code, 0, `${JSON.stringify(text)}: ${err}`);
      assert.equal(err, '');
      assert.equal(json.assumptions.callsPerDay.source, 'default');
      assert.equal(json.calls.length, 1);
    }
  });

  it('does not name a settings file that holds no llmCostLens setting as the source of the figures', async () => {
    const root = workspace('{ "editor.formatOnSave": true, "llmCostLensX": 1 }');
    const table = captureIo(root);
    assert.equal(await runCli(['scan', '.'], table), 0, table.err());
    assert.equal(table.err(), '');
    assert.doesNotMatch(table.out(), /Settings from/);
    assert.match(table.out(), /1,000 calls a day \(default\)/);
    const named = captureIo(root);
    assert.equal(await runCli(['scan', '.', '--settings', path.join('.vscode', 'settings.json')], named), 0);
    assert.match(named.err(), /settings\.json: no llmCostLens settings in it; using the defaults/);
    assert.doesNotMatch(named.out(), /Settings from/);
  });

  it('warns about a bad value and uses its default', async () => {
    const root = workspace('{ "llmCostLens.callsPerDay": "lots" }');
    const { code, json, err } = await scanJson(root, '.');
    assert.equal(code, 0);
    assert.match(err, /warning: .*settings\.json: llmCostLens\.callsPerDay: expected a non-negative number/);
    assert.equal(json.assumptions.callsPerDay.value, 1000);
  });

  it('never reads a price file outside the workspace folder named by the repository’s settings', async () => {
    const outside = tempDir('outside');
    made.push(outside);
    writeTree(outside, { 'secret.json': 'TOP-SECRET-VALUE' });
    const root = workspace(JSON.stringify({ 'llmCostLens.pricing.file': path.join(outside, 'secret.json') }));
    const { code, err } = await scanJson(root, '.');
    assert.equal(code, 0);
    assert.match(err, /llmCostLens\.pricing\.file: .* is outside the workspace folder; ignored/);
    assert.doesNotMatch(err, /TOP-SECRET/);
    const inside = workspace(JSON.stringify({ 'llmCostLens.pricing.file': 'prices.json' }), {
      'prices.json': '{"not": "a price file"}',
    });
    const used = await scanJson(inside, '.');
    assert.equal(used.code, 0);
    assert.match(used.err, /llmCostLens\.pricing\.file: .*using the bundled price table instead/);
  });

  it('applies the rule severities of the settings to the findings', async () => {
    const unlimited = openAiBot.replace(', max_tokens=100', '');
    const codes = async (settings: string | null): Promise<string[]> => {
      const root = workspace(settings, { 'app/bot.py': unlimited });
      const io = captureIo(root);
      assert.equal(await runCli(['scan', '.', '--format', 'json'], io), 0, io.err());
      const json = JSON.parse(io.out()) as { findings: { code: string; severity: string }[] };
      return json.findings.map((f) => `${f.code}:${f.severity}`);
    };
    const plain = await codes(null);
    assert.ok(
      plain.some((c) => c.startsWith('missing-output-limit:')),
      plain.join(),
    );
    assert.ok(
      !(await codes('{ "llmCostLens.rules.severity": { "missing-output-limit": "off" } }')).some((c) =>
        c.startsWith('missing-output-limit:'),
      ),
    );
    assert.ok(
      (await codes('{ "llmCostLens": { "rules": { "severity": { "missing-output-limit": "error" } } } }')).includes(
        'missing-output-limit:error',
      ),
    );
  });
});
