import * as path from 'node:path';
import { maxFileBytes } from '../analysis/analyze';
import { isNotebookPath, maxNotebookBytes, notebookFromJson } from '../analysis/notebook';
import type { CallRecord, LanguageId } from '../analysis/types';
import type { CallCost, CostSettings } from '../cost';
import type { CountOptions } from '../tokens/count';
import { languageIdForPath } from '../parsing/languages';
import type { PriceTable } from '../pricing';
import { findIssues, type Finding, type RuleCode, type RuleSettings } from '../rules';
import { decodeSource } from './decode';
import { joinPath, type FileSystem } from './fileSystem';
import { ProjectManifests } from './projectInfo';

export interface WorkspaceFindingOptions {
  table: PriceTable;
  costSettings: CostSettings;
  settings?: RuleSettings;
  only?: readonly RuleCode[];
  /**
   * The calls' costs in the same order, when the caller has estimated them already: the rules reuse them (the
   * settings' sources in them only say where assumed values came from, which no rule reads).
   */
  costs?: readonly CallCost[];
  /** How tokens are counted (`scan --cache`: with the counts kept from earlier scans). */
  count?: CountOptions;
  /** A rule that failed on a call (a bug): the scan goes on without that finding. */
  onRuleError?: (code: RuleCode, call: CallRecord, error: unknown) => void;
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
 * The rules' findings of a scan's calls (paths relative to `root`): each file with calls is read again through
 * `fs` (decoded as the scan decodes it, so the offsets match; a notebook cell by cell) and the rules run on its
 * records. A file that
 * cannot be read again gives no findings. The CLI's scan and the editor's workspace report both use it.
 */
export async function workspaceFindings(
  calls: readonly CallRecord[],
  fs: FileSystem,
  root: string,
  options: WorkspaceFindingOptions,
): Promise<Finding[]> {
  const byFile = new Map<string, CallRecord[]>();
  for (const call of calls) {
    const list = byFile.get(call.file) ?? [];
    list.push(call);
    byFile.set(call.file, list);
  }
  const costOf = new Map<CallRecord, CallCost>();
  options.costs?.forEach((cost, index) => costOf.set(calls[index] as CallRecord, cost));
  const projects = new ProjectManifests(fs);
  const findings: Finding[] = [];
  for (const [file, records] of byFile) {
    // `../x.py` for a file given outside the root.
    const absolute = path.posix.normalize(joinPath(root, file));
    let decoded: ReturnType<typeof decodeSource>;
    try {
      decoded = decodeSource(await fs.readFile(absolute, isNotebookPath(absolute) ? maxNotebookBytes : maxFileBytes));
    } catch {
      continue;
    }
    if ('problem' in decoded) continue;
    const project = await projects.infoFor(absolute);
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
          project,
          only: options.only,
          count: options.count,
          onRuleError: options.onRuleError,
        }),
      );
    }
  }
  return findings;
}
