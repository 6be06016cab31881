import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { CallRecord, LanguageId } from '../../../src/core/analysis/types';
import { ParserHost } from '../../../src/core/parsing/host';
import { hostAnalyzer } from '../../../src/core/workspace/analyzer';
import { scanWorkspace, type FileAnalyzer } from '../../../src/core/workspace/scan';
import { runCli } from '../../../src/cli/run';
import { FileScanCache } from '../../../src/cli/scan/fileCache';
import type { WorkTreeIndex } from '../../../src/cli/git/workTreeIndex';
import { MemoryFileSystem } from '../../support/memoryFileSystem';
import { openAiBot, writeTree } from '../../support/hostileRepo';
import { captureIo } from '../helpers/io';
import { tempDirsRemovedAfter } from '../helpers/tempDirs';
import { joinCacheFile, splitCacheFile } from '../helpers/cacheFileParts';
import { wasmDir } from '../helpers/paths';

const host = new ParserHost(wasmDir);

/** git's blob id of a text (`git hash-object`). */
const gitBlobId = (text: string): string =>
  createHash('sha1')
    .update(`blob ${Buffer.byteLength(text)}\0`)
    .update(text)
    .digest('hex');
after(() => host.dispose());
const dir = tempDirsRemovedAfter();

function counting(): FileAnalyzer & { parsed: string[] } {
  const inner = hostAnalyzer(host);
  const parsed: string[] = [];
  return {
    parsed,
    analyze(text: string, languageId: LanguageId, file: string): Promise<CallRecord[]> {
      parsed.push(file);
      return inner.analyze(text, languageId, file);
    },
  };
}

const sources = {
  '/ws/app/bot.py': openAiBot,
  '/ws/app/other.py': openAiBot.replace('gpt-4o-mini', 'gpt-4o'),
  '/ws/app/plain.py': 'x = 1\n',
};

/** One `scan --cache` run over the memory file system: open the cache file, scan, save. */
async function cachedScan(
  fs: MemoryFileSystem,
  cacheFile: string,
  openIndex?: () => WorkTreeIndex,
  options: { walkMemo?: boolean } = {},
) {
  const cache = FileScanCache.open(cacheFile, '/ws', 'test', openIndex);
  const analyzer = counting();
  fs.reads.clear();
  const memo = options.walkMemo ? cache : undefined;
  const scan = await scanWorkspace(['/ws'], { fs, root: '/ws', analyzer, cache, memo });
  cache.save();
  return { scan, parsed: analyzer.parsed.sort(), read: [...fs.reads.keys()].sort() };
}

describe('scan --cache', () => {
  it('reads no unchanged file, re-reads and re-parses an edited one, and keeps the records', async () => {
    const cacheFile = path.join(dir('cache'), 'scan-cache.json');
    const fs = new MemoryFileSystem(sources);
    const first = await cachedScan(fs, cacheFile);
    assert.deepEqual(first.parsed, ['app/bot.py', 'app/other.py']);
    const second = await cachedScan(fs, cacheFile);
    assert.deepEqual(second.read, []);
    assert.deepEqual(second.parsed, []);
    assert.deepEqual(JSON.parse(JSON.stringify(second.scan)), JSON.parse(JSON.stringify(first.scan)));
    fs.now += 60_000;
    fs.write('/ws/app/other.py', openAiBot.replace('gpt-4o-mini', 'gpt-4.1'));
    const third = await cachedScan(fs, cacheFile);
    assert.deepEqual(third.read, ['/ws/app/other.py']);
    assert.deepEqual(third.parsed, ['app/other.py']);
    assert.deepEqual(
      third.scan.calls.map((c) => c.model),
      ['gpt-4o-mini', 'gpt-4.1'],
    );
    // bot.py's records were saved by the third scan as they were read, without being parsed: still the same.
    const fourth = await cachedScan(fs, cacheFile);
    assert.deepEqual(fourth.read, []);
    assert.deepEqual(JSON.parse(JSON.stringify(fourth.scan)), JSON.parse(JSON.stringify(third.scan)));
  });

  it('in a fresh checkout (same content, new times) hashes every file but parses none, then trusts the times', async () => {
    const cacheFile = path.join(dir('cache'), 'scan-cache.json');
    const fs = new MemoryFileSystem(sources);
    await cachedScan(fs, cacheFile);
    fs.now += 3_600_000;
    for (const [file, text] of Object.entries(sources)) fs.write(file, text);
    const checkout = await cachedScan(fs, cacheFile);
    assert.deepEqual(checkout.read, Object.keys(sources).sort());
    assert.deepEqual(checkout.parsed, []);
    assert.equal(checkout.scan.calls.length, 2);
    assert.deepEqual((await cachedScan(fs, cacheFile)).read, []);
  });

  it("in a fresh checkout git's index describes, reads no file it vouches for, and trusts the new times next", async () => {
    const cacheFile = path.join(dir('cache'), 'scan-cache.json');
    const fs = new MemoryFileSystem(sources);
    await cachedScan(fs, cacheFile);
    fs.now += 3_600_000;
    for (const [file, text] of Object.entries(sources)) fs.write(file, text);
    // What git's index of the checkout says: each file's blob id at its new time, except plain.py (racily clean).
    const blobs = new Map(Object.entries(sources).map(([file, text]) => [file, gitBlobId(text)]));
    const index: WorkTreeIndex = {
      blobId: (file, stat) =>
        file === 'app/plain.py' || stat.mtimeMs !== fs.now ? undefined : blobs.get(path.posix.join('/ws', file)),
    };
    let opened = 0;
    const openIndex = (): WorkTreeIndex => {
      opened++;
      return index;
    };
    const checkout = await cachedScan(fs, cacheFile, openIndex);
    assert.deepEqual(checkout.read, ['/ws/app/plain.py']);
    assert.deepEqual(checkout.parsed, []);
    assert.equal(checkout.scan.calls.length, 2);
    assert.equal(opened, 1);
    // The new times were kept: the next scan needs neither the files nor the index.
    assert.deepEqual((await cachedScan(fs, cacheFile, openIndex)).read, []);
    assert.equal(opened, 1);
    // An index whose blob is not the one the cache knows (the file was edited and staged) is not taken for it.
    fs.now += 3_600_000;
    const edited = openAiBot.replace('gpt-4o-mini', 'gpt-4.1');
    fs.write('/ws/app/bot.py', edited);
    blobs.set('/ws/app/bot.py', gitBlobId(edited));
    const afterEdit = await cachedScan(fs, cacheFile, openIndex);
    assert.deepEqual(afterEdit.read, ['/ws/app/bot.py']);
    assert.deepEqual(afterEdit.parsed, ['app/bot.py']);
  });

  it("takes git's word for files written just before the last scan (racy), without writing the cache again", async () => {
    const cacheFile = path.join(dir('cache'), 'scan-cache.json');
    const fs = new MemoryFileSystem();
    fs.now = Date.now();
    for (const [file, text] of Object.entries(sources)) fs.write(file, text);
    const blobs = new Map(Object.entries(sources).map(([file, text]) => [file, gitBlobId(text)]));
    const index: WorkTreeIndex = { blobId: (file) => blobs.get(path.posix.join('/ws', file)) };
    await cachedScan(fs, cacheFile, () => index, { walkMemo: true });
    const written = readFileSync(cacheFile);
    // Its folders, as new as its files, are listed again, with the same result.
    const again = await cachedScan(fs, cacheFile, () => index, { walkMemo: true });
    assert.deepEqual(again.read, []);
    assert.deepEqual(again.parsed, []);
    assert.equal(again.scan.calls.length, 2);
    assert.ok(readFileSync(cacheFile).equals(written), 'nothing new to record: the cache file is not written');
  });

  it("keys contents by git's blob id, the one `git hash-object` prints", () => {
    const cache = FileScanCache.open(path.join(dir('cache'), 'unused.json'), '/ws', 'test');
    assert.equal(cache.hash(Buffer.from('hello\n')), 'ce013625030ba8dba906f756967f9e9ca394464a');
    assert.equal(cache.hash(Buffer.alloc(0)), 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
  });

  it('does not trust the time of a file written just before the cache was saved (racy), but hashes it', async () => {
    const cacheFile = path.join(dir('cache'), 'scan-cache.json');
    const fs = new MemoryFileSystem();
    fs.now = Date.now();
    for (const [file, text] of Object.entries(sources)) fs.write(file, text);
    await cachedScan(fs, cacheFile);
    const again = await cachedScan(fs, cacheFile);
    assert.deepEqual(again.read, Object.keys(sources).sort());
    assert.deepEqual(again.parsed, []);
  });

  it('starts over from a broken, foreign or older cache file without an error', async () => {
    const cacheFile = path.join(dir('cache'), 'scan-cache.json');
    const fs = new MemoryFileSystem(sources);
    for (const content of ['{not json', '[]', JSON.stringify({ format: 1, fingerprint: 'other', files: {} })]) {
      writeFileSync(cacheFile, content);
      const run = await cachedScan(fs, cacheFile);
      assert.deepEqual(run.parsed, ['app/bot.py', 'app/other.py']);
    }
    // A field of the wrong type, or records said to lie beyond the end of the blob, lose that file's entry only.
    const { blob, document } = splitCacheFile(readFileSync(cacheFile)) as {
      blob: Buffer;
      document: { paths: string[]; hashes: unknown[]; extras: Record<string, { calls?: [number, number] }> };
    };
    document.hashes[document.paths.indexOf('app/bot.py')] = 42;
    const other = document.extras[document.paths.indexOf('app/other.py')];
    assert.ok(other?.calls);
    other.calls = [0, 1e9];
    writeFileSync(cacheFile, joinCacheFile(blob, document));
    assert.deepEqual((await cachedScan(fs, cacheFile)).parsed, ['app/bot.py', 'app/other.py']);
    assert.deepEqual((await cachedScan(fs, cacheFile)).parsed, []);
  });

  it('gives the same JSON with and without the cache from the command line, and writes the cache file', async () => {
    const root = dir('cli-cache');
    writeTree(root, { 'app/bot.py': openAiBot, 'app/util.py': 'def f():\n    return 1\n' });
    const cacheFile = path.join(dir('cache-home'), 'c.json');
    const plain = captureIo(root);
    assert.equal(await runCli(['scan', '.', '--format', 'json'], plain), 0);
    for (let i = 0; i < 2; i++) {
      const io = captureIo(root);
      assert.equal(await runCli(['scan', '.', '--format', 'json', '--cache', '--cache-location', cacheFile], io), 0);
      assert.equal(io.out(), plain.out());
      assert.ok(existsSync(cacheFile));
    }
    assert.equal(await runCli(['scan', '.', '--cache-location', ''], captureIo(root)), 2);
  });

  it('re-analyses a file whose records took a value from another file that changed (cross-file resolution)', async () => {
    const root = dir('cache-cross-file');
    const bot = `from openai import OpenAI\nfrom app.config import MODEL\n\nclient = OpenAI()\n\n\ndef ask(q):\n    return client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": q}], max_tokens=100)\n`;
    writeTree(root, { 'app/__init__.py': '', 'app/config.py': 'MODEL = "gpt-4o"\n', 'app/bot.py': bot });
    const cacheFile = path.join(dir('cache-home'), 'c.json');
    const models = async (): Promise<(string | null)[]> => {
      const io = captureIo(root);
      assert.equal(await runCli(['scan', '.', '--format', 'json', '--cache-location', cacheFile], io), 0, io.err());
      return (JSON.parse(io.out()) as { calls: { model: string | null }[] }).calls.map((c) => c.model);
    };
    assert.deepEqual(await models(), ['gpt-4o']);
    assert.deepEqual(await models(), ['gpt-4o']);
    writeTree(root, { 'app/config.py': 'MODEL = "gpt-4.1-mini"\n' });
    assert.deepEqual(await models(), ['gpt-4.1-mini']);
  });

  it("keeps the walk's folder outcomes, and none from a column that is not what it writes", () => {
    const cacheFile = path.join(dir('cache'), 'folders');
    const outcome = {
      mtimeMs: 1_700_000_000_123.5,
      listedAt: 1_700_000_100_000,
      scopeKey: 'k',
      start: true,
      gitignore: true,
      files: ['a.py', 'b.ts'],
      dirs: ['sub'],
    };
    const empty = { ...outcome, start: false, gitignore: false, files: [], dirs: [] };
    const first = FileScanCache.open(cacheFile, '/ws', 'test');
    first.remember('/ws', outcome);
    first.remember('/ws/sub', empty);
    first.save();
    const second = FileScanCache.open(cacheFile, '/ws', 'test');
    assert.deepEqual(second.folder('/ws'), outcome);
    assert.deepEqual(second.folder('/ws/sub'), empty);
    // Reused as they were: nothing to write.
    const written = readFileSync(cacheFile);
    second.remember('/ws', second.folder('/ws') as typeof outcome);
    second.remember('/ws/sub', second.folder('/ws/sub') as typeof outcome);
    second.save();
    assert.deepEqual(readFileSync(cacheFile), written);
    const { blob, document } = splitCacheFile(written) as { blob: Buffer; document: { folders: { flags: unknown[] } } };
    document.folders.flags.pop();
    writeFileSync(cacheFile, joinCacheFile(blob, document));
    assert.equal(FileScanCache.open(cacheFile, '/ws', 'test').folder('/ws'), undefined);
  });

  it('keeps a folder listed again with the same result once its time is no longer too close to the listing', () => {
    const cacheFile = path.join(dir('cache'), 'settling');
    const mtimeMs = 1_700_000_000_000;
    // Listed 1 s after its last change: too close (2 s), so the next walk lists it again.
    const racy = {
      mtimeMs,
      listedAt: mtimeMs + 1_000,
      scopeKey: 'k',
      start: true,
      gitignore: false,
      files: ['a.py'],
      dirs: [],
    };
    const first = FileScanCache.open(cacheFile, '/ws', 'test');
    first.remember('/ws', racy);
    first.save();
    // Listed again at once, the same: still too close, nothing to write.
    const written = readFileSync(cacheFile);
    const again = FileScanCache.open(cacheFile, '/ws', 'test');
    again.remember('/ws', { ...racy, listedAt: mtimeMs + 1_500 });
    again.save();
    assert.deepEqual(readFileSync(cacheFile), written);
    // Listed again later, the same: that listing is kept, so later walks trust the folder.
    const later = FileScanCache.open(cacheFile, '/ws', 'test');
    later.remember('/ws', { ...racy, listedAt: mtimeMs + 5_000 });
    later.save();
    assert.equal(FileScanCache.open(cacheFile, '/ws', 'test').folder('/ws')?.listedAt, mtimeMs + 5_000);
  });

  it('keeps token counts by encoding and text, and only those the last scan used', () => {
    const cacheFile = path.join(dir('cache'), 'scan-cache.json');
    const first = FileScanCache.open(cacheFile, '/ws', 'test');
    first.tokenCounts.set('o200k_base', 'used again', 3);
    first.tokenCounts.set('o200k_base', 'used once', 4);
    first.save();
    const second = FileScanCache.open(cacheFile, '/ws', 'test');
    assert.equal(second.tokenCounts.get('o200k_base', 'used again'), 3);
    // Another encoding counts the same text differently: never the other's figure.
    assert.equal(second.tokenCounts.get('cl100k_base', 'used again'), undefined);
    second.save();
    const third = FileScanCache.open(cacheFile, '/ws', 'test');
    assert.equal(third.tokenCounts.get('o200k_base', 'used once'), undefined);
    assert.equal(third.tokenCounts.get('o200k_base', 'used again'), 3);
    // A run that prints the stored result prices nothing, and keeps the counts when it saves (new file times).
    third.keepOutput({ key: 'k', verdict: { lines: [], failed: false }, reads: {} }, Buffer.from('out'));
    third.save();
    const reused = FileScanCache.open(cacheFile, '/ws', 'test');
    assert.equal(reused.storedOutput('k')?.text.toString(), 'out');
    reused.set('app/new.py', 'h', { calls: [] }, null);
    reused.save();
    assert.equal(FileScanCache.open(cacheFile, '/ws', 'test').tokenCounts.get('o200k_base', 'used again'), 3);
    // A cache written by another version or build keeps nothing, counts included.
    assert.equal(FileScanCache.open(cacheFile, '/ws', 'other').tokenCounts.get('o200k_base', 'used again'), undefined);
  });
});
