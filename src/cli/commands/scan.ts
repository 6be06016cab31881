import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ExitCode, InputError, UsageError, type CliCommand, type CliIo } from '../command';
import { exitCodesLine } from '../errors';
import { workspaceBill } from '../../core/workspace/bill';
import { costFlagOptions, costFlagsUsage } from '../costFlags';
import { figureInputs, settingsFlagOptions, settingsFlagsUsage } from '../settings/figureInputs';
import { assumptionsLine, scanAssumptions } from '../scan/assumptions';
import type { CallRecord } from '../../core/analysis/types';
import type { Finding } from '../../core/rules';
import { costColumns, totalLine } from '../scan/costs';
import { defaultCacheFile, FileScanCache } from '../scan/fileCache';
import { outputKey, outsideReads, recordingFileSystem } from '../scan/outputMemo';
import { nodeFileSystem } from '../../core/workspace/nodeFileSystem';
import { findingJson, findingLine, findingsSummary, scanFindings } from '../scan/findings';
import { scanPaths, scanRoot, toJsonBytes, version } from '../scan/scan';
import { columns, renderTable } from '../scan/table';
import { gateFlagOptions, gateFlagsUsage, gateFromFlags, gateVerdict } from '../scan/gate';
import { findingsSarif } from '../scan/sarif';
import { wasmDirectory } from '../wasmDir';
import { printBytes } from '../output/safeIo';
import { jsonLayoutFor } from '../output/jsonLayout';
import { terminalSafeBytes } from '../output/terminalText';
import { openWorkTreeIndex } from '../git/workTreeIndex';
import { defaultThreadCount, maxThreads } from '../scan/workerPool';
import { priceTableOptions, priceTableUsage, pricesLine, tableJson } from '../priceTable';

const usage = `Usage: llm-cost-lens scan [paths...] [--format table|json|sarif] [options]

Finds the LLM SDK calls in Python, TypeScript and JavaScript files (directories are walked, skipping
node_modules, .git, virtualenvs, build output (build, out, dist, coverage at a project root) and what the
.gitignore files from each scanned folder down ignore; git itself is never run) and prices each one: input
tokens (≈ when estimated), dollars per call and per month, expected and worst case (max). Links are not
followed; unreadable folders, links, FIFOs and files that are not UTF-8 (UTF-16 with a byte-order mark is
read) are listed under skipped. Under each call, the cost rules' findings (docs/rules/); \`llm-cost-lens fix\`
applies their safe fixes. The llmCostLens.* settings come from the scanned folder's .vscode/settings.json, as
in the editor; flags override them.

Options:
  --format <f>                  table (default), json, or sarif (SARIF 2.1.0 of the findings, for code scanning);
                                JSON and SARIF are indented at a terminal, one line in a pipe or a file
${gateFlagsUsage}
${costFlagsUsage}
${priceTableUsage}
${settingsFlagsUsage}
  --cache                       keep each file's calls by the hash of its content, so unchanged files are not
                                parsed again on the next scan (like eslint --cache), and the last result, so
                                an unchanged tree with the same settings and prices is not priced again
  --cache-location <f>          the cache file (default ${defaultCacheFile} in the current folder); keep it out
                                of what a pull request can change
  --threads <n>                 worker threads for parsing when many files need it, besides the main thread
                                (default: one per core but one, at most ${maxThreads}); 0 parses on the main
                                thread only

${exitCodesLine('ok', 'failure', 'usage', 'input')}
With --budget or --fail-on, exit 1 means the budget is exceeded or such a finding exists.`;

function threadCount(text: string): number {
  const n = /^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n > 64)
    throw new UsageError(`--threads must be a whole number from 0 to 64, not '${text}'`);
  return n;
}

function saveCache(cache: FileScanCache | undefined, io: CliIo): void {
  try {
    cache?.save();
  } catch (error) {
    // The cache only saves time: the scan's result stands without it.
    io.stderr(`llm-cost-lens scan: could not write the cache ${cache?.file}: ${(error as Error).message}\n`);
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string', default: 'table' },
      ...costFlagOptions,
      ...priceTableOptions,
      ...settingsFlagOptions,
      ...gateFlagOptions,
      cache: { type: 'boolean', default: false },
      'cache-location': { type: 'string' },
      threads: { type: 'string' },
    },
    allowPositionals: true,
  });
  const format = values.format;
  if (format !== 'table' && format !== 'json' && format !== 'sarif') {
    throw new UsageError(`--format must be table, json or sarif, not '${format}'`);
  }
  const gate = gateFromFlags(values);
  const threads = values.threads === undefined ? defaultThreadCount() : threadCount(values.threads);
  for (const p of positionals) {
    if (p === '') throw new UsageError('a path must not be empty');
    if (!existsSync(path.resolve(io.cwd, p))) throw new InputError('not-found', `no such file or directory: ${p}`);
  }
  const root = scanRoot(positionals, io.cwd);
  const {
    costSettings: settings,
    sources,
    table,
    rules,
    assumedModels,
    settingsFile,
    priceOverrides,
  } = await figureInputs(values, root, io);
  const cacheLocation = values['cache-location'];
  if (cacheLocation === '') throw new UsageError('--cache-location must not be empty');
  const cache =
    values.cache || cacheLocation !== undefined
      ? FileScanCache.open(path.resolve(io.cwd, cacheLocation ?? defaultCacheFile), root, version, () =>
          openWorkTreeIndex(root),
        )
      : undefined;
  const result = await scanPaths(positionals, {
    cwd: io.cwd,
    wasmDir: wasmDirectory(),
    cache,
    walkMemo: cache,
    threads,
  });
  // Everything the printed result is computed from besides the files' contents (which the scan digest covers).
  const flags = Object.entries(values).filter(([name]) => name !== 'cache' && name !== 'cache-location');
  const layout = jsonLayoutFor(io);
  const key = cache
    ? outputKey({
        version,
        cwd: io.cwd,
        flags,
        // The table is the same at a terminal and in a pipe: only JSON and SARIF are stored per layout.
        layout: format === 'table' ? null : layout,
        positionals,
        root: result.root,
        files: result.files,
        skipped: result.skipped,
        scan: cache.scanDigest(),
        inputs: { settings, sources, table, rules, assumedModels, settingsFile },
        prices: [tableJson(table, io), pricesLine(table, io)],
      })
    : undefined;
  const stored = key === undefined ? undefined : cache?.storedOutput(key);
  if (stored) {
    saveCache(cache, io);
    printBytes(io, stored.text);
    for (const line of stored.verdict.lines) io.stderr(`${line}\n`);
    return stored.verdict.failed ? ExitCode.failure : ExitCode.ok;
  }
  // With --cache, prompts counted in an earlier scan are not counted again (no tokenizer table is loaded).
  const count = cache ? { store: cache.tokenCounts } : undefined;
  // Priced as the editor's workspace report prices them: assumed models, candidates, costs, totals.
  const bill = workspaceBill(result.calls, { table, settings, sources, assumedModels, count });
  const { records, calls, totals, costs } = bill;
  // The files the rules read besides the scanned ones (package.json above them) are noted for the stored result.
  const reading = recordingFileSystem(nodeFileSystem);
  const findings = await scanFindings(
    records,
    result.root,
    { table, costSettings: settings, settings: rules, costs, count },
    reading.fs,
  );
  const costed = { ...result, calls, findings: findings.map(findingJson) };
  const assumed = scanAssumptions(bill.assumptions);
  // The whole output is built before any of it is printed: nothing can fail once a result is out. It is printed as
  // UTF-8 with every control escaped, as the io would print the text (a JSON document has none to escape).
  let printed: Buffer;
  if (format === 'json') printed = toJsonBytes(costed, layout, { assumptions: assumed, prices: tableJson(table, io) });
  else if (format === 'sarif')
    printed = terminalSafeBytes(await findingsSarif(findings, result.root, version, layout, rules));
  else {
    // A notebook's lines count from each cell's start: the cell is part of where a call is.
    const where = (at: { file: string; cell?: number; line: number; column: number }): string =>
      `${at.file}:${at.cell ?? ''}:${at.line}:${at.column}`;
    const byCall = new Map<string, Finding[]>();
    for (const finding of findings) byCall.set(where(finding), [...(byCall.get(where(finding)) ?? []), finding]);
    const under = (call: CallRecord): string[] => (byCall.get(where(call)) ?? []).map(findingLine);
    let output = renderTable(costed, [...columns, ...costColumns], under);
    if (calls.length > 0) {
      const footer = [
        findingsSummary(findings),
        pricesLine(table, io, priceOverrides),
        totalLine(totals),
        assumptionsLine(bill.assumptions),
      ];
      output += `${footer.join('\n')}\n`;
    }
    if (settingsFile) output += `Settings from ${settingsFile}.\n`;
    printed = terminalSafeBytes(output);
  }
  const verdict = gateVerdict(gate, totals, findings);
  if (cache && key !== undefined) {
    // Kept as printed: a re-scan writes the bytes out unless they hold a control or a key (see safeIo).
    cache.keepOutput(
      { key, verdict, reads: outsideReads(reading.touched, result.root, (file) => cache.covers(file)) },
      printed,
    );
    saveCache(cache, io);
  }
  // The io checks the bytes for controls and keys with a byte scan and hides a key as it would in the text.
  printBytes(io, printed);
  // On stderr, so that JSON and SARIF on stdout stay documents.
  for (const line of verdict.lines) io.stderr(`${line}\n`);
  return verdict.failed ? ExitCode.failure : ExitCode.ok;
}

export const scanCommand: CliCommand = {
  name: 'scan',
  summary: 'List the LLM calls in files and directories (table or JSON)',
  usage,
  run,
};
