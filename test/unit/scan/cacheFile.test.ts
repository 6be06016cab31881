import * as assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CallRecord } from '../../../src/core/analysis/types';
import {
  callsOf,
  readCacheFile,
  writeCacheFile,
  type CacheContent,
  type Entry,
  type Loaded,
} from '../../../src/cli/scan/cacheFile';
import { tempDirsRemovedAfter } from '../helpers/tempDirs';
import { joinCacheFile, splitCacheFile } from '../helpers/cacheFileParts';

const dir = tempDirsRemovedAfter();
const fingerprint = 'test build /ws';

/** The records are kept as opaque JSON: any array stands for them here. */
const records = (model: string): CallRecord[] => [{ model, line: 3 }] as unknown as CallRecord[];

function content(entries: Map<string, Entry>, outputText = 'printed\nresult\n'): CacheContent {
  return {
    fingerprint,
    startedAt: 1_700_000_000_000,
    entries,
    folders: new Map(),
    tokens: new Map([['o200k_base:abc', 12]]),
    digest: 'digest',
    output: { stored: { key: 'k', verdict: { failed: false, lines: [] }, reads: {} }, text: Buffer.from(outputText) },
  };
}

const firstContent = (): CacheContent =>
  content(
    new Map<string, Entry>([
      ['a.py', { hash: 'h1', size: 10, mtimeMs: 1, calls: records('gpt-4o') }],
      ['b.py', { hash: 'h2', size: 20, mtimeMs: 2 }],
      ['c.ts', { hash: 'h3', size: 30, mtimeMs: 3, calls: records('claude-sonnet-4-5') }],
    ]),
  );

function read(file: string): Loaded {
  const loaded = readCacheFile(file, fingerprint);
  assert.ok(loaded, 'the cache file reads');
  return loaded;
}

/** The loaded content as a next scan that found every file unchanged but with new times would save it. */
function retimed(loaded: Loaded): CacheContent {
  const entries = new Map([...loaded.entries].map(([name, entry]) => [name, { ...entry, mtimeMs: 99 }]));
  const saved = content(entries);
  if (loaded.output) saved.output = loaded.output;
  return saved;
}

describe('the cache file', () => {
  it('reads back what it wrote: entries, records, token counts and the printed result', () => {
    const file = path.join(dir('cache-file'), 'c');
    writeCacheFile(file, firstContent(), undefined);
    const loaded = read(file);
    assert.deepEqual([...loaded.entries.keys()], ['a.py', 'b.py', 'c.ts']);
    assert.deepEqual(callsOf(loaded.entries.get('c.ts') as Entry), records('claude-sonnet-4-5'));
    assert.deepEqual(callsOf(loaded.entries.get('b.py') as Entry), []);
    assert.equal(loaded.tokens.get('o200k_base:abc'), 12);
    assert.equal(loaded.output?.text.toString(), 'printed\nresult\n');
  });

  it('rewrites only the document, in place, when the records and result are the ones it read', () => {
    const file = path.join(dir('cache-file'), 'c');
    writeCacheFile(file, firstContent(), undefined);
    const before = readFileSync(file);
    const loaded = read(file);
    const inode = statSync(file).ino;
    writeCacheFile(file, retimed(loaded), loaded.blob);
    assert.equal(statSync(file).ino, inode, 'the same file, written in place');
    const after = readFileSync(file);
    const blobLength = loaded.blob?.bytes.length ?? -1;
    assert.deepEqual(after.subarray(0, blobLength), before.subarray(0, blobLength));
    const again = read(file);
    assert.equal(again.entries.get('a.py')?.mtimeMs, 99);
    assert.deepEqual(callsOf(again.entries.get('a.py') as Entry), records('gpt-4o'));
    assert.equal(again.blob?.id, loaded.blob?.id);
    assert.equal(again.output?.text.toString(), 'printed\nresult\n');
    // Files in another order (a cold scan keeps them in the order they were analysed, the next in walk order),
    // and one with records gone: the blob still holds every record kept.
    const reordered = retimed(again);
    reordered.entries = new Map([...reordered.entries].filter(([name]) => name !== 'a.py').reverse());
    writeCacheFile(file, reordered, again.blob);
    assert.equal(statSync(file).ino, inode);
    const last = read(file);
    assert.deepEqual([...last.entries.keys()], ['c.ts', 'b.py']);
    assert.deepEqual(callsOf(last.entries.get('c.ts') as Entry), records('claude-sonnet-4-5'));
    assert.deepEqual(callsOf(last.entries.get('b.py') as Entry), []);
  });

  it('writes a new file with a new blob when a record or the result changed', () => {
    const file = path.join(dir('cache-file'), 'c');
    writeCacheFile(file, firstContent(), undefined);
    for (const change of ['record', 'result'] as const) {
      const loaded = read(file);
      const inode = statSync(file).ino;
      const next = retimed(loaded);
      if (change === 'record') next.entries.set('b.py', { hash: 'h4', calls: records('gpt-4.1-mini') });
      else
        next.output = {
          stored: { key: 'k2', verdict: { failed: true, lines: ['x'] }, reads: {} },
          text: Buffer.from('new'),
        };
      writeCacheFile(file, next, loaded.blob);
      assert.notEqual(statSync(file).ino, inode, change);
      const again = read(file);
      assert.notEqual(again.blob?.id, loaded.blob?.id, change);
      if (change === 'record') assert.deepEqual(callsOf(again.entries.get('b.py') as Entry), records('gpt-4.1-mini'));
      else assert.equal(again.output?.text.toString(), 'new');
      assert.deepEqual(callsOf(again.entries.get('c.ts') as Entry), records('claude-sonnet-4-5'));
    }
  });

  it('does not write in place over a cache another scan saved since it read its own', () => {
    const file = path.join(dir('cache-file'), 'c');
    writeCacheFile(file, firstContent(), undefined);
    const mine = read(file);
    // Another scan, started at the same time, saves other records first.
    const other = content(new Map([['a.py', { hash: 'h9', calls: records('o3') }]]), 'other result');
    writeCacheFile(file, other, read(file).blob);
    writeCacheFile(file, retimed(mine), mine.blob);
    const again = read(file);
    assert.deepEqual(callsOf(again.entries.get('a.py') as Entry), records('gpt-4o'));
    assert.equal(again.entries.get('a.py')?.mtimeMs, 99);
    assert.equal(again.output?.text.toString(), 'printed\nresult\n');
  });

  it('is not read when a save was cut short or mixed two documents', () => {
    const file = path.join(dir('cache-file'), 'c');
    writeCacheFile(file, firstContent(), undefined);
    const whole = readFileSync(file);
    const { blob, document } = splitCacheFile(whole) as { blob: Buffer; document: Record<string, unknown> };
    const start = blob.length + 1;
    const withDocument = (changed: Record<string, unknown>): Buffer => joinCacheFile(blob, changed);
    const broken: [string, Buffer][] = [
      // A torn write: the start of one save's document with the end of another's.
      ['seal of another save', withDocument({ ...document, seal: 'another' })],
      ['blob length not the blob', withDocument({ ...document, blobLength: start - 2 })],
      ['no line break at the end', whole.subarray(0, whole.length - 1)],
      ['the document half written', whole.subarray(0, start + 40)],
      ['cut inside the blob', whole.subarray(0, start - 5)],
      ['the document before the blob (format 7)', Buffer.concat([whole.subarray(start), whole.subarray(0, start)])],
    ];
    for (const [name, bytes] of broken) {
      writeFileSync(file, bytes);
      let loaded: Loaded | null = null;
      try {
        loaded = readCacheFile(file, fingerprint);
      } catch {
        // Not JSON: the caller starts over, as for null.
      }
      assert.equal(loaded, null, name);
    }
  });
});
