import * as vscode from 'vscode';
import type { ParserHost } from '../../core/parsing';
import { CommandIds } from '../commandIds';
import type { PricingService } from '../pricingService';
import type { WorkspaceIndexService } from '../workspaceIndexService';
import type { ExportFormat } from './protocol';
import { WorkspaceReport } from './workspaceReport';

/** The workspace cost report and its commands, owned by the extension context. */
export function registerWorkspaceReport(
  context: vscode.ExtensionContext,
  services: { parserHost: () => ParserHost; pricing: PricingService; workspaceIndex: WorkspaceIndexService },
): WorkspaceReport {
  const report = new WorkspaceReport(
    context.extensionUri,
    { parserHost: services.parserHost, index: services.workspaceIndex },
    services.pricing,
  );
  context.subscriptions.push(
    report,
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
  return report;
}
