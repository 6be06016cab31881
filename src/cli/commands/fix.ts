import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { maxFileBytes, mentionsLlmSdk, skipReason } from '../../core/analysis/analyze';
import { isNotebookPath, maxNotebookBytes } from '../../core/analysis/notebook';
import { ParserHost } from '../../core/parsing/host';
import { languageIdForPath } from '../../core/parsing/languages';
import { isRuleCode, ruleCodes, rules, safeFix, type Finding, type RuleCode } from '../../core/rules';
import { fixNotebook } from '../../core/rules/fixNotebook';
import { fixText, type FixOptions, type FixTextResult } from '../../core/rules/fixText';
import { nodeFileSystem, toFileSystemPath } from '../../core/workspace/nodeFileSystem';
import { listSourceFiles } from '../../core/workspace/walk';
import { ExitCode, InputError, UsageError, type CliCommand, type CliIo } from '../command';
import { costFlagOptions, costFlagsUsage } from '../costFlags';
import { exitCodesLine } from '../errors';
import { replaceFileContent } from '../fix/writeFile';
import { printable, safeJson } from '../output/terminalText';
import { jsonLayoutFor } from '../output/jsonLayout';
import { findingJson, type FindingJson } from '../scan/findings';
import { ProjectManifests } from '../../core/workspace/projectInfo';
import { scanRoot, workspaceRoots } from '../scan/scan';
import { wasmDirectory } from '../wasmDir';
import { priceTableOptions, priceTableUsage } from '../priceTable';
import { figureInputs, settingsFlagOptions, settingsFlagsUsage } from '../settings/figureInputs';
import { diskFiles } from '../../core/project/projectFiles';
import { WorkspaceIndex } from '../../core/project/workspaceIndex';

const usage = `Usage: llm-cost-lens fix [paths...] [--rule <code>]... [--dry-run] [--format table|json] [options]

Applies the safe fixes of the cost rules in place, like eslint --fix: output limits, max_completion_tokens
for reasoning models, cache_control on cacheable prompts, static text before changing parts. Each file is
fixed in passes until nothing changes, must parse with no new syntax errors, and is written in one step; a
file that cannot be fixed safely is left untouched and listed (files not in UTF-8 are not read), and a fix
whose edit does not reach the call (the call still has the problem after it) is left out and listed while the
file's other fixes apply. Findings without a safe fix (another model, a batch API) are listed, not applied.
The findings and their fixes are the scan's: values are followed into other files, and the llmCostLens.*
settings come from the folder's .vscode/settings.json (rule severities, the limits the fix writes per task),
with the flags over them.

Options:
  --rule <code>                 only this rule (repeatable; the codes are listed below)
  --dry-run                     say what would change, write nothing
  --format <f>                  table (default) or json
${costFlagsUsage}
${priceTableUsage}
${settingsFlagsUsage}

Rules (docs/rules/<code>.md):
${rules.map((r) => `  ${r.code.padEnd(30)}${(r.fixable === 'safe' ? 'fixed' : 'listed').padEnd(8)}${r.title}`).join('\n')}

${exitCodesLine('ok', 'failure', 'usage', 'input')} A file that could not be fixed or written exits 1.`;

interface FileReport {
  file: string;
  /** `cell` in a notebook: the line is then the cell's own. */
  fixes: { code: string; cell?: number; line: number; column: number; title: string }[];
}

interface FixReport {
  dryRun: boolean;
  /** Files changed (or that would change). */
  files: FileReport[];
  /** Files with fixes that were left as they were, and why. */
  untouched: { file: string; reason: string }[];
  /** Findings with no safe fix, after fixing. */
  remaining: FindingJson[];
}

const byteOrderMark = '\ufeff';

function parseRules(values: string[] | undefined): RuleCode[] | undefined {
  if (!values || values.length === 0) return undefined;
  for (const code of values) {
    if (!isRuleCode(code)) throw new UsageError(`no rule '${code}'; rules: ${ruleCodes.join(', ')}`);
  }
  return values as RuleCode[];
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      rule: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean', default: false },
      format: { type: 'string', default: 'table' },
      ...costFlagOptions,
      ...priceTableOptions,
      ...settingsFlagOptions,
    },
    allowPositionals: true,
  });
  const format = values.format;
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json, not '${format}'`);
  const only = parseRules(values.rule);
  for (const p of positionals) {
    if (p === '') throw new UsageError('a path must not be empty');
    if (!existsSync(path.resolve(io.cwd, p))) throw new InputError('not-found', `no such file or directory: ${p}`);
  }
  const dryRun = values['dry-run'] === true;
  const root = scanRoot(positionals, io.cwd);
  const {
    costSettings,
    table,
    rules: ruleSettings,
    assumedModels,
  } = await figureInputs({ ...values, rule: undefined }, root, io);
  const starts = (positionals.length > 0 ? positionals : ['.']).map((p) => toFileSystemPath(path.resolve(io.cwd, p)));
  const files = await listSourceFiles(nodeFileSystem, starts);
  const report: FixReport = { dryRun, files: [], untouched: [], remaining: [] };
  const projects = new ProjectManifests(nodeFileSystem);
  const host = new ParserHost(wasmDirectory());
  // The scan's view of each file: models, limits and prompts followed into the other files.
  const index = new WorkspaceIndex({
    files: diskFiles(),
    host,
    roots: workspaceRoots(root, starts),
    root: toFileSystemPath(root),
  });
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    await index.prepare();
    for (const file of files) {
      const notebook = isNotebookPath(file);
      const languageId = languageIdForPath(file);
      const relative = path.relative(root, file).split(path.sep).join('/') || path.basename(file);
      if (!languageId && !notebook) continue;
      let bytes: Uint8Array;
      try {
        bytes = await nodeFileSystem.readFile(file, notebook ? maxNotebookBytes : maxFileBytes);
      } catch {
        continue;
      }
      let raw: string;
      try {
        // Exactly as written (a byte-order mark and lone carriage returns kept), so that only the fixes change.
        raw = decoder.decode(bytes);
      } catch {
        continue;
      }
      const bom = raw.startsWith(byteOrderMark);
      const text = bom ? raw.slice(1) : raw;
      if (!mentionsLlmSdk(text) || (!notebook && skipReason(text))) continue;
      const options: FixOptions = {
        table,
        costSettings,
        settings: ruleSettings,
        assumedModels,
        around: { workspace: index, path: index.absolute(relative) },
        project: await projects.infoFor(file),
        only,
        onRuleError: (code, call, error) =>
          io.stderr(
            `llm-cost-lens fix: rule ${code} failed on ${call.file}:${call.line} (${String(error)}); please report it\n`,
          ),
      };
      let result: Omit<FixTextResult, 'text'> & { text: string };
      if (notebook) {
        // A notebook the scan skips (not JSON, another kernel) is the scan's to report.
        const fixed = await fixNotebook(text, relative, host, options);
        if ('skipped' in fixed) continue;
        result = { ...fixed, text: fixed.json };
      } else {
        result = await fixText(text, languageId as NonNullable<typeof languageId>, relative, host, options);
      }
      // Between files: the parsed modules beyond the budget are freed.
      index.trim();
      // Positions in the text as it will be: fixed, or as it is on a dry run.
      const left = dryRun || result.refused ? result.initial : result.remaining;
      report.remaining.push(...left.filter((f) => !safeFix(f)).map(findingJson));
      if (result.refused) {
        report.untouched.push({ file: relative, reason: result.refused });
        continue;
      }
      for (const { finding, reason } of result.notTaken ?? []) {
        const cell = finding.cell !== undefined ? ` (cell ${finding.cell})` : '';
        report.untouched.push({ file: `${relative}${cell}:${finding.line}`, reason });
      }
      if (result.applied.length === 0) continue;
      if (!dryRun) {
        try {
          replaceFileContent(file, bytes, Buffer.from(bom ? byteOrderMark + result.text : result.text, 'utf8'));
          // The files analysed after it read its new text.
          index.invalidate(index.absolute(relative));
        } catch (error) {
          report.untouched.push({ file: relative, reason: error instanceof Error ? error.message : String(error) });
          continue;
        }
      }
      report.files.push({
        file: relative,
        fixes: result.applied.map(({ finding, fix }: { finding: Finding; fix: { title: string } }) => ({
          code: finding.code,
          ...(finding.cell !== undefined ? { cell: finding.cell } : {}),
          line: finding.line,
          column: finding.column,
          title: fix.title,
        })),
      });
    }
  } finally {
    index.dispose();
    host.dispose();
  }
  io.stdout(format === 'json' ? safeJson({ ...report }, jsonLayoutFor(io)) : renderReport(report));
  return report.untouched.length > 0 ? ExitCode.failure : ExitCode.ok;
}

function renderReport(report: FixReport): string {
  const out: string[] = [];
  const verb = report.dryRun ? 'would fix' : 'fixed';
  let count = 0;
  for (const file of report.files) {
    out.push(`${verb} ${printable(file.file)}:`);
    for (const fix of file.fixes) {
      const cell = fix.cell !== undefined ? `cell ${fix.cell} ` : '';
      out.push(`  ${cell}${fix.line}:${fix.column}  ${fix.code}: ${printable(fix.title)}`);
      count++;
    }
  }
  if (report.untouched.length > 0) {
    out.push('left untouched:');
    for (const entry of report.untouched) out.push(`  ${printable(entry.file)}: ${printable(entry.reason)}`);
  }
  if (report.remaining.length > 0) {
    out.push('not fixed automatically (no edit is safe without a choice of yours; each message says what to change):');
    for (const finding of report.remaining) {
      out.push(
        `  ${printable(finding.file)}${finding.cell !== undefined ? ` (cell ${finding.cell})` : ''}:${finding.line}:${finding.column}  ${finding.severity} ${finding.code}: ${printable(finding.message)}`,
      );
    }
  }
  const files = report.files.length;
  const summary = report.dryRun
    ? `Would fix ${count} finding${count === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (dry run: nothing written).`
    : `Fixed ${count} finding${count === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}.`;
  out.push(summary);
  return `${out.join('\n')}\n`;
}

export const fixCommand: CliCommand = {
  name: 'fix',
  summary: 'Apply the safe fixes of the cost rules in place (--dry-run to preview)',
  usage,
  run,
};
