import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What the in-host `editor-speed` scenario measures (its `editor-speed-json:` lines). */
interface EditorFigures {
  firstLensesMs?: number;
  exactCountsMs?: number;
  edits?: number;
  perEditMedianMs?: number;
  perEditP90Ms?: number;
  findingsMedianMs?: number;
  reparseMedianMs?: number;
  editToLensesMedianMs?: number;
}

const root = path.resolve(__dirname, '..', '..', '..');

/**
 * The editor figures, measured inside a real VS Code extension host (test/integration/editor-speed): the time
 * from activation to the first lenses, and the extension-host work after a one-character edit of a 5,000-line
 * file with 80 calls until its lenses are current (the rules' findings included), against a bare incremental re-parse of the same edit.
 */
export function runEditorBench(): void {
  console.log('\nEditor (inside VS Code 1.100.3, test/integration/editor-speed)');
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    console.log(`  skipped: ${chromium} not found (npm run setup installs it)`);
    return;
  }
  const result = spawnSync(
    process.execPath,
    [
      path.join(root, 'scripts', 'run-in-host.js'),
      root,
      path.join(root, 'out', 'test', 'integration', 'index.js'),
      path.join(root, 'test', 'fixtures', 'editor-speed'),
    ],
    { encoding: 'utf8', env: { ...process.env, LLM_COST_LENS_SCENARIO: 'editor-speed' }, maxBuffer: 16 * 1024 * 1024 },
  );
  const figures: EditorFigures = {};
  for (const line of (result.stdout ?? '').split('\n')) {
    const json = /^editor-speed-json: (.*)$/.exec(line);
    if (json) Object.assign(figures, JSON.parse(json[1]) as EditorFigures);
  }
  if (result.status !== 0 || figures.perEditMedianMs === undefined || figures.firstLensesMs === undefined) {
    console.log(`  failed (exit ${result.status}):\n${result.stdout ?? ''}${result.stderr ?? ''}`);
    process.exitCode = 1;
    return;
  }
  const perEdit = figures.perEditMedianMs;
  const reparse = figures.reparseMedianMs ?? NaN;
  const rows: [string, string, string, string][] = [
    [
      `per-edit host work, median of ${figures.edits} one-character edits (5,000 lines, 80 calls)`,
      `${perEdit.toFixed(1)} ms (p90 ${(figures.perEditP90Ms ?? NaN).toFixed(1)} ms; findings ${(figures.findingsMedianMs ?? NaN).toFixed(1)} ms of it; ${(perEdit / reparse).toFixed(1)}x a bare incremental re-parse of ${reparse.toFixed(1)} ms)`,
      '< 50 ms',
      perEdit < 50 ? 'ok' : 'MISSED',
    ],
    [
      'first lenses after activation (parser load included)',
      `${figures.firstLensesMs.toFixed(0)} ms`,
      '< 1000 ms',
      figures.firstLensesMs < 1000 ? 'ok' : 'MISSED',
    ],
    [
      'exact token counts on the lenses after activation (tokenizer load)',
      `${(figures.exactCountsMs ?? NaN).toFixed(0)} ms`,
      'report',
      '-',
    ],
    [
      "edit to current lenses, VS Code's CodeLens debounce included",
      `${(figures.editToLensesMedianMs ?? NaN).toFixed(0)} ms`,
      'report',
      '-',
    ],
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) console.log(`  ${row.map((cell, i) => cell.padEnd(widths[i])).join('  ')}`);
}
