import type { CallRecord } from '../../core/analysis/types';
import { safeFix, type Finding } from '../../core/rules';
import { workspaceFindings, type WorkspaceFindingOptions } from '../../core/workspace/findings';
import type { FileSystem } from '../../core/workspace/fileSystem';
import { nodeFileSystem, toFileSystemPath } from '../../core/workspace/nodeFileSystem';

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

/**
 * The findings of a scan's calls (the core's workspace findings over Node's file system): each file with calls is
 * read again (through `fs`), decoded as the scan decodes it, and the rules run on its records.
 */
export function scanFindings(
  calls: readonly CallRecord[],
  root: string,
  options: WorkspaceFindingOptions,
  fs: FileSystem = nodeFileSystem,
): Promise<Finding[]> {
  return workspaceFindings(calls, fs, toFileSystemPath(root), options);
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
