import type * as vscode from 'vscode';
import { reportModel, type ReportModel } from '../../core/report';
import type { Finding } from '../../core/rules';
import { workspaceBill } from '../../core/workspace/bill';
import { workspaceFindings } from '../../core/workspace/findings';
import { readAssumedModels } from '../assumedModels';
import { readRuleSettings } from '../findings/ruleSettings';
import { log } from '../log';
import { readCostSettings, readCostSources, type PricingService } from '../pricingService';
import { workspaceFileSystem } from '../workspaceFileSystem';
import { folderPrefix, type ReportScan } from './reportScan';
import { withUnsavedEdits } from './unsavedEdits';

/**
 * The report's figures from a scan: priced by the core's workspace bill exactly as the CLI's scan prices them
 * (the price table in force, the cost settings and assumed models of the first folder, as the CLI reads them from
 * that folder's .vscode/settings.json), and the rules' findings per folder.
 */
export async function reportFigures(scan: ReportScan, pricing: PricingService): Promise<ReportModel> {
  const scope: vscode.Uri | undefined = scan.folders[0]?.uri;
  const table = pricing.table();
  const settings = readCostSettings(scope);
  const bill = workspaceBill(scan.records, {
    table,
    settings,
    sources: readCostSources(scope),
    assumedModels: readAssumedModels(scope),
  });
  const findings: Finding[] = [];
  for (const [position, folder] of scan.folders.entries()) {
    const prefix = folderPrefix(scan.folders, folder);
    const inFolder = scan.folderOf.flatMap((folderIndex, index) => (folderIndex === position ? [index] : []));
    if (inFolder.length === 0) continue;
    const records = inFolder.map((index) => {
      const record = bill.records[index];
      return prefix ? { ...record, file: record.file.slice(prefix.length) } : record;
    });
    const fs = withUnsavedEdits(workspaceFileSystem(folder.uri), folder.uri, scan.unsaved);
    const found = await workspaceFindings(records, fs, folder.uri.path, {
      table,
      costSettings: settings,
      // The estimates the bill made: the rules do not price the calls again.
      costs: inFolder.map((index) => bill.costs[index]),
      settings: readRuleSettings(folder.uri),
      onRuleError: (code, call, error) =>
        log().error(`Rule ${code} failed on ${call.file}:${call.line}; the other rules carry on:`, error),
    });
    findings.push(...found.map((f) => (prefix ? { ...f, file: `${prefix}${f.file}` } : f)));
  }
  return reportModel({
    bill,
    findings,
    table,
    scope: {
      folders: scan.folders.map((f) => f.name),
      files: scan.files,
      skipped: scan.skipped,
      cancelled: scan.cancelled,
    },
    now: new Date(),
  });
}
