import * as vscode from 'vscode';
import { callSummary, formatUsdShort, notPricedReason, plural } from '../core/cost';
import { CommandIds } from './commandIds';
import { onSettingsChanged, surfaceEnabled } from './config';
import type { DocumentModel, DocumentState } from './documentModel';
import type { PricingService, PricingStatus } from './pricingService';

/** The calls of a state, most expensive per month first; calls without a price last. */
export function callsByMonthlyCost(state: DocumentState): number[] {
  const order = state.calls.map((_, i) => i);
  const monthly = (i: number): number => state.costs[i].monthlyUsd?.expected ?? -1;
  return order.sort((a, b) => monthly(b) - monthly(a) || state.calls[a].range.start - state.calls[b].range.start);
}

/** `$126/mo`, or `≥$126/mo` when some calls could not be priced (the total is then a lower bound). */
export function statusText(state: DocumentState): string {
  const total = state.monthlyTotal();
  if (total.priced === 0) return '$(credit-card) cost unknown';
  return `$(credit-card) ${total.unpriced > 0 ? '≥' : ''}${formatUsdShort(total.expected)}/mo`;
}

export function statusTooltip(state: DocumentState, pricing: PricingStatus): vscode.MarkdownString {
  const total = state.monthlyTotal();
  const calls = state.calls.length;
  const lines = [`**LLM cost of this file** — ${calls} call${calls === 1 ? '' : 's'}`, ''];
  if (total.priced > 0) {
    // A call without a limit on a model whose max output is unknown has no worst case: nor has the sum.
    const worst = total.worst === null ? 'unknown' : `${formatUsdShort(total.worst)}/mo`;
    lines.push(`${formatUsdShort(total.expected)}/mo expected · worst case ${worst}`, '');
  }
  if (total.unpriced > 0) {
    lines.push(`${plural(total.unpriced, 'call')} not priced: ${notPricedReason(total)}`, '');
  }
  const top = callsByMonthlyCost(state)
    .filter((i) => state.costs[i].monthlyUsd)
    .slice(0, 5);
  if (top.length > 0) {
    lines.push('| line | call | per month |', '|---:|---|---:|');
    for (const i of top) {
      const call = state.calls[i];
      const monthly = state.costs[i].monthlyUsd?.expected ?? 0;
      lines.push(`| ${call.line} | ${call.model ?? '?'} \`${call.api}\` | ${formatUsdShort(monthly)} |`);
    }
    lines.push('');
  }
  lines.push(`*Prices: ${pricing.source}*`);
  if (pricing.problem) lines.push('', `$(warning) ${pricing.problem}`);
  if (pricing.stale) lines.push('', `$(warning) ${pricing.stale}`);
  lines.push('', 'Click to list every call by cost, or to open the workspace cost report.');
  return new vscode.MarkdownString(lines.join('\n'), true);
}

/** The active file's monthly total in the status bar; hidden for files without calls. */
export class CostStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[];
  private updating = 0;

  constructor(
    private readonly model: DocumentModel,
    private readonly pricing: PricingService,
  ) {
    this.item = vscode.window.createStatusBarItem('llmCostLens.fileTotal', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'LLM Cost Lens: monthly cost of this file';
    this.item.command = CommandIds.showFileCalls;
    this.disposables = [
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      model.onDidChange((uri) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (!uri || uri.toString() === active) this.update();
      }),
      onSettingsChanged(['statusBar.enabled'], () => this.update()),
    ];
    this.update();
  }

  /** What the item shows now (for tests): undefined when hidden. */
  shown(): { text: string; tooltip: string } | undefined {
    if (!this.visible) return undefined;
    const tooltip = this.item.tooltip;
    return { text: this.item.text, tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '') };
  }

  private visible = false;

  private show(state: DocumentState): void {
    this.item.text = statusText(state);
    this.item.tooltip = statusTooltip(state, this.pricing.status(state.uri));
    this.item.accessibilityInformation = {
      label: `LLM cost of this file: ${state.monthlyTotal().expected.toFixed(2)} dollars a month`,
    };
    this.item.show();
    this.visible = true;
  }

  private hide(): void {
    this.item.hide();
    this.visible = false;
  }

  async update(): Promise<void> {
    const ticket = ++this.updating;
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !surfaceEnabled('statusBar', document.uri)) return this.hide();
    const state = this.model.peek(document) ?? (await this.model.stateFor(document).catch(() => undefined));
    // A newer update started meanwhile (another editor, another edit): it decides.
    if (ticket !== this.updating) return;
    if (!state || state.calls.length === 0) return this.hide();
    this.show(state);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** What the status bar item's menu chose: a call of the file, or the workspace report. */
export type FileCallsChoice = { state: DocumentState; index: number } | 'workspaceReport';

type MenuItem = vscode.QuickPickItem & { index?: number; report?: true };

/**
 * The status bar item's menu: the file's calls, most expensive first (choosing one jumps to it), then the
 * workspace cost report.
 */
export async function pickFileCall(model: DocumentModel): Promise<FileCallsChoice | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  const state = document ? await model.stateFor(document) : undefined;
  const report: MenuItem = {
    label: '$(graph) Show Workspace Cost Report',
    description: 'every call of the workspace, by provider, model and file',
    report: true,
  };
  const items: MenuItem[] = [];
  if (state) {
    for (const index of callsByMonthlyCost(state)) {
      const call = state.calls[index];
      const monthly = state.costs[index].monthlyUsd;
      items.push({
        index,
        label: monthly ? `${formatUsdShort(monthly.expected)}/mo` : 'not priced',
        description: `line ${call.line} · ${call.api}`,
        detail: callSummary(call, state.costs[index]),
      });
    }
  }
  if (items.length > 0) items.push({ label: 'workspace', kind: vscode.QuickPickItemKind.Separator });
  items.push(report);
  const total = state && state.calls.length > 0 ? state.monthlyTotal() : undefined;
  const chosen = await vscode.window.showQuickPick(items, {
    title: total
      ? `LLM calls in this file by monthly cost (${formatUsdShort(total.expected)}/mo in all)`
      : 'LLM Cost Lens',
    placeHolder: state?.calls.length ? 'Go to a call, or open the workspace report' : 'No LLM calls in this file',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (chosen?.report) return 'workspaceReport';
  return chosen?.index !== undefined && state ? { state, index: chosen.index } : undefined;
}
