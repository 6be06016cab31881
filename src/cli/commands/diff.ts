import { realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ExitCode, InputError, UsageError, type CliCommand, type CliIo } from '../command';
import { costFlagOptions, costFlagsUsage } from '../costFlags';
import { scanBothSides } from '../diff/baseScan';
import { openRepository, resolveCommit } from '../diff/gitRepository';
import { diffJson, diffMarkdown, diffTable } from '../diff/render';
import { jsonLayoutFor } from '../output/jsonLayout';
import { exitCodesLine } from '../errors';
import { ScanAnalyzer } from '../scan/analyzer';
import { defaultThreadCount } from '../scan/workerPool';
import { figureInputs, settingsFlagOptions, settingsFlagsUsage } from '../settings/figureInputs';
import { wasmDirectory } from '../wasmDir';
import { priceTableOptions, priceTableUsage } from '../priceTable';
import { diffCalls } from '../../core/diff/callDiff';
import { ParserHost } from '../../core/parsing/host';
import { WorkspaceIndex } from '../../core/project/workspaceIndex';
import { hostAnalyzer } from '../../core/workspace/analyzer';
import { workspaceBill } from '../../core/workspace/bill';
import { toFileSystemPath } from '../../core/workspace/nodeFileSystem';

const usage = `Usage: llm-cost-lens diff --base <revision> [folder] [--format table|markdown|json] [options]

The projected monthly cost of the LLM calls in the working tree against a git revision (a branch, tag or
commit), per call added, removed or changed (model swap, output limit, prompt size, a new loop, calls a
day). Calls are matched by file, enclosing function, SDK and API, then order, not by line: an edit above a
call or a function moved within its file reports nothing. Both sides are priced with the same settings
(the folder's .vscode/settings.json, then the flags) and prices, so the difference is the code's.
--format markdown is ready to post as a pull-request comment. git is run with everything the repository
configures switched off (hooks, fsmonitor, filters, external diff), and only reads.

Options:
  --base <revision>             what to compare with (required), e.g. main, origin/main, HEAD~1
  --format <f>                  table (default), markdown or json:
                                {baseMonthlyUsd, headMonthlyUsd, deltaMonthlyUsd,
                                 changes: [{file, line, kind, before, after, deltaMonthlyUsd}]}
${costFlagsUsage}
${priceTableUsage}
${settingsFlagsUsage}

${exitCodesLine('ok', 'usage', 'input')}
Not a git repository, an unknown revision, or a shallow clone without the base revision: exit 2.`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      base: { type: 'string' },
      format: { type: 'string', default: 'table' },
      ...costFlagOptions,
      ...priceTableOptions,
      ...settingsFlagOptions,
    },
    allowPositionals: true,
  });
  const format = values.format;
  if (format !== 'table' && format !== 'markdown' && format !== 'json') {
    throw new UsageError(`--format must be table, markdown or json, not '${format}'`);
  }
  if (values.base === undefined) throw new UsageError('--base <revision> is required');
  if (positionals.length > 1) throw new UsageError('diff takes one folder');
  const given = positionals[0] ?? '.';
  if (given === '') throw new UsageError('the folder must not be empty');
  const absolute = path.resolve(io.cwd, given);
  const info = statSync(absolute, { throwIfNoEntry: false });
  if (!info) throw new InputError('not-found', `no such folder: ${given}`);
  if (!info.isDirectory()) throw new UsageError(`diff compares a folder, and ${given} is not one`);
  // git names its top folder with links resolved: so must we, for paths to line up.
  const dir = realpathSync(absolute);
  const repository = await openRepository(dir);
  const commit = await resolveCommit(repository.top, values.base);
  const inputs = await figureInputs(values, dir, io);
  const host = new ParserHost(wasmDirectory());
  // Values are followed into the other files under the folder, on each side in its own revision, as scan does.
  const workspace = { root: toFileSystemPath(dir), roots: [toFileSystemPath(dir)] };
  const analyzer = new ScanAnalyzer(host, wasmDirectory(), defaultThreadCount(), workspace);
  let sides;
  try {
    sides = await scanBothSides(repository, dir, commit, values.base, {
      head: analyzer,
      base: (files) => hostAnalyzer(host, new WorkspaceIndex({ files, host, ...workspace })),
    });
  } finally {
    await analyzer.close();
    host.dispose();
  }
  // Each side priced as scan prices it (assumed models included), so the diff agrees with two scans.
  const figures = {
    table: inputs.table,
    settings: inputs.costSettings,
    sources: inputs.sources,
    assumedModels: inputs.assumedModels,
  };
  const diff = diffCalls(workspaceBill(sides.base, figures).calls, workspaceBill(sides.head, figures).calls);
  const base = { revision: values.base, commit };
  io.stdout(
    format === 'json'
      ? diffJson(diff, jsonLayoutFor(io))
      : format === 'markdown'
        ? diffMarkdown(diff, base)
        : diffTable(diff, base),
  );
  return ExitCode.ok;
}

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'The monthly cost of the working tree against a git revision, per call (table, markdown or JSON)',
  usage,
  run,
};
