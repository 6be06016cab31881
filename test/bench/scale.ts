import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, utimesSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { childCpuMs, processCpuMs } from './cpuTime';
import { writeWorkspaceTree } from './workspaceTree';
import { median } from './median';

/**
 * The 20,000-file `llm-cost-lens scan --format json` (the built CLI, run as a user runs it: a new process, its
 * worker threads, pricing, rules, the JSON written out) against a bare read of the same files (readFileSync of
 * each path, no walk) in this process. Three cases: cold (no cache); `--cache` re-scan of an unchanged tree (no
 * file read again); `--cache` after a fresh checkout (every file has a new modification time, as in CI: each is
 * read and hashed). Turns alternate the bare read and the scans so that both see the same machine load; each
 * ratio is the median of the turns' ratios, in wall time (the target) and in CPU time (all threads; the figure
 * that holds on a busy machine).
 */
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const fileCount = 20_000;
const turns = 5;

export interface ScaleRow {
  case: string;
  analyser: number;
  baseline: number;
  ratio: number;
  target: number;
  /** CPU time of the scan (all threads) against the bare read's; null where the platform cannot tell. */
  cpuRatio: number | null;
  cpuMs: number | null;
  baselineCpuMs: number;
}

interface Turn {
  wall: number;
  cpu: number | null;
  baseWall: number;
  baseCpu: number;
}

function bareRead(files: readonly string[]): { wall: number; cpu: number } {
  const cpu = processCpuMs();
  const start = performance.now();
  for (const file of files) readFileSync(file);
  return { wall: performance.now() - start, cpu: processCpuMs() - cpu };
}

/** Runs the CLI to completion; its stdout (the JSON) is thrown away. */
function runScan(root: string, extra: readonly string[]): { wall: number; cpu: number | null; output: string } {
  const cpu = childCpuMs();
  const start = performance.now();
  const result = spawnSync(process.execPath, [cli, 'scan', root, '--format', 'json', ...extra], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wall = performance.now() - start;
  const after = childCpuMs();
  if (result.status !== 0) throw new Error(`scan failed (${result.status}): ${result.stderr}`);
  return { wall, cpu: cpu === null || after === null ? null : after - cpu, output: result.stdout };
}

function row(name: string, results: Turn[], target: number): ScaleRow {
  const cpus = results.map((r) => r.cpu);
  const known = cpus.every((c): c is number => c !== null);
  return {
    case: name,
    analyser: median(results.map((r) => r.wall)),
    baseline: median(results.map((r) => r.baseWall)),
    ratio: median(results.map((r) => r.wall / r.baseWall)),
    target,
    cpuRatio: known ? median(results.map((r) => (r.cpu as number) / r.baseCpu)) : null,
    cpuMs: known ? median(cpus as number[]) : null,
    baselineCpuMs: median(results.map((r) => r.baseCpu)),
  };
}

/** Gives every file a new modification time, as a fresh checkout does. */
function touchAll(files: readonly string[], when: number): void {
  const date = new Date(when);
  for (const file of files) utimesSync(file, date, date);
}

export async function runScaleBench(): Promise<ScaleRow[]> {
  const root = path.join(os.tmpdir(), `llm-cost-lens-bench-tree-${process.pid}`);
  const cacheFile = path.join(os.tmpdir(), `llm-cost-lens-bench-cache-${process.pid}.json`);
  const cacheFlags = ['--cache', '--cache-location', cacheFile];
  try {
    const tree = writeWorkspaceTree(root, fileCount);
    const { files } = tree;
    // Warm the page cache, so both sides read from memory.
    bareRead(files);
    const expected = runScan(root, []).output;
    const first = JSON.parse(expected) as { calls: { file: string }[] };
    const withCalls = new Set(first.calls.map((c) => c.file)).size;
    if (withCalls !== tree.withCalls) throw new Error(`expected calls in ${tree.withCalls} files, found ${withCalls}`);
    // Fills the cache for the first re-scan.
    runScan(root, cacheFlags);
    const cold: Turn[] = [];
    const unchanged: Turn[] = [];
    const checkout: Turn[] = [];
    const turn = (into: Turn[], extra: readonly string[]): void => {
      const base = bareRead(files);
      const scan = runScan(root, extra);
      if (scan.output !== expected) throw new Error('a scan gave another result than the first');
      into.push({ wall: scan.wall, cpu: scan.cpu, baseWall: base.wall, baseCpu: base.cpu });
    };
    for (let i = 0; i < turns; i++) {
      turn(cold, []);
      turn(unchanged, cacheFlags);
      // Older than the cache by more than its racy window, so that the times alone would be trusted.
      touchAll(files, Date.now() - 60_000 - i * 1000);
      turn(checkout, cacheFlags);
    }
    const label = `${files.length.toLocaleString('en-US')} files, ${withCalls} with calls, ${tree.mentionOnly} naming an SDK without one`;
    return [
      row(`scan cold vs bare read (${label})`, cold, 6),
      row(`scan --cache re-scan, tree unchanged, vs bare read`, unchanged, 1.5),
      row(`scan --cache re-scan after a fresh checkout (new mtimes) vs bare read`, checkout, 1.5),
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(cacheFile, { force: true });
  }
}

/** What the scale rows measure, printed above them. */
export const scaleBenchNote = [
  'The 20,000-file scan: `node dist/cli.js scan <tree> --format json` as a user runs it, a new process each time:',
  'Node start, loading the bundle, the tree-sitter wasm and the tokenizer tables, worker threads, the walk',
  '(.gitignore, skipped folders), reading, the SDK pre-check, parsing, cross-file resolution, pricing, rules and',
  'the JSON written to a pipe. Bare read: readFileSync of the same paths (known in advance: no walk) in the bench',
  'process, measured in turns with the scans. Wall time is the target; CPU time (all threads) is shown too,',
  'since on a busy machine it depends less on the neighbours. Medians of the turns:',
];

export function describeScaleRow(r: ScaleRow): string {
  const cpu =
    r.cpuRatio === null || r.cpuMs === null
      ? 'CPU not measured on this platform'
      : `CPU ${r.cpuMs.toFixed(0)} ms vs ${r.baselineCpuMs.toFixed(0)} ms = ${r.cpuRatio.toFixed(2)}x`;
  const verdict = r.ratio <= r.target ? 'ok' : 'MISSED';
  return `${r.case}: wall ${r.analyser.toFixed(0)} ms vs ${r.baseline.toFixed(0)} ms = ${r.ratio.toFixed(2)}x (target <= ${r.target}x) ${verdict}; ${cpu}`;
}

if (require.main === module) {
  runScaleBench().then(
    (rows) => {
      console.log(scaleBenchNote.join('\n'));
      for (const r of rows) console.log(`  ${describeScaleRow(r)}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
