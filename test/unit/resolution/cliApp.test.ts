import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run';
import type { CallRecord } from '../../../src/core/analysis/types';
import { captureIo } from '../helpers/io';
import { fixturesDir } from '../helpers/paths';

interface Expected {
  at: string;
  model: string | null;
  modelVia: string;
  modelSource: string | null;
}

const app = path.join(fixturesDir, 'resolution-app');

describe('scan of an app spread over several files', () => {
  it('prices every call with the model its config module, settings class, .env.example, factory or YAML gives', async () => {
    const io = captureIo(app);
    assert.equal(await runCli(['scan', '.', '--format', 'json'], io), 0, io.err());
    const scan = JSON.parse(io.out()) as { calls: (CallRecord & { monthlyUsd: unknown })[] };
    const { calls: expected } = JSON.parse(readFileSync(path.join(app, 'expected.json'), 'utf8')) as {
      calls: Expected[];
    };
    const actual = scan.calls.map((c): Expected => ({
      at: `${c.file}:${c.line}`,
      model: c.model,
      modelVia: c.modelVia,
      modelSource: c.modelSource ? `${c.modelSource.file}:${c.modelSource.line}` : null,
    }));
    assert.deepEqual(actual, expected);
    // The request's own model stays unknown, with the models the app uses for that provider as candidates.
    const echo = scan.calls.find((c) => c.model === null);
    assert.deepEqual(echo?.modelCandidates, ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'gpt-4o', 'gpt-4o-mini']);
    // Priced where the model is known; the request's own model stays unpriced.
    for (const call of scan.calls)
      assert.equal(call.monthlyUsd === null, call.model === null, `${call.file}:${call.line}`);
  });

  it('prices a call whose model the code does not say with llmCostLens.assumedModels from .vscode/settings.json', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-assumed-'));
    try {
      cpSync(app, dir, { recursive: true });
      mkdirSync(path.join(dir, '.vscode'));
      writeFileSync(
        path.join(dir, '.vscode', 'settings.json'),
        '{\n  // for calls whose model comes from the request\n  "llmCostLens.assumedModels": { "openai": "gpt-4o-mini" }\n}\n',
      );
      const io = captureIo(dir);
      assert.equal(await runCli(['scan', '.', '--format', 'json'], io), 0, io.err());
      const calls = (JSON.parse(io.out()) as { calls: (CallRecord & { monthlyUsd: unknown })[] }).calls;
      const echo = calls.find((c) => c.line === 42);
      assert.equal(echo?.model, 'gpt-4o-mini');
      assert.equal(echo?.modelVia, 'assumed');
      assert.notEqual(echo?.monthlyUsd, null);
      // The code's own models are never replaced by the assumption.
      assert.equal(calls.find((c) => c.line === 15)?.modelVia, 'cross-file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('scan --cache re-analyses a file when a module its model came from changes', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-cache-'));
    try {
      cpSync(app, dir, { recursive: true });
      // Times well before the cache is written, so that size and time alone vouch for a file.
      const hourAgo = new Date(Date.now() - 3_600_000);
      const setTimes = (folder: string): void => {
        for (const entry of readdirSync(folder, { withFileTypes: true })) {
          const full = path.join(folder, entry.name);
          if (entry.isDirectory()) setTimes(full);
          else utimesSync(full, hourAgo, hourAgo);
        }
      };
      setTimes(dir);
      const triage = async (): Promise<string | null | undefined> => {
        const io = captureIo(dir);
        assert.equal(await runCli(['scan', '.', '--format', 'json', '--cache'], io), 0, io.err());
        const calls = (JSON.parse(io.out()) as { calls: CallRecord[] }).calls;
        return calls.find((c) => c.file === 'support_bot/services/triage.py' && c.line === 15)?.model;
      };
      assert.equal(await triage(), 'gpt-4o-mini');
      const config = path.join(dir, 'support_bot', 'config.py');
      writeFileSync(config, readFileSync(config, 'utf8').replace('"gpt-4o-mini"', '"gpt-4.1-mini"'));
      const halfHourAgo = new Date(Date.now() - 1_800_000);
      utimesSync(config, halfHourAgo, halfHourAgo);
      assert.equal(await triage(), 'gpt-4.1-mini');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows where each model comes from in the table', async () => {
    const io = captureIo(app);
    assert.equal(await runCli(['scan', '.'], io), 0, io.err());
    assert.match(io.out(), /gpt-4\.1-nano/);
    assert.match(io.out(), /\.env\.example:3/);
  });
});
