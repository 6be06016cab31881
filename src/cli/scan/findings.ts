import * as path from 'node:path';
import { maxFileBytes } from '../../core/analysis/analyze';
import { isNotebookPath, maxNotebookBytes, notebookFromJson } from '../../core/analysis/notebook';
import type { CallRecord, LanguageId } from '../../core/analysis/types';
import type { CallCost, CostSettings } from '../../core/cost';
import { languageIdForPath } from '../../core/parsing/languages';
import type { PriceTable } from '../../core/pricing';
import { findIssues, safeFix, type Finding, type RuleCode, type RuleSettings } from '../../core/rules';
import { decodeSource } from '../../core/workspace/decode';
import { nodeFileSystem } from '../../core/workspace/nodeFileSystem';
import { ProjectInfoReader } from './project';

export interface FindingOptions {
  table: PriceTable;
  costSettings: CostSettings;
  settings?: RuleSettings;
  only?: readonly RuleCode[];
  /**
   * The calls' costs in the same order, when the caller has estimated them already: the rules reuse them (the
   * settings' sources in them only say where assumed values came from, which no rule reads).
   */
  costs?: readonly CallCost[];
  /** A rule that failed on a call (a bug): the scan goes on without that finding. */
  onRuleError?: (code: RuleCode, call: CallRecord, error: unknown) => void;
}

/**
 * A finding in `scan --format json`: exactly these keys, offsets into the file's text. In a notebook `cell` is
 * added after `column`: line and offsets are then those of the cell's source.
 */
export interface FindingJson {
  code: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  cell?: number;
  message: string;
  fixes: { title: string; edits: { start: number; end: number; newText: string }[] }[];
}

export function findingJson(finding: Finding): FindingJson {
  const { code, severity, file, line, column, message } = finding;
  const fixes = finding.fixes.map((fix) => ({
    title: fix.title,
    edits: fix.edits.map(({ start, end, newText }) => ({ start, end, newText })),
  }));
  const cell = finding.cell !== undefined ? { cell: finding.cell } : {};
  return { code, severity, file, line, column, ...cell, message, fixes };
}

/** The texts the rules read for a file's records: the file, or each notebook cell with that cell's records. */
function textsOf(
  absolute: string,
  decoded: string,
  records: CallRecord[],
): { text: string; languageId: LanguageId; calls: CallRecord[] }[] {
  if (!isNotebookPath(absolute)) {
    const languageId = languageIdForPath(absolute);
    return languageId ? [{ text: decoded, languageId, calls: records }] : [];
  }
  const code = notebookFromJson(decoded);
  if ('skipped' in code) return [];
  return code.cells.flatMap((span) => {
    const calls = records.filter((r) => r.cell === span.cell);
    return calls.length > 0
      ? [{ text: code.text.slice(span.start, span.end), languageId: code.languageId, calls }]
      : [];
  });
}

/**
 * The findings of a scan's calls: each file with calls is read again (decoded as the scan decodes it, so the
 * offsets match) and the rules run on its records. A file that cannot be read again gives no findings.
 */
export async function scanFindings(
  calls: readonly CallRecord[],
  root: string,
  options: FindingOptions,
): Promise<Finding[]> {
  const byFile = new Map<string, CallRecord[]>();
  for (const call of calls) {
    const list = byFile.get(call.file) ?? [];
    list.push(call);
    byFile.set(call.file, list);
  }
  const costOf = new Map<CallRecord, CallCost>();
  options.costs?.forEach((cost, index) => costOf.set(calls[index] as CallRecord, cost));
  const projects = new ProjectInfoReader();
  const findings: Finding[] = [];
  for (const [file, records] of byFile) {
    const absolute = path.resolve(root, file);
    let decoded: ReturnType<typeof decodeSource>;
    try {
      decoded = decodeSource(
        await nodeFileSystem.readFile(absolute, isNotebookPath(absolute) ? maxNotebookBytes : maxFileBytes),
      );
    } catch {
      continue;
    }
    if ('problem' in decoded) continue;
    for (const { text, languageId, calls: inText } of textsOf(absolute, decoded.text, records)) {
      const costs = inText.map((call) => costOf.get(call));
      findings.push(
        ...findIssues({
          text,
          languageId,
          calls: inText,
          costs: costs.every((cost) => cost !== undefined) ? costs : undefined,
          table: options.table,
          costSettings: options.costSettings,
          settings: options.settings,
          project: projects.infoFor(absolute),
          only: options.only,
          onRuleError: options.onRuleError,
        }),
      );
    }
  }
  return findings;
}

/** One finding under its call in the table: severity, code, message, and the fix `llm-cost-lens fix` applies. */
export function findingLine(finding: Finding): string {
  const fix = safeFix(finding);
  const offered = finding.fixes.length > 0 && !fix ? ' [fixes offered in the editor]' : '';
  return `${finding.severity} ${finding.code}: ${finding.message}${fix ? ` [fix: ${fix.title}]` : offered}`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `5 findings (1 error, 3 warnings, 1 info); 3 fixable with llm-cost-lens fix.` */
export function findingsSummary(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No findings.';
  const counts = (['error', 'warning', 'info', 'hint'] as const)
    .map((severity) => [severity, findings.filter((f) => f.severity === severity).length] as const)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => (severity === 'info' ? `${n} info` : plural(n, severity)));
  const fixable = findings.filter((f) => safeFix(f)).length;
  const tail = fixable > 0 ? `; ${fixable} fixable with \`llm-cost-lens fix\`` : '';
  return `${plural(findings.length, 'finding')} (${counts.join(', ')})${tail}.`;
}
