import * as path from 'node:path';
import { maxFileBytes } from '../../core/analysis/analyze';
import type { CallRecord } from '../../core/analysis/types';
import type { CostSettings } from '../../core/cost';
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
  /** A rule that failed on a call (a bug): the scan goes on without that finding. */
  onRuleError?: (code: RuleCode, call: CallRecord, error: unknown) => void;
}

/** A finding in `scan --format json`: exactly these keys, offsets into the file's text. */
export interface FindingJson {
  code: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  message: string;
  fixes: { title: string; edits: { start: number; end: number; newText: string }[] }[];
}

export function findingJson(finding: Finding): FindingJson {
  const { code, severity, file, line, column, message } = finding;
  const fixes = finding.fixes.map((fix) => ({
    title: fix.title,
    edits: fix.edits.map(({ start, end, newText }) => ({ start, end, newText })),
  }));
  return { code, severity, file, line, column, message, fixes };
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
  const projects = new ProjectInfoReader();
  const findings: Finding[] = [];
  for (const [file, records] of byFile) {
    const absolute = path.resolve(root, file);
    const languageId = languageIdForPath(absolute);
    if (!languageId) continue;
    let decoded: ReturnType<typeof decodeSource>;
    try {
      decoded = decodeSource(await nodeFileSystem.readFile(absolute, maxFileBytes));
    } catch {
      continue;
    }
    if ('problem' in decoded) continue;
    const { text } = decoded;
    findings.push(
      ...findIssues({
        text,
        languageId,
        calls: records,
        table: options.table,
        costSettings: options.costSettings,
        settings: options.settings,
        project: projects.infoFor(absolute),
        only: options.only,
        onRuleError: options.onRuleError,
      }),
    );
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
