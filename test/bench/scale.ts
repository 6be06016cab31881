import { readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileScanCache } from '../../src/cli/scan/fileCache';
import { scanPaths, version } from '../../src/cli/scan/scan';
import { defaultThreadCount } from '../../src/cli/scan/workerPool';
import { writeWorkspaceTree } from './workspaceTree';

/**
 * The 20,000-file scan against a bare read of the same files (readFileSync of each path, no walk), measured in
 * turns so that both see the same machine load: cold (no cache: walk, read, checks, parse on worker threads)
 * and again with `--cache` (walk, read, hash, cached records; the cache file loaded and saved as the CLI does).
 * Ratios are medians of the ratio of each turn.
 */
const wasmDir = path.resolve(__dirname, '..', '..', 'wasm');
const fileCount = 20_000;
const turns = 5;

export interface ScaleRow {
  case: string;
  analyser: number;
  baseline: number;
  ratio: number;
  target: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function bareRead(files: readonly string[]): number {
  const start = performance.now();
  for (const file of files) readFileSync(file);
  return performance.now() - start;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function measure(
  files: readonly string[],
  run: () => Promise<unknown>,
): Promise<{ ms: number; baseline: number; ratio: number }> {
  const ms: number[] = [];
  const baseline: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < turns; i++) {
    const read = bareRead(files);
    const scan = await timed(run);
    baseline.push(read);
    ms.push(scan);
    ratios.push(scan / read);
  }
  return { ms: median(ms), baseline: median(baseline), ratio: median(ratios) };
}

export async function runScaleBench(): Promise<ScaleRow[]> {
  const root = path.join(os.tmpdir(), `llm-cost-lens-bench-tree-${process.pid}`);
  const cacheFile = path.join(os.tmpdir(), `llm-cost-lens-bench-cache-${process.pid}.json`);
  try {
    const files = writeWorkspaceTree(root, fileCount);
    const threads = defaultThreadCount();
    const scan = (cache?: FileScanCache) => scanPaths([root], { cwd: root, wasmDir, threads, cache });
    // Warm the page cache and the tokenizer-free code paths once, so both sides read from memory.
    bareRead(files);
    const first = await scan();
    const withCalls = new Set(first.calls.map((c) => c.file)).size;
    const cold = await measure(files, () => scan());
    const fill = FileScanCache.open(cacheFile, root, version);
    await scan(fill);
    fill.save();
    const cached = await measure(files, async () => {
      const cache = FileScanCache.open(cacheFile, root, version);
      const result = await scan(cache);
      cache.save();
      if (result.calls.length !== first.calls.length) throw new Error('cached scan lost calls');
    });
    const label = `${files.length.toLocaleString('en-US')} files, ${withCalls} with calls, ${threads} threads`;
    return [
      {
        case: `scan cold vs bare read (${label})`,
        analyser: cold.ms,
        baseline: cold.baseline,
        ratio: cold.ratio,
        target: 6,
      },
      {
        case: `scan --cache re-scan vs bare read (${label})`,
        analyser: cached.ms,
        baseline: cached.baseline,
        ratio: cached.ratio,
        target: 1.5,
      },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(cacheFile, { force: true });
  }
}

if (require.main === module) {
  runScaleBench().then(
    (rows) => {
      for (const r of rows) {
        const verdict = r.ratio <= r.target ? 'ok' : 'MISSED';
        console.log(
          `${r.case}: ${r.analyser.toFixed(0)} ms vs ${r.baseline.toFixed(0)} ms = ${r.ratio.toFixed(2)}x (target <= ${r.target}x) ${verdict}`,
        );
      }
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
