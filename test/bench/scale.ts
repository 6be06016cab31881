import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mentionsLlmSdk } from '../../src/core/analysis/analyze';
import { mayHoldCandidates } from '../../src/core/analysis/candidates';
import { ParserHost } from '../../src/core/parsing/host';
import { isPythonLike, languageIdForPath } from '../../src/core/parsing/languages';
import { childCpuMs, processCpuMs } from './cpuTime';
import { writeWorkspaceTree } from './workspaceTree';
import { median } from './median';

/**
 * The 20,000-file `llm-cost-lens scan --format json` (the built CLI, run as a user runs it: a new process, its
 * worker threads, pricing, rules, the JSON written out) against a bare read of the same files. The bare read is
 * measured two ways: as a command too (a new `node` process that reads the listed paths with readFileSync: no
 * walk, paths known in advance) — like for like, the ratio the targets are checked against — and inside this
 * process (readFileSync of each path, no process start), shown beside it. Four cases: cold (no cache); `--cache`
 * re-scan of an unchanged tree (no file read, no folder listed again); the re-scan before it, the first after a
 * scan made right after a checkout (every folder was too new to be trusted then: each is listed again, and the
 * cache saved once); `--cache` after a fresh checkout (a `git clone` into the scanned folder, as in CI: every file
 * and folder is new, each folder is listed, and git's index vouches for the files it describes, so those are not
 * read); and, reported only (the issue sets no target for it), `--cache` re-scan of the unchanged tree's cache after
 * one file with calls changed (a string literal edited in place, as a pull request changes a few files: that file
 * is parsed again, and the whole result priced, checked and printed). Turns alternate the bare reads and the scans so that all
 * see the same machine load; each ratio is the median of the turns' ratios, in wall time (the target) and in CPU
 * time (all threads; the figure that holds on a busy machine). Two floors are printed too: the start of a `node`
 * process, and tree-sitter parsing alone of the files that name an SDK (which the scan must parse).
 */
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
/** The grammars beside the compiled tests (out/wasm). */
const wasmDir = path.resolve(__dirname, '..', '..', 'wasm');
const fileCount = 20_000;
const turns = 5;

export interface ScaleRow {
  case: string;
  /** Median wall time of the scan. */
  analyser: number;
  /** Median wall time of the bare read as a new process (the baseline of `ratio`). */
  baseline: number;
  /** Median of the turns' scan / bare-read-process wall ratios: checked against `target`. */
  ratio: number;
  /** Null for a row that is reported only (the issue sets no target for it). */
  target: number | null;
  /** Median wall time of the bare read inside the bench process, and the scan's ratio to it. */
  inProcessBaseline: number;
  inProcessRatio: number;
  /** CPU time of the scan (all threads) against the bare read process's; null where the platform cannot tell. */
  cpuRatio: number | null;
  cpuMs: number | null;
  baselineCpuMs: number | null;
}

interface Timed {
  wall: number;
  cpu: number | null;
}

interface Turn {
  scan: Timed;
  /** The bare read as a new `node` process. */
  base: Timed;
  /** The bare read inside this process. */
  inProcess: Timed;
}

/** What the floors measure, once per bench run. */
export interface ScaleFloors {
  /** `node -e 0`: the part of every command's time no code of ours can remove. */
  nodeStartMs: number;
  /** tree-sitter parsing alone, on one thread, of the files that name an SDK (the ones the scan parses). */
  parseMs: number;
  parsedFiles: number;
  /** The bare read inside this process, for the floors' ratios. */
  inProcessReadMs: number;
  /** The bare read as a new process. */
  processReadMs: number;
  /**
   * A new process that lists every folder (recursively, node_modules left out) and reads every file found: what a
   * scan that knows no file must do at least.
   */
  walkReadMs: number;
  /**
   * A new process that lists every folder and stats every file: what a re-scan after a fresh checkout must do at
   * least (every folder is new to it; git's index vouches for a file only after a stat).
   */
  walkStatMs: number;
}

function bareRead(files: readonly string[]): { wall: number; cpu: number } {
  const cpu = processCpuMs();
  const start = performance.now();
  for (const file of files) readFileSync(file);
  return { wall: performance.now() - start, cpu: processCpuMs() - cpu };
}

/** Runs a `node` child to completion: its wall and CPU time (all threads), and its stdout. */
function runNode(args: readonly string[], cwd: string): Timed & { output: string } {
  const cpu = childCpuMs();
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wall = performance.now() - start;
  const after = childCpuMs();
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return { wall, cpu: cpu === null || after === null ? null : after - cpu, output: result.stdout };
}

/** Runs the CLI to completion; its stdout is the JSON. */
function runScan(root: string, extra: readonly string[]): Timed & { output: string } {
  return runNode([cli, 'scan', root, '--format', 'json', ...extra], root);
}

/** The bare read as a command: a new `node` that reads each path of the list (one per line) with readFileSync. */
const bareReadScript =
  "const fs = require('node:fs'); for (const f of fs.readFileSync(process.argv[1], 'utf8').split('\\n')) if (f) fs.readFileSync(f);";

/** A walk floor as a command: readdirSync of each folder (.git and node_modules left out), `visit` of each file. */
const walkScript = (visit: string): string =>
  `const fs = require('node:fs'); const stack = [process.argv[1]]; while (stack.length) { const dir = stack.pop(); for (const e of fs.readdirSync(dir, { withFileTypes: true })) { const full = dir + '/' + e.name; if (e.isDirectory()) { if (e.name !== 'node_modules' && e.name !== '.git') stack.push(full); } else if (e.isFile()) fs.${visit}(full); } }`;

function bareReadProcess(listFile: string, cwd: string): Timed {
  const { wall, cpu } = runNode(['-e', bareReadScript, listFile], cwd);
  return { wall, cpu };
}

function row(name: string, results: Turn[], target: number | null): ScaleRow {
  const known = results.every((r) => r.scan.cpu !== null && r.base.cpu !== null);
  return {
    case: name,
    analyser: median(results.map((r) => r.scan.wall)),
    baseline: median(results.map((r) => r.base.wall)),
    ratio: median(results.map((r) => r.scan.wall / r.base.wall)),
    target,
    inProcessBaseline: median(results.map((r) => r.inProcess.wall)),
    inProcessRatio: median(results.map((r) => r.scan.wall / r.inProcess.wall)),
    cpuRatio: known ? median(results.map((r) => (r.scan.cpu as number) / (r.base.cpu as number))) : null,
    cpuMs: known ? median(results.map((r) => r.scan.cpu as number)) : null,
    baselineCpuMs: known ? median(results.map((r) => r.base.cpu as number)) : null,
  };
}

/** Parses, on one thread, every file the scan's two text gates let through: the work no cache-less scan avoids. */
async function parseFloor(files: readonly string[]): Promise<{ ms: number; count: number }> {
  const host = new ParserHost(wasmDir);
  try {
    const texts: { text: string; languageId: NonNullable<ReturnType<typeof languageIdForPath>> }[] = [];
    for (const file of files) {
      const languageId = languageIdForPath(file);
      const text = readFileSync(file, 'utf8');
      if (languageId && mentionsLlmSdk(text) && mayHoldCandidates(text, isPythonLike(languageId)))
        texts.push({ text, languageId });
    }
    for (const { languageId } of texts) await host.load(languageId);
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      for (const { text, languageId } of texts) host.parseSync(text, languageId).delete();
      runs.push(performance.now() - start);
    }
    return { ms: median(runs), count: texts.length };
  } finally {
    host.dispose();
  }
}

/** The string the one-file-changed re-scan edits: the system prompt of the generated Python files with calls. */
const editedLiteral = /^SYSTEM = "([^"\n]*)"$/m;

/**
 * A file with calls whose system prompt can be edited in place, as a pull request changes a file: each turn's edit
 * is new (the turn's number in the text), so no cached result of an earlier turn fits it.
 */
function oneFileEdit(files: readonly string[]): { file: string; original: string; edited: (turn: number) => string } {
  const file = files.find((f) => f.endsWith('.py') && editedLiteral.test(readFileSync(f, 'utf8')));
  if (!file) throw new Error('no generated Python file with a system prompt to edit');
  const original = readFileSync(file, 'utf8');
  return {
    file,
    original,
    edited: (turn) => original.replace(editedLiteral, (_, text: string) => `SYSTEM = "${text} (edit ${turn})"`),
  };
}

/**
 * git, without the machine's or the user's configuration (the bench's own repository needs neither), and without
 * the automatic gc a commit of 20,000 new objects starts in the background: it repacked the repository while the
 * next step cloned it (and while the bench removed it).
 */
const gitSettings = [
  ['user.name', 'bench'],
  ['user.email', 'bench@example.com'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
].flatMap(([name, value]) => ['-c', `${name}=${value}`]);

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync('git', [...gitSettings, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull },
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
}

const hasGit = spawnSync('git', ['--version']).status === 0;

/**
 * A fresh checkout as CI makes one: `git clone` of the generated tree's repository into the scanned folder, so
 * every file and folder is new (new times) and git's index describes them. Without git, every file and folder is
 * given a new time instead (then there is no index to vouch for the files: each is read and hashed).
 */
function freshCheckout(origin: string, root: string, files: readonly string[], turn: number): void {
  if (hasGit) {
    rmSync(root, { recursive: true, force: true });
    git(os.tmpdir(), 'clone', '-q', '--no-hardlinks', origin, root);
  } else {
    // Older than the cache by more than its racy window, so that the times alone would be trusted.
    touchAll(root, files, Date.now() - 60_000 - turn * 1000);
  }
}

/** Gives every file and folder (up to `root`) a new modification time, as a fresh checkout does. */
function touchAll(root: string, files: readonly string[], when: number): void {
  const date = new Date(when);
  const folders = new Set<string>([root]);
  for (const file of files) {
    utimesSync(file, date, date);
    for (
      let folder = path.dirname(file);
      folder.startsWith(root) && !folders.has(folder);
      folder = path.dirname(folder)
    ) {
      folders.add(folder);
    }
  }
  for (const folder of folders) utimesSync(folder, date, date);
}

export async function runScaleBench(): Promise<{ rows: ScaleRow[]; floors: ScaleFloors }> {
  const root = path.join(os.tmpdir(), `llm-cost-lens-bench-tree-${process.pid}`);
  const origin = `${root}-origin`;
  const cacheFile = path.join(os.tmpdir(), `llm-cost-lens-bench-cache-${process.pid}.json`);
  const listFile = path.join(os.tmpdir(), `llm-cost-lens-bench-files-${process.pid}.txt`);
  const cacheFlags = ['--cache', '--cache-location', cacheFile];
  try {
    const tree = writeWorkspaceTree(hasGit ? origin : root, fileCount);
    if (hasGit) {
      git(origin, 'init', '-q');
      git(origin, 'add', '-A');
      git(origin, 'commit', '-q', '-m', 'tree');
      git(os.tmpdir(), 'clone', '-q', '--no-hardlinks', origin, root);
    }
    const files = hasGit ? tree.files.map((file) => path.join(root, path.relative(origin, file))) : tree.files;
    writeFileSync(listFile, `${files.join('\n')}\n`);
    // Warm the page cache, so both sides read from memory.
    bareRead(files);
    const expected = runScan(root, []).output;
    const first = JSON.parse(expected) as { calls: { file: string }[] };
    const withCalls = new Set(first.calls.map((c) => c.file)).size;
    if (withCalls !== tree.withCalls) throw new Error(`expected calls in ${tree.withCalls} files, found ${withCalls}`);
    // Fills the cache for the first re-scan.
    runScan(root, cacheFlags);
    const cold: Turn[] = [];
    const settling: Turn[] = [];
    const unchanged: Turn[] = [];
    const checkout: Turn[] = [];
    const oneChanged: Turn[] = [];
    const edit = oneFileEdit(files);
    const turn = (into: Turn[], extra: readonly string[], want = expected): void => {
      const inProcess = bareRead(files);
      const base = bareReadProcess(listFile, root);
      const scan = runScan(root, extra);
      if (scan.output !== want) throw new Error('a scan gave another result than a scan without cache');
      into.push({ scan: { wall: scan.wall, cpu: scan.cpu }, base, inProcess });
    };
    for (let i = 0; i < turns; i++) {
      turn(cold, []);
      // The cache was last written by a scan made right after a checkout, when every folder's time was too close
      // to its listing to be trusted: this re-scan lists them again and saves the cache once; the next one is the
      // steady re-scan of an unchanged tree.
      turn(settling, cacheFlags);
      turn(unchanged, cacheFlags);
      writeFileSync(edit.file, edit.edited(i));
      try {
        // What the re-scan must print: a scan of the edited tree without the cache (not timed).
        turn(oneChanged, cacheFlags, runScan(root, []).output);
      } finally {
        writeFileSync(edit.file, edit.original);
      }
      // Back to a cache of the tree as it is (not timed): else the checkout's re-scan would find the edited file's
      // records stale, parse it again, price every call again and write the whole cache: a one-file change too.
      runScan(root, cacheFlags);
      freshCheckout(origin, root, files, i);
      turn(checkout, cacheFlags);
    }
    const label = `${files.length.toLocaleString('en-US')} files, ${withCalls} with calls, ${tree.mentionOnly} naming an SDK without one`;
    const rows = [
      row(`scan cold vs bare read (${label})`, cold, 6),
      row(`scan --cache re-scan, tree unchanged, vs bare read`, unchanged, 1.5),
      row(
        `scan --cache first re-scan after a scan made right after a checkout (folders listed again, cache saved once) vs bare read`,
        settling,
        1.5,
      ),
      row(
        hasGit
          ? `scan --cache re-scan after a fresh checkout (git clone into the same folder) vs bare read`
          : `scan --cache re-scan after every file and folder got a new time (git not installed) vs bare read`,
        checkout,
        1.5,
      ),
      row(
        `scan --cache re-scan after one file with calls changed (a string literal edited) vs bare read`,
        oneChanged,
        null,
      ),
    ];
    const nodeStart = median([0, 1, 2, 3, 4].map(() => runNode(['-e', '0'], root).wall));
    const walkRead = median([0, 1, 2, 3, 4].map(() => runNode(['-e', walkScript('readFileSync'), root], root).wall));
    const walkStat = median([0, 1, 2, 3, 4].map(() => runNode(['-e', walkScript('statSync'), root], root).wall));
    const parse = await parseFloor(files);
    const floors: ScaleFloors = {
      nodeStartMs: nodeStart,
      parseMs: parse.ms,
      parsedFiles: parse.count,
      inProcessReadMs: median(rows.map((r) => r.inProcessBaseline)),
      processReadMs: median(rows.map((r) => r.baseline)),
      walkReadMs: walkRead,
      walkStatMs: walkStat,
    };
    return { rows, floors };
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(origin, { recursive: true, force: true });
    rmSync(cacheFile, { force: true });
    rmSync(listFile, { force: true });
  }
}

/** What the scale rows measure, printed above them. */
export const scaleBenchNote = [
  'The 20,000-file scan: `node dist/cli.js scan <tree> --format json` as a user runs it, a new process each time:',
  'Node start, loading the bundle, the tree-sitter wasm and the tokenizer tables, worker threads, the walk',
  '(.gitignore, skipped folders), reading, the SDK pre-check, parsing, cross-file resolution, pricing, rules and',
  'the JSON written to a pipe. Bare read: readFileSync of the same paths (known in advance: no walk), as a command',
  '(a new `node` process: like for like, the ratio checked against the target) and inside the bench process (no',
  'process start: shown after it), measured in turns with the scans. Wall time is the target; CPU time (all',
  'threads, against the bare read command) is shown too, since on a busy machine it depends less on the',
  'neighbours. Medians of the turns:',
];

export function describeScaleRow(r: ScaleRow): string {
  const cpu =
    r.cpuRatio === null || r.cpuMs === null || r.baselineCpuMs === null
      ? 'CPU not measured on this platform'
      : `CPU ${r.cpuMs.toFixed(0)} ms vs ${r.baselineCpuMs.toFixed(0)} ms = ${r.cpuRatio.toFixed(2)}x`;
  const verdict =
    r.target === null
      ? '(reported only: no target)'
      : `(target <= ${r.target}x) ${r.ratio <= r.target ? 'ok' : 'MISSED'}`;
  return (
    `${r.case}: wall ${r.analyser.toFixed(0)} ms vs ${r.baseline.toFixed(0)} ms = ${r.ratio.toFixed(2)}x ` +
    `${verdict}; vs the read inside the bench process ${r.inProcessBaseline.toFixed(0)} ms = ` +
    `${r.inProcessRatio.toFixed(2)}x; ${cpu}`
  );
}

/** The floors, in words, with their ratios to both bare reads. */
export function describeScaleFloors(f: ScaleFloors): string[] {
  const ratios = (ms: number): string =>
    `${(ms / f.processReadMs).toFixed(2)}x the bare read command, ${(ms / f.inProcessReadMs).toFixed(2)}x the read in process`;
  return [
    `Floors: \`node -e 0\` ${f.nodeStartMs.toFixed(0)} ms (${ratios(f.nodeStartMs)}).`,
    `  tree-sitter parsing alone of the ${f.parsedFiles} files the scan parses (naming an SDK, a billable name called), one thread: ${f.parseMs.toFixed(0)} ms (${ratios(f.parseMs)});`,
    `  spread perfectly over ${os.availableParallelism()} cores: ${(f.parseMs / os.availableParallelism()).toFixed(0)} ms (${ratios(f.parseMs / os.availableParallelism())});`,
    `  a new process listing every folder and reading every file (what a scan that knows no file does at least): ${f.walkReadMs.toFixed(0)} ms (${ratios(f.walkReadMs)});`,
    `  a new process listing every folder and stating every file (what a re-scan after a fresh checkout does at least): ${f.walkStatMs.toFixed(0)} ms (${ratios(f.walkStatMs)}).`,
  ];
}

if (require.main === module) {
  runScaleBench().then(
    ({ rows, floors }) => {
      console.log(scaleBenchNote.join('\n'));
      for (const r of rows) console.log(`  ${describeScaleRow(r)}`);
      for (const line of describeScaleFloors(floors)) console.log(line);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
