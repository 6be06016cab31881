import * as vscode from 'vscode';
import { reportCsv, reportJson, type ReportModel } from '../../core/report';
import type { ExportFormat } from './protocol';

const filters: Record<ExportFormat, Record<string, string[]>> = { csv: { CSV: ['csv'] }, json: { JSON: ['json'] } };

/**
 * Writes the report as CSV or JSON to `target`, or where the save dialog says (beside the first workspace
 * folder by default). Returns where it wrote, or undefined when the dialog was closed.
 */
export async function exportReport(
  model: ReportModel,
  format: ExportFormat,
  target?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri =
    target ??
    (await vscode.window.showSaveDialog({
      title: `Export the LLM cost report as ${format.toUpperCase()}`,
      saveLabel: 'Export',
      defaultUri: folder && vscode.Uri.joinPath(folder, `llm-cost-report.${format}`),
      filters: filters[format],
    }));
  if (!uri) return undefined;
  const text = format === 'csv' ? reportCsv(model) : reportJson(model);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}
