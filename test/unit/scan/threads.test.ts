import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { ParserHost } from '../../../src/core/parsing/host';
import { hostAnalyzer } from '../../../src/core/workspace/analyzer';
import { nodeFileSystem, toFileSystemPath } from '../../../src/core/workspace/nodeFileSystem';
import { scanWorkspace } from '../../../src/core/workspace/scan';
import {
  charsBeforeThreads,
  charsToStartThreadsEarly,
  filesToJudgeText,
  ScanAnalyzer,
  threadQueueLimit,
} from '../../../src/cli/scan/analyzer';
import { minQueuedChars, queuedCharsPerThread, WorkerPool } from '../../../src/cli/scan/workerPool';
import { openAiBot, tempDir, writeTree } from '../../support/hostileRepo';
import { wasmDir } from '../helpers/paths';

const made: string[] = [];
const host = new ParserHost(wasmDir);
after(() => {
  host.dispose();
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A comment block of about 20,000 characters: a few dozen such files pass `charsBeforeThreads`. */
const padding = `# ${'x'.repeat(78)}\n`.repeat(250);
const paddedBot = padding + openAiBot;
/** Files to parse before the threads start. */
const filesBeforeThreads = Math.ceil(charsBeforeThreads / paddedBot.length);

function tree(files: number, bot = paddedBot): string {
  const root = tempDir('threads');
  made.push(root);
  const content: Record<string, string> = {};
  for (let i = 0; i < files; i++) {
    content[`pkg${i % 5}/bot${i}.py`] = bot.replace('gpt-4o-mini', i % 2 ? 'gpt-4o' : 'gpt-4.1-mini');
    content[`pkg${i % 5}/plain${i}.py`] = `def f${i}(x):\n    return x * ${i}\n`;
  }
  writeTree(root, content);
  return root;
}

describe('parsing on worker threads', () => {
  it('gives the same records as the main thread, once a scan has enough text to parse', async () => {
    const files = filesBeforeThreads * 2;
    const root = toFileSystemPath(tree(files));
    const threaded = new ScanAnalyzer(host, wasmDir, 2);
    const withThreads = await scanWorkspace([root], { fs: nodeFileSystem, root, analyzer: threaded });
    await threaded.close();
    assert.equal(threaded.threaded, true);
    const single = new ScanAnalyzer(host, wasmDir, 0);
    const withoutThreads = await scanWorkspace([root], { fs: nodeFileSystem, root, analyzer: single });
    assert.equal(single.threaded, false);
    assert.equal(withThreads.calls.length, files);
    assert.deepEqual(withThreads, withoutThreads);
  });

  it('starts no thread for many files with little text in all', async () => {
    const root = toFileSystemPath(tree(100, openAiBot));
    const analyzer = new ScanAnalyzer(host, wasmDir, 2);
    const scan = await scanWorkspace([root], { fs: nodeFileSystem, root, analyzer });
    await analyzer.close();
    assert.equal(scan.calls.length, 100);
    assert.equal(analyzer.threaded, false);
  });

  it('starts the threads early when the first files read project much text to parse over the whole walk', async () => {
    // 80 KB in the first 400 files of 20,000 projects 4 MB: the threads start now, long before charsBeforeThreads.
    const analyzer = new ScanAnalyzer(host, wasmDir, 1);
    analyzer.progress(0, 20_000);
    const bot = `${'#'.repeat(8_000)}\n${openAiBot}`;
    for (let i = 0; i < 10; i++) await analyzer.analyze(bot, 'python', `bot${i}.py`);
    assert.ok(10 * bot.length < charsBeforeThreads);
    analyzer.progress(filesToJudgeText - 1, 20_000);
    assert.equal(analyzer.threaded, false, 'not judged before enough files are read');
    analyzer.progress(filesToJudgeText, 20_000);
    assert.equal(analyzer.threaded, true);
    await analyzer.close();
    // The same text in the first 400 files of 2,000 projects 400 KB: no thread yet.
    const small = new ScanAnalyzer(host, wasmDir, 1);
    small.progress(0, 2_000);
    for (let i = 0; i < 10; i++) await small.analyze(bot, 'python', `bot${i}.py`);
    small.progress(filesToJudgeText, 2_000);
    assert.equal(small.threaded, false);
    await small.close();
    assert.ok((10 * bot.length * 20_000) / filesToJudgeText >= charsToStartThreadsEarly);
  });

  it('queues less on a thread as the end of the walk nears, so that no thread is left with a long backlog', () => {
    // 10 MB of text in the first half of 20,000 files: about as much is left, a full queue is fine.
    assert.equal(threadQueueLimit(10_000_000, 10_000, 20_000, 1), queuedCharsPerThread);
    // 400 files left of 20,000 at the same rate: about 200 KB left, half of it the thread's.
    const nearEnd = threadQueueLimit(10_000_000, 19_600, 20_000, 1);
    assert.ok(nearEnd < queuedCharsPerThread / 4 && nearEnd > minQueuedChars, `${nearEnd}`);
    // The last files: never less than enough to keep a thread busy through a pause of the main thread.
    assert.equal(threadQueueLimit(10_000_000, 19_999, 20_000, 1), minQueuedChars);
    // Before the walk gives a figure, the full queue.
    assert.equal(threadQueueLimit(0, 0, 0, 1), queuedCharsPerThread);
  });

  it('parses on the main thread too once the threads have enough queued, with the same records', async () => {
    // Twice what a thread's queue holds after the threads start: the main thread takes its share.
    const files = filesBeforeThreads + 2 * Math.ceil(queuedCharsPerThread / paddedBot.length) + 10;
    const root = toFileSystemPath(tree(files));
    const threaded = new ScanAnalyzer(host, wasmDir, 1);
    const withThreads = await scanWorkspace([root], { fs: nodeFileSystem, root, analyzer: threaded });
    await threaded.close();
    assert.ok(threaded.filesOnThreads > 0, 'the thread parsed some files');
    assert.ok(threaded.filesOnThreads < files - filesBeforeThreads, 'the main thread took some after it started');
    const single = new ScanAnalyzer(host, wasmDir, 0);
    const withoutThreads = await scanWorkspace([root], { fs: nodeFileSystem, root, analyzer: single });
    assert.equal(withThreads.calls.length, files);
    assert.deepEqual(withThreads, withoutThreads);
  });

  it('finishes the files of a thread that dies on the main thread', async () => {
    const dir = tempDir('dying-worker');
    made.push(dir);
    const script = path.join(dir, 'dies.js');
    writeFileSync(script, "require('node:worker_threads').parentPort.once('message', () => process.exit(3));\n");
    const pool = new WorkerPool(2, script, wasmDir, hostAnalyzer(host));
    const answers = await Promise.all([0, 1, 2, 3].map((i) => pool.analyze(openAiBot, 'python', `bot${i}.py`)));
    await pool.close();
    assert.deepEqual(
      answers.map((calls) => calls.map((c) => `${c.file}:${c.line}`)),
      [['bot0.py:7'], ['bot1.py:7'], ['bot2.py:7'], ['bot3.py:7']],
    );
  });
});
