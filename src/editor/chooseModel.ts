import * as vscode from 'vscode';
import { annotationEdit } from '../core/analysis/annotation';
import type { CallRecord } from '../core/analysis/types';
import { estimateCallCost, formatUsdShort, modelChoices, modelFitsCall } from '../core/cost';
import { resolveHintOf, resolveModel } from '../core/pricing';
import type { ParserHost } from '../core/parsing';
import { findCall, type CallRef } from './callLocation';
import type { DocumentModel, DocumentState } from './documentModel';
import { modelsUsedInWorkspace, type UsedModel } from './workspaceModels';

interface ModelItem extends vscode.QuickPickItem {
  model?: string;
}

function monthlyFor(state: DocumentState, call: CallRecord, model: string): string {
  const cost = estimateCallCost({ ...call, model, modelVia: 'annotation' }, state.context);
  return cost.monthlyUsd ? `${formatUsdShort(cost.monthlyUsd.expected)}/mo for this call` : 'not in the price table';
}

function items(state: DocumentState, call: CallRecord, used: Map<string, UsedModel>): ModelItem[] {
  const out: ModelItem[] = [];
  const fitting = [...used.entries()]
    .filter(([name, { sdks }]) => {
      // A name the table does not know may still be what the call uses (a fine-tune) when its SDK's calls use it.
      const resolved = resolveModel(name, state.table, resolveHintOf(call));
      return resolved.unknown ? sdks.has(call.sdk) : modelFitsCall(call, resolved.entry);
    })
    .sort((a, b) => b[1].times - a[1].times || a[0].localeCompare(b[0]));
  if (fitting.length > 0) {
    out.push({ label: 'Used in this workspace', kind: vscode.QuickPickItemKind.Separator });
    for (const [name, { times }] of fitting) {
      const usage = times > 0 ? ` · used ${times}×` : ' · named in the workspace';
      out.push({ label: name, model: name, description: `${monthlyFor(state, call, name)}${usage}` });
    }
  }
  for (const { group, entries } of modelChoices(call, state.table)) {
    out.push({ label: group, kind: vscode.QuickPickItemKind.Separator });
    for (const entry of entries) {
      out.push({ label: entry.id, model: entry.id, description: monthlyFor(state, call, entry.id) });
    }
  }
  return out;
}

function firstChoice(list: readonly ModelItem[]): ModelItem | undefined {
  return list.find((item) => item.kind !== vscode.QuickPickItemKind.Separator);
}

/** Writes the model as an annotation comment above the call (merged with an `N/day` one already there). */
export async function writeModelAnnotation(model: DocumentModel, ref: CallRef, name: string): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(ref.uri));
  const state = await model.stateFor(document);
  const index = findCall(state, ref);
  if (index < 0 || state.version !== document.version) {
    void vscode.window.showWarningMessage('LLM Cost Lens: the call has moved or changed; try again from its lens.');
    return false;
  }
  const edit = annotationEdit(state.text, state.calls[index].range.start, document.languageId === 'python', name);
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.replace(
    document.uri,
    new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)),
    edit.newText,
  );
  return vscode.workspace.applyEdit(workspaceEdit);
}

/** What the open choose-a-model Quick Pick shows (for tests and screenshots). */
export interface ModelPickView {
  busy: boolean;
  /** Item labels in order, separators as `-- label --`. */
  items: string[];
  active: string | undefined;
}

/**
 * The choose-a-model Quick Pick for a call whose model is not known: names used in the workspace first, then the
 * price table's models for the call's provider, each with what the call would cost; any typed name is accepted.
 */
export class ModelChooser {
  private pick: vscode.QuickPick<ModelItem> | undefined;

  constructor(
    private readonly model: DocumentModel,
    private readonly parserHost: () => ParserHost,
  ) {}

  showing(): ModelPickView | undefined {
    const pick = this.pick;
    if (!pick) return undefined;
    return {
      busy: pick.busy,
      items: pick.items.map((i) => (i.kind === vscode.QuickPickItemKind.Separator ? `-- ${i.label} --` : i.label)),
      active: pick.activeItems[0]?.label,
    };
  }

  async choose(ref: CallRef): Promise<void> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(ref.uri));
    const state = await this.model.stateFor(document);
    const index = findCall(state, ref);
    if (index < 0) return;
    const call = state.calls[index];
    this.pick?.dispose();
    const pick = vscode.window.createQuickPick<ModelItem>();
    this.pick = pick;
    pick.title = `Which model does this ${call.api} call use?`;
    pick.placeholder = 'Pick or type a model name; it is written as a comment above the call';
    pick.matchOnDescription = true;
    const cancel = new vscode.CancellationTokenSource();
    let listed = items(state, call, new Map());
    const refresh = (): void => {
      const typed = pick.value.trim();
      const exact = listed.some((item) => item.model === typed);
      pick.items =
        typed && !exact
          ? [
              { label: typed, model: typed, description: `use as written · ${monthlyFor(state, call, typed)}` },
              ...listed,
            ]
          : listed;
    };
    refresh();
    pick.busy = true;
    void modelsUsedInWorkspace(this.model, this.parserHost, cancel.token).then((used) => {
      // What the analysis found the workspace naming for this call's provider comes first too.
      for (const name of call.modelCandidates ?? []) {
        if (!used.has(name)) used.set(name, { times: 0, sdks: new Set([call.sdk]) });
      }
      const firstBefore = firstChoice(pick.items);
      const untouched = pick.value === '' && (pick.activeItems.length === 0 || pick.activeItems[0] === firstBefore);
      listed = items(state, call, used);
      refresh();
      // The workspace's names go on top: they become the default choice unless the user has moved already.
      const first = firstChoice(pick.items);
      if (untouched && first) pick.activeItems = [first];
      pick.busy = false;
    });
    const chosen = await new Promise<string | undefined>((resolve) => {
      pick.onDidChangeValue(refresh);
      pick.onDidAccept(() => resolve(pick.selectedItems[0]?.model));
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
    cancel.cancel();
    cancel.dispose();
    if (this.pick === pick) this.pick = undefined;
    pick.dispose();
    if (chosen) await writeModelAnnotation(this.model, ref, chosen);
  }
}
