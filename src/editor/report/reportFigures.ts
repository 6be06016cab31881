import type * as vscode from 'vscode';
import { reportModel, type ReportModel } from '../../core/report';
import type { CostSettings } from '../../core/cost';
import type { PriceTable } from '../../core/pricing';
import type { Finding } from '../../core/rules';
import { workspaceBill, type WorkspaceBill } from '../../core/workspace/bill';
import { mergeBills, type FolderBill } from '../../core/workspace/folderBills';
import { workspaceFindings } from '../../core/workspace/findings';
import { readAssumedModels } from '../assumedModels';
import { readRuleSettings } from '../findings/ruleSettings';
import { log } from '../log';
import { readCostSettings, readCostSources, type PricingService } from '../pricingService';
import { workspaceFileSystem } from '../workspaceFileSystem';
import { folderPrefix, type ReportScan } from './reportScan';
import { withUnsavedEdits } from './unsavedEdits';

/** The rules' findings on one folder's calls, with the estimates its bill made (the rules do not price again). */
async function folderFindings(
  scan: ReportScan,
  folder: vscode.WorkspaceFolder,
  bill: WorkspaceBill,
  context: { table: PriceTable; settings: CostSettings },
): Promise<Finding[]> {
  const prefix = folderPrefix(scan.folders, folder);
  const records = prefix
    ? bill.records.map((record) => ({ ...record, file: record.file.slice(prefix.length) }))
    : bill.records;
  const fs = withUnsavedEdits(workspaceFileSystem(folder.uri), folder.uri, scan.unsaved);
  const found = await workspaceFindings(records, fs, folder.uri.path, {
    table: context.table,
    costSettings: context.settings,
    costs: bill.costs,
    settings: readRuleSettings(folder.uri),
    onRuleError: (code, call, error) =>
      log().error(`Rule ${code} failed on ${call.file}:${call.line}; the other rules carry on:`, error),
  });
  return prefix ? found.map((f) => ({ ...f, file: `${prefix}${f.file}` })) : found;
}

/**
 * The report's figures from a scan. Each folder's calls are priced by the core's workspace bill exactly as
 * `llm-cost-lens scan <folder>` prices them: with that folder's own cost settings and their sources, price file,
 * price overrides and assumed models (the CLI reads them from that folder's .vscode/settings.json), and model
 * candidates from that folder's calls. The folders' bills are then merged (totals add up) and the rules run per folder.
 */
export async function reportFigures(scan: ReportScan, pricing: PricingService): Promise<ReportModel> {
  const parts: FolderBill[] = [];
  const findings: Finding[] = [];
  for (const [position, folder] of scan.folders.entries()) {
    const records = scan.records.filter((_, index) => scan.folderOf[index] === position);
    const table = pricing.tableFor(folder.uri);
    const settings = readCostSettings(folder.uri);
    const bill = workspaceBill(records, {
      table,
      settings,
      sources: readCostSources(folder.uri),
      assumedModels: readAssumedModels(folder.uri),
    });
    parts.push({
      folder: folder.name,
      bill,
      table,
      ...(pricing.hasOwnOverrides(folder.uri) ? { ownPriceOverrides: pricing.overriddenModels(folder.uri) } : {}),
    });
    if (records.length > 0) findings.push(...(await folderFindings(scan, folder, bill, { table, settings })));
  }
  return reportModel({
    bill: mergeBills(parts),
    findings,
    table: pricing.table(),
    priceOverrides: pricing.overriddenModels(),
    scope: {
      folders: scan.folders.map((f) => f.name),
      files: scan.files,
      skipped: scan.skipped,
      cancelled: scan.cancelled,
    },
    now: new Date(),
  });
}
