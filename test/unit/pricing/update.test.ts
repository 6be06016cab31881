import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run';
import {
  bundledTable,
  describeTable,
  resolveModel,
  tableAge,
  tableFromStoredMap,
  updatePrices,
  type PriceTable,
} from '../../../src/core/pricing';
import { readPriceMap } from '../../../src/core/pricing/update';
import { closedPortURL, type FakeServer } from '../../support/fakeOpenAi';
import { startPriceServer, validPriceMap } from '../../support/priceMap';
import { captureIo } from '../helpers/io';

const now = new Date('2026-12-01T09:00:00Z');

function price(table: PriceTable, model: string): { input: number; output: number | undefined; source: string } {
  const resolved = resolveModel(model, table);
  assert.ok(!resolved.unknown, `${model} is known`);
  const input = resolved.entry.prices.input;
  return { input: input.usd, output: resolved.entry.prices.output?.usd, source: table.sources[input.src]?.name ?? '' };
}

describe('Update Prices: fetch, validate, use', () => {
  let server: FakeServer;
  let origin: string;
  before(async () => {
    ({ server, origin } = await startPriceServer());
  });
  after(() => server.close());

  it('lays a valid map over the snapshot: its prices win, named and dated; the rest stays', async () => {
    const outcome = await updatePrices({ base: bundledTable, url: `${origin}/valid.json`, now });
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.reason);
    const { table } = outcome;
    assert.deepEqual(table.origin, { kind: 'update', label: "LiteLLM's price map fetched 2026-12-01 (Update Prices)" });
    assert.equal(table.pricesAsOf, '2026-12-01');
    assert.deepEqual(price(table, 'gpt-4o'), { input: 2, output: 8, source: 'LiteLLM price map (Update Prices)' });
    assert.equal(table.sources.litellmUpdate?.date, '2026-12-01');
    // The snapshot's names still resolve to the updated entry.
    assert.equal(price(table, 'gpt-4o-2024-08-06').input, 2);
    // A model the map does not have keeps the snapshot's price and source.
    assert.deepEqual(price(table, 'claude-opus-5'), price(bundledTable, 'claude-opus-5'));
    // A model only the map has is added.
    assert.equal(price(table, 'gpt-test-next').input, 3);
    assert.match(
      outcome.summary,
      /^22 models from LiteLLM's map of 2026-12-01: 21 known \(1 with a new price\), 1 added$/,
    );
    // The snapshot itself is untouched.
    assert.equal(price(bundledTable, 'gpt-4o').input, 2.5);
  });

  const failures: [string, RegExp, { timeoutMs?: number }?][] = [
    ['/invalid.json', /^not JSON/],
    ['/error-page.json', /^not JSON/],
    ['/tiny.json', /^only 3 chat models of 1 covered providers .*not a complete price map$/],
    ['/missing.json', /^HTTP 404 Not Found$/],
    ['/stall.json', /^no complete answer within 0\.3 s$/, { timeoutMs: 300 }],
    ['/huge.json', /^the answer is larger than 20 MB$/],
  ];
  for (const [file, reason, options] of failures) {
    it(`never uses a failed fetch (${file}), and says why`, async () => {
      const outcome = await updatePrices({ base: bundledTable, url: `${origin}${file}`, now, ...options });
      assert.equal(outcome.ok, false);
      assert.match(outcome.ok ? '' : outcome.reason, reason);
    });
  }

  it('stops reading a huge body at the limit, long before 50 MB', async () => {
    const before = server.endlessBytesSent();
    await updatePrices({ base: bundledTable, url: `${origin}/huge.json`, now });
    const sent = server.endlessBytesSent() - before;
    assert.ok(sent < 30 * 1024 * 1024, `the server wrote ${sent} bytes before the client stopped`);
  });

  it('fetches over HTTPS only (plain HTTP only from this machine), never with credentials in the URL', async () => {
    for (const [url, reason] of [
      ['http://prices.example.com/map.json', /^only HTTPS URLs are fetched .*not 'http:\/\/prices\.example\.com'$/],
      ['https://user:secret@prices.example.com/map.json', /user name or password/],
      ['ftp://127.0.0.1/map.json', /only HTTPS/],
      ['not a url', /is not a URL/],
    ] as const) {
      const outcome = await updatePrices({ base: bundledTable, url, now });
      assert.match(outcome.ok ? '' : outcome.reason, reason, url);
    }
  });

  it('a connection refused is a reason too', async () => {
    const outcome = await updatePrices({ base: bundledTable, url: `${await closedPortURL()}/prices.json`, now });
    assert.equal(outcome.ok, false);
  });

  it('cli: --update-prices uses the fresh map and keeps it; a later failure falls back to it, then to the snapshot', async () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-cache-'));
    try {
      const env = { LLM_COST_LENS_CACHE_DIR: cache };
      const io = { ...captureIo(process.cwd(), env), now: () => now };
      const url = `${origin}/valid.json`;
      assert.equal(await runCli(['price', 'gpt-4o', '--update-prices', '--prices-url', url], io), 0, io.err());
      assert.match(io.out(), /input\s+\$2\/1M\s+LiteLLM price map \(Update Prices\), 2026-12-01/);
      assert.match(
        io.out(),
        /Prices: LiteLLM's price map fetched 2026-12-01 \(Update Prices\), prices as of 2026-12-01\.\n$/,
      );
      assert.match(io.err(), /^Prices updated: 22 models/);
      assert.ok(fs.existsSync(path.join(cache, 'litellm-prices.json')));

      const failing = { ...captureIo(process.cwd(), env), now: () => now };
      const broken = `${origin}/invalid.json`;
      assert.equal(await runCli(['price', 'gpt-4o', '--update-prices', '--prices-url', broken], failing), 0);
      assert.match(
        failing.err(),
        /could not update prices \(not JSON.*\); using the last good map, fetched 2026-12-01/,
      );
      assert.match(failing.out(), /input\s+\$2\/1M/);

      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-cache-'));
      const fresh = { ...captureIo(process.cwd(), { LLM_COST_LENS_CACHE_DIR: empty }), now: () => now };
      assert.equal(await runCli(['price', 'gpt-4o', '--update-prices', '--prices-url', `${origin}/nope`], fresh), 0);
      assert.match(fresh.err(), /could not update prices \(HTTP 404 Not Found\); using the bundled snapshot/);
      assert.match(fresh.out(), /input\s+\$2\.5\/1M/);
      fs.rmSync(empty, { recursive: true, force: true });

      const usage = captureIo();
      assert.equal(await runCli(['price', 'gpt-4o', '--update-prices', '--prices', 'x.json'], usage), 2);
      assert.equal(await runCli(['price', 'gpt-4o', '--prices-url', url], captureIo()), 2);
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });
});

describe('price tables: which one, and how old', () => {
  it('a stored map gives the same table again; a broken one is refused', () => {
    const again = tableFromStoredMap(validPriceMap(), '2026-12-01', bundledTable);
    assert.ok(again.ok);
    assert.equal(price(again.table, 'gpt-4o').input, 2);
    assert.equal(tableFromStoredMap('{}', '2026-12-01', bundledTable).ok, false);
    const read = readPriceMap(JSON.stringify({ x: { litellm_provider: 'together_ai', mode: 'chat' } }), '2026-12-01');
    assert.equal(read.ok, false);
  });

  it('is stale past 120 days, counted from the date of its prices', () => {
    assert.equal(bundledTable.pricesAsOf, '2026-08-21');
    assert.deepEqual(tableAge(bundledTable, new Date('2026-12-19T00:00:00Z')), {
      pricesAsOf: '2026-08-21',
      days: 120,
      stale: false,
    });
    assert.deepEqual(tableAge(bundledTable, new Date('2026-12-20T00:00:00Z')), {
      pricesAsOf: '2026-08-21',
      days: 121,
      stale: true,
    });
    assert.equal(
      describeTable(bundledTable, new Date('2027-01-01T00:00:00Z'), 'update them'),
      'the bundled snapshot, prices as of 2026-08-21; 133 days old, prices change often: update them',
    );
  });

  it('cli: the footer says when the prices are more than 120 days old', async () => {
    const io = { ...captureIo(), now: () => new Date('2027-01-01T00:00:00Z') };
    assert.equal(await runCli(['estimate', '--model', 'gpt-4o', '--input', '10', '--output', '10'], io), 0);
    assert.match(
      io.out(),
      /Prices: the bundled snapshot, prices as of 2026-08-21; 133 days old, prices change often: run with --update-prices\.\n$/,
    );
    const json = { ...captureIo(), now: () => new Date('2027-01-01T00:00:00Z') };
    assert.equal(await runCli(['price', 'gpt-4o', '--format', 'json'], json), 0);
    assert.deepEqual((JSON.parse(json.out()) as { table: unknown }).table, {
      kind: 'bundled',
      label: 'the bundled snapshot',
      pricesAsOf: '2026-08-21',
      ageDays: 133,
      stale: true,
    });
  });
});
