import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CallRecord } from '../../src/core/analysis/types';
import { ParserHost } from '../../src/core/parsing/host';
import { bundledTable, resolveModel } from '../../src/core/pricing';
import { scanPaths } from '../../src/cli/scan/scan';

/**
 * `npm run measure:resolution [-- <dir>]`: how many calls of real applications get the model their repository
 * names by default. The labels (test/bench/labelled-repositories.json) were written by reading each repository
 * by hand; the repositories themselves are not kept here. Put each one, at the labelled commit, in
 * `<dir>/<owner>+<name>` (default dir: $LLM_COST_LENS_LABELLED_DIR or /tmp/labelled); absent ones are skipped.
 */

interface Label {
  at: string;
  model: string | null;
  source?: string;
  how?: string;
}

interface Repository {
  repo: string;
  commit: string;
  scope: string[];
  exclude?: string[];
  calls: Label[];
}

type Outcome = 'right' | 'wrong' | 'unresolved' | 'missed call' | 'honest unknown' | 'invented' | 'unknown call missed';

interface Row {
  repo: string;
  label: Label;
  record: CallRecord | undefined;
  outcome: Outcome;
}

const wasmDir = path.resolve(__dirname, '..', '..', 'wasm');
const labelsFile = path.resolve(__dirname, '..', '..', '..', 'test', 'bench', 'labelled-repositories.json');

/** Model names compared without a provider prefix (`openai:gpt-4o`, `anthropic/claude-…`, `models/gemini-…`). */
export function normalizeModel(name: string): string {
  return name
    .trim()
    .replace(/^models\//, '')
    .replace(/^[a-z][\w-]*[:/](?=[a-z])/i, (prefix) =>
      /^(openai|anthropic|google|gemini|vertex_ai|azure|groq|mistral|cohere|xai|deepseek|bedrock|together_ai|fireworks_ai|openrouter)[:/]$/i.test(
        prefix,
      )
        ? ''
        : prefix,
    )
    .toLowerCase();
}

function inScope(file: string, repo: Repository): boolean {
  return repo.scope.some((s) => file.startsWith(s)) && !(repo.exclude ?? []).some((s) => file.startsWith(s));
}

function classify(label: Label, record: CallRecord | undefined): Outcome {
  if (label.model === null) {
    if (!record) return 'unknown call missed';
    return record.model === null ? 'honest unknown' : 'invented';
  }
  if (!record) return 'missed call';
  if (record.model === null) return 'unresolved';
  return normalizeModel(record.model) === normalizeModel(label.model) ? 'right' : 'wrong';
}

/** Warns about labels whose source line does not hold the model name (a check of the labels themselves). */
function checkLabels(root: string, repo: Repository): string[] {
  const problems: string[] = [];
  for (const label of repo.calls) {
    if (!label.model || !label.source) continue;
    const [file, line] = label.source.split(/:(?=\d+$)/);
    const full = path.join(root, file);
    if (!existsSync(full)) {
      problems.push(`${repo.repo}: source ${label.source} does not exist`);
      continue;
    }
    const text = readFileSync(full, 'utf8').split('\n')[Number(line) - 1] ?? '';
    const bare = label.model.replace(/^[\w-]+[:/]/, '');
    if (!text.includes(bare)) problems.push(`${repo.repo}: ${label.source} does not mention ${label.model}`);
  }
  return problems;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(0)}%`;
}

async function main(): Promise<void> {
  const dir = path.resolve(process.argv[2] ?? process.env.LLM_COST_LENS_LABELLED_DIR ?? '/tmp/labelled');
  const { repositories } = JSON.parse(readFileSync(labelsFile, 'utf8')) as { repositories: Repository[] };
  const host = new ParserHost(wasmDir);
  const table = bundledTable;
  const rows: Row[] = [];
  const unlabelled: string[] = [];
  const problems: string[] = [];
  let present = 0;
  for (const repo of repositories) {
    const root = path.join(dir, repo.repo.replace('/', '+'));
    if (!existsSync(root)) {
      console.log(`${repo.repo}: not present under ${dir}, skipped`);
      continue;
    }
    present++;
    problems.push(...checkLabels(root, repo));
    const result = await scanPaths([root], { cwd: root, wasmDir, host });
    const byLocation = new Map<string, CallRecord>();
    for (const record of result.calls)
      if (inScope(record.file, repo)) byLocation.set(`${record.file}:${record.line}`, record);
    const labelled = new Set(repo.calls.map((c) => c.at));
    for (const label of repo.calls) {
      const record = byLocation.get(label.at);
      rows.push({ repo: repo.repo, label, record, outcome: classify(label, record) });
    }
    for (const [at, record] of byLocation) {
      if (!labelled.has(at)) unlabelled.push(`${repo.repo} ${at} ${record.sdk} ${record.api} ${record.model ?? '-'}`);
    }
  }
  host.dispose();
  if (present === 0) {
    console.log(`No labelled repository found under ${dir}: nothing measured.`);
    return;
  }

  const named = rows.filter((r) => r.label.model !== null);
  const right = named.filter((r) => r.outcome === 'right');
  const priced = right.filter(
    (r) => r.record?.model && !resolveModel(r.record.model, table, { sdk: r.record.sdk }).unknown,
  );
  const count = (outcome: Outcome): number => rows.filter((r) => r.outcome === outcome).length;
  const byVia = new Map<string, number>();
  for (const r of right) byVia.set(r.record?.modelVia ?? '?', (byVia.get(r.record?.modelVia ?? '?') ?? 0) + 1);
  const sourceRight = right.filter((r) => r.label.source && r.record && sourceMatches(r.record, r.label.source)).length;

  console.log('\nPer call (labelled model / found model / how):');
  for (const r of rows) {
    const found = r.record ? `${r.record.model ?? 'unknown'} (${r.record.modelVia})` : 'call not found';
    console.log(`  ${r.outcome.padEnd(19)} ${r.repo} ${r.label.at}: ${r.label.model ?? 'no default'} / ${found}`);
  }
  console.log('\nPer repository (calls with a default: right / all):');
  for (const repo of new Set(rows.map((r) => r.repo))) {
    const mine = rows.filter((r) => r.repo === repo && r.label.model !== null);
    const ok = mine.filter((r) => r.outcome === 'right').length;
    console.log(`  ${repo}: ${ok}/${mine.length}`);
  }
  console.log(`\nCalls with a default model in their repository: ${named.length}`);
  console.log(`  right model:      ${right.length} (${percent(right.length, named.length)})`);
  for (const [via, n] of [...byVia].sort((a, b) => b[1] - a[1])) console.log(`    via ${via.padEnd(14)} ${n}`);
  console.log(`  wrong model:      ${count('wrong')}`);
  console.log(`  left unknown:     ${count('unresolved')}`);
  console.log(`  call not found:   ${count('missed call')}`);
  console.log(`  right and priced by the bundled table: ${priced.length} (${percent(priced.length, named.length)})`);
  console.log(`  modelSource at the labelled line: ${sourceRight} of ${right.length} right`);
  const unknown = rows.filter((r) => r.label.model === null);
  console.log(`Calls whose repository names no default: ${unknown.length}`);
  console.log(`  said unknown:     ${count('honest unknown')}`);
  console.log(`  given a model (invented): ${count('invented')}`);
  console.log(`  call not found:   ${count('unknown call missed')}`);
  if (unlabelled.length > 0) {
    console.log(`\nCalls found in scope without a label (${unlabelled.length}):`);
    for (const line of unlabelled) console.log(`  ${line}`);
  }
  if (problems.length > 0) {
    console.log('\nLabel problems:');
    for (const problem of problems) console.log(`  ${problem}`);
  }
}

function sourceMatches(record: CallRecord, source: string): boolean {
  const modelSource = (record as CallRecord & { modelSource?: { file: string; line: number } | null }).modelSource;
  return !!modelSource && `${modelSource.file}:${modelSource.line}` === source;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
