import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { ReportModel } from '../../../src/core/report';
import type { LlmCostLensApi } from '../../../src/editor/api';
import type { RenderedReport } from '../../../src/editor/report/protocol';
import { reportViewType } from '../../../src/editor/report/reportPanel';
import { extensionId, waitFor } from '../helpers';

const run = promisify(execFile);

/** `llm-cost-lens scan <folder> --format json`: the calls as the CLI prices them with that folder's settings. */
export async function cliScanCalls<Call = { file: string; monthlyUsd: { expected: number } | null }>(
  folder: string,
): Promise<Call[]> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension);
  const { stdout } = await run(
    process.execPath,
    [path.join(extension.extensionPath, 'dist', 'cli.js'), 'scan', '--format', 'json', folder],
    { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 16 * 1024 * 1024 },
  );
  return (JSON.parse(stdout) as { calls: Call[] }).calls;
}

/** The CLI's scan of the fixture workspace (its .vscode/settings.json read, as in the editor): calls and totals. */
export async function cliScan(): Promise<{ files: Set<string>; calls: number; unpriced: number; monthlyUsd: number }> {
  const calls = await cliScanCalls(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '');
  return {
    files: new Set(calls.map((c) => c.file)),
    calls: calls.length,
    unpriced: calls.filter((c) => c.monthlyUsd === null).length,
    monthlyUsd: calls.reduce((sum, c) => sum + (c.monthlyUsd?.expected ?? 0), 0),
  };
}

/** The report once its page has drawn figures computed after `after` (an ISO time), or any when not given. */
export async function drawn(
  lens: LlmCostLensApi,
  what: string,
  after?: string,
): Promise<{ posted: ReportModel; rendered: RenderedReport }> {
  return waitFor(
    () => {
      const view = lens.workspaceReport();
      const { posted, rendered } = view ?? {};
      if (!posted || !rendered || rendered.computedAt !== posted.computedAt) return undefined;
      if (after !== undefined && posted.computedAt <= after) return undefined;
      return { posted, rendered };
    },
    what,
    60_000,
  );
}

export const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** The report panels in the window's tabs (a webview tab's view type carries a prefix VS Code adds). */
export function reportTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(reportViewType));
}

/** A panel as VS Code gives one to the serializer after a reload: of the report's view type, with nothing in it. */
export function panelToRestore(): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(reportViewType, 'LLM Cost Report', vscode.ViewColumn.One, {});
}

/** Hands `panel` and a stored page state to the serializer the extension registered, as VS Code does. */
export async function restore(lens: LlmCostLensApi, panel: vscode.WebviewPanel, state: unknown): Promise<void> {
  const serializer = lens.workspaceReportSerializer();
  assert.ok(serializer, 'the report registers a panel serializer');
  await serializer.deserializeWebviewPanel(panel, state);
}
