import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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
    // Priced where the model is known; the request's own model stays unpriced.
    for (const call of scan.calls)
      assert.equal(call.monthlyUsd === null, call.model === null, `${call.file}:${call.line}`);
  });

  it('shows where each model comes from in the table', async () => {
    const io = captureIo(app);
    assert.equal(await runCli(['scan', '.'], io), 0, io.err());
    assert.match(io.out(), /gpt-4\.1-nano/);
    assert.match(io.out(), /\.env\.example:3/);
  });
});
