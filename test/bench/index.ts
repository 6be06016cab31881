import * as path from 'node:path';
import { analyzeTree } from '../../src/core/analysis/analyze';
import { DocumentAnalyzer } from '../../src/core/analysis/incremental';
import { ParserHost } from '../../src/core/parsing/host';
import { DocumentTrees } from '../../src/core/parsing/documentTrees';
import type { LanguageId } from '../../src/core/parsing/languages';
import { runEditorBench } from './editor';
import { pythonFile, typescriptFile } from './generate';
import { runOfflineBench } from './offline';
import { runPriceTableBench } from './priceTable';
import { runRulesBench } from './rules';
import { describeScaleFloors, describeScaleRow, runScaleBench, scaleBenchNote } from './scale';
import { runTokenBench } from './tokens';
import { median } from './median';

/**
 * `npm run bench`: the analyser against a bare tree-sitter parse, measured in the same run on generated
 * 5,000-line files. Medians of several runs; read the ratios, not the absolute times (machines differ).
 */
const wasmDir = path.resolve(__dirname, '..', '..', 'wasm');
const runs = 15;

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

interface Row {
  case: string;
  analyser: number;
  baseline: number;
  target: string;
  ok: boolean | null;
  /** When measured as a median of per-turn ratios rather than the ratio of medians. */
  ratio?: number;
}

/** A row measured as a median of per-turn ratios, against an upper target (none: reported only). */
function ratioRow(r: { case: string; analyser: number; baseline: number; ratio: number; target: number | null }): Row {
  return {
    case: r.case,
    analyser: r.analyser,
    baseline: r.baseline,
    target: r.target === null ? 'reported only' : `<= ${r.target}x`,
    ok: r.target === null ? null : r.ratio <= r.target,
    ratio: r.ratio,
  };
}

async function fileBench(name: string, text: string, languageId: LanguageId, rows: Row[]): Promise<void> {
  const host = new ParserHost(wasmDir);
  await host.load(languageId);
  host.parseSync(text, languageId).delete();

  const parse: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < runs; i++) {
    parse.push(time(() => host.parseSync(text, languageId).delete()));
    full.push(
      time(() => {
        const tree = host.parseSync(text, languageId);
        analyzeTree(tree, text, languageId, name);
        tree.delete();
      }),
    );
  }
  const countTree = host.parseSync(text, languageId);
  const calls = analyzeTree(countTree, text, languageId, name).length;
  countTree.delete();
  name = `${name} (${calls} calls)`;
  const parseMs = median(parse);
  const fullMs = median(full);
  rows.push({
    case: `${name}: full analysis vs parse`,
    analyser: fullMs,
    baseline: parseMs,
    target: '<= 1.5x',
    ok: fullMs <= 1.5 * parseMs,
  });

  // One-character edits inside a string in the middle of the file (typing in a literal keeps the code valid),
  // alternating insert and delete so that the text stays bounded.
  const trees = new DocumentTrees(host);
  const bare = new DocumentTrees(host);
  const analyzer = new DocumentAnalyzer();
  let current = text;
  analyzer.analyze(trees.updateSync('doc', current, 0, languageId).tree, current, languageId, name);
  bare.updateSync('doc', current, 0, languageId);
  const middle = /["'][a-z]{3,}/g;
  middle.lastIndex = Math.floor(text.length / 2);
  const editAt = (middle.exec(text)?.index ?? Math.floor(text.length / 2)) + 2;
  const incremental: number[] = [];
  const reanalysis: number[] = [];
  for (let i = 1; i <= runs * 2; i++) {
    const insert = i % 2 === 1;
    const change = insert
      ? { start: editAt, oldEnd: editAt, newText: 'x' }
      : { start: editAt, oldEnd: editAt + 1, newText: '' };
    const next = insert
      ? current.slice(0, editAt) + 'x' + current.slice(editAt)
      : current.slice(0, editAt) + current.slice(editAt + 1);
    incremental.push(time(() => bare.updateSync('doc', next, i, languageId, [change])));
    reanalysis.push(
      time(() => {
        const entry = trees.updateSync('doc', next, i, languageId, [change]);
        analyzer.analyze(entry.tree, next, languageId, name, [change], entry.changedRanges);
      }),
    );
    current = next;
  }
  const incMs = median(incremental);
  const reMs = median(reanalysis);
  rows.push({
    case: `${name}: re-analysis after a 1-char edit vs incremental re-parse`,
    analyser: reMs,
    baseline: incMs,
    target: '<= 2x + 1 ms',
    ok: reMs <= 2 * incMs + 1,
  });
  trees.dispose();
  bare.dispose();
  host.dispose();
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const py = pythonFile(5000);
  const ts = typescriptFile(5000);
  await fileBench('python 5,000 lines', py, 'python', rows);
  await fileBench('typescript 5,000 lines', ts, 'typescript', rows);
  rows.push(...(await runRulesBench()).map(ratioRow));
  const scale = await runScaleBench();
  rows.push(...scale.rows.map(ratioRow));
  const header = ['case', 'analyser ms', 'baseline ms', 'ratio', 'target', 'result'];
  const table = rows.map((r) => [
    r.case,
    r.analyser.toFixed(2),
    r.baseline.toFixed(2),
    `${(r.ratio ?? r.analyser / r.baseline).toFixed(2)}x`,
    r.target,
    r.ok === null ? '-' : r.ok ? 'ok' : 'MISSED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`LLM Cost Lens bench (medians of ${runs} runs; node ${process.version})`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of table) console.log(line(row));
  console.log(`\n${scaleBenchNote.join('\n')}`);
  for (const r of scale.rows) console.log(`  ${describeScaleRow(r)}`);
  for (const line of describeScaleFloors(scale.floors)) console.log(line);
  await runTokenBench();
  runPriceTableBench();
  runOfflineBench();
  runEditorBench();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
