import * as vscode from 'vscode';
import type { ParserHost } from '../../core/parsing';
import { CommandIds } from '../commandIds';
import type { PricingService } from '../pricingService';
import type { WorkspaceIndexService } from '../workspaceIndexService';
import type { ExportFormat } from './protocol';
import { reportViewType } from './reportPanel';
import { WorkspaceReport } from './workspaceReport';

export interface RegisteredReport {
  report: WorkspaceReport;
  /** Gives the panel back after a window reload (the one registered for the report's view type). */
  serializer: vscode.WebviewPanelSerializer;
}

/** The workspace cost report, its commands and its panel serializer, owned by the extension context. */
export function registerWorkspaceReport(
  context: vscode.ExtensionContext,
  services: { parserHost: () => ParserHost; pricing: PricingService; workspaceIndex: WorkspaceIndexService },
): RegisteredReport {
  const report = new WorkspaceReport(
    context.extensionUri,
    { parserHost: services.parserHost, index: services.workspaceIndex },
    services.pricing,
  );
  const serializer: vscode.WebviewPanelSerializer = {
    deserializeWebviewPanel: async (panel, state: unknown) => report.restore(panel, state),
  };
  context.subscriptions.push(
    report,
    vscode.window.registerWebviewPanelSerializer(reportViewType, serializer),
    vscode.commands.registerCommand(CommandIds.showWorkspaceReport, () => report.show()),
    vscode.commands.registerCommand(CommandIds.exportWorkspaceReport, async (format?: unknown, target?: unknown) => {
      const chosen: ExportFormat | undefined =
        format === 'csv' || format === 'json'
          ? format
          : (
              await vscode.window.showQuickPick(
                [
                  { label: 'CSV', description: 'every call, one row each', format: 'csv' as const },
                  {
                    label: 'JSON',
                    description: 'totals, breakdowns, every call and its findings',
                    format: 'json' as const,
                  },
                ],
                { title: 'Export the LLM cost report as' },
              )
            )?.format;
      if (chosen) await report.export(chosen, target instanceof vscode.Uri ? target : undefined);
    }),
  );
  return { report, serializer };
}
