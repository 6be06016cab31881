import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadPriceFile, maxPriceFileBytes, resolveModel } from '../../../src/core/pricing';
import { tempDir } from '../../support/hostileRepo';

const cli = path.resolve(__dirname, '..', '..', '..', 'src', 'cli', 'main.js');

/** Runs the CLI in a child process with a small heap: a price file read whole would not fit in it. */
function priceWithSmallHeap(file: string): { status: number | null; stderr: string; signal: string | null } {
  const result = spawnSync(process.execPath, ['--max-old-space-size=96', cli, 'price', 'gpt-4o', '--prices', file], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {},
  });
  return { status: result.status, stderr: result.stderr, signal: result.signal };
}

describe('price files: bounded size, any number of entries', () => {
  const dir = tempDir('price-limits');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a LiteLLM-format file with 130,000 entries loads', () => {
    const entries: Record<string, object> = {};
    for (let i = 0; i < 130_000; i++) {
      entries[`gpt-test-${i}`] = {
        litellm_provider: 'openai',
        mode: 'chat',
        input_cost_per_token: 1e-6,
        output_cost_per_token: (i % 7) * 1e-6 + 1e-6,
      };
    }
    const file = path.join(dir, 'many.json');
    fs.writeFileSync(file, JSON.stringify(entries));
    const { table, problems } = loadPriceFile(file);
    assert.ok(table, problems.join('; '));
    assert.equal(table.models.length, 130_000);
    const resolved = resolveModel('gpt-test-129999', table);
    assert.ok(!resolved.unknown);
    assert.equal(resolved.entry.prices.output?.usd, ((129_999 % 7) + 1) * 1);
  });

  it('a file over the size limit is refused from its size, in a process whose heap could not hold it', () => {
    const file = path.join(dir, 'huge.json');
    // Sparse: the test itself writes and holds nothing of this size.
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 4 * maxPriceFileBytes);
    const run = priceWithSmallHeap(file);
    assert.equal(run.signal, null, 'ended by itself');
    assert.equal(run.status, 4, run.stderr);
    assert.match(run.stderr, /larger than 64 MB/);
    const direct = loadPriceFile(file);
    assert.equal(direct.table, null);
  });

  it('/dev/zero, a FIFO and a folder are refused, not read', (t) => {
    if (!fs.existsSync('/dev/zero')) return t.skip('no /dev/zero');
    const run = priceWithSmallHeap('/dev/zero');
    assert.equal(run.signal, null, 'ended by itself');
    assert.equal(run.status, 4, run.stderr);
    assert.match(run.stderr, /not a regular file/);
    const fifo = path.join(dir, 'prices.fifo');
    if (spawnSync('mkfifo', [fifo]).status === 0) {
      // Opening a FIFO with no writer would block: it must be refused before it is opened.
      const fromFifo = priceWithSmallHeap(fifo);
      assert.equal(fromFifo.signal, null, 'ended by itself');
      assert.match(fromFifo.stderr, /not a regular file/);
    }
    assert.match(loadPriceFile(dir).problems.join(' '), /not a regular file/);
  });

  it('a file that starts with a byte-order mark is read', () => {
    const file = path.join(dir, 'small.json');
    const entry = { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 2e-6, output_cost_per_token: 8e-6 };
    fs.writeFileSync(file, `\ufeff${JSON.stringify({ 'gpt-4o': entry })}`);
    const { table } = loadPriceFile(file);
    assert.equal(table?.models.length, 1);
  });
});
