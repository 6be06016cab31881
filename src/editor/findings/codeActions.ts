import * as vscode from 'vscode';
import { ignoreEdit, planFixAll, type Finding, type TextEdit } from '../../core/rules';
import { CommandIds } from '../commandIds';
import type { DocumentModel, DocumentState, StateSlot } from '../documentModel';
import { diagnosticSource, rangeOf } from './diagnostics';

/** `source.fixAll.llmCostLens`: every safe fix of the file, for `editor.codeActionsOnSave` and Fix All. */
export const fixAllKind = vscode.CodeActionKind.SourceFixAll.append('llmCostLens');

/** Text edits of the core as one workspace edit (one undo step when applied). */
export function workspaceEdit(state: DocumentState, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(state.uri, rangeOf(state, { range: e }), e.newText);
  return edit;
}

/** The fix-all edit of a state: the safe fixes, overlapping ones dropped (planFixAll), and how many it fixes. */
export function fixAllEdit(
  state: DocumentState,
  findings: readonly Finding[],
): { edit: vscode.WorkspaceEdit; count: number } {
  const plan = planFixAll(findings);
  return { edit: workspaceEdit(state, plan.edits), count: plan.applied.length };
}

/**
 * Quick fixes for the findings under the cursor (each fix of the core, the preferred one marked, the advice of
 * rules that need no edit, and an ignore comment), and the fix-all source action.
 */
export class FindingCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, fixAllKind];

  constructor(
    private readonly model: DocumentModel,
    private readonly findings: StateSlot<Finding[]>,
  ) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    const state = await this.model.stateFor(document);
    // Offsets are into the analysed text: a newer version has moved them.
    if (token.isCancellationRequested || state.version !== document.version) return [];
    const findings = state.get(this.findings);
    if (findings.length === 0) return [];
    const wants = (kind: vscode.CodeActionKind): boolean =>
      !context.only || context.only.contains(kind) || kind.contains(context.only);
    const actions: vscode.CodeAction[] = [];
    if (wants(fixAllKind) && context.only) {
      const { edit, count } = fixAllEdit(state, findings);
      if (count > 0) {
        const action = new vscode.CodeAction(
          `Fix all ${count} LLM Cost Lens finding${count === 1 ? '' : 's'}`,
          fixAllKind,
        );
        action.edit = edit;
        actions.push(action);
      }
    }
    if (!wants(vscode.CodeActionKind.QuickFix)) return actions;
    for (const finding of findings) {
      const findingRange = rangeOf(state, finding);
      if (!findingRange.intersection(range) && !findingRange.contains(range.start)) continue;
      const diagnostics = context.diagnostics.filter(
        (d) =>
          d.source === diagnosticSource &&
          typeof d.code === 'object' &&
          d.code.value === finding.code &&
          d.range.isEqual(findingRange),
      );
      for (const fix of finding.fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = workspaceEdit(state, fix.edits);
        action.diagnostics = diagnostics;
        action.isPreferred = fix.preferred === true;
        actions.push(action);
      }
      if (finding.advice) {
        const action = new vscode.CodeAction(finding.advice.title, vscode.CodeActionKind.QuickFix);
        action.command = {
          title: finding.advice.title,
          command: CommandIds.showAdvice,
          arguments: [finding.code, finding.advice.title, finding.advice.text],
        };
        action.diagnostics = diagnostics;
        actions.push(action);
      }
      const call = state.calls.find((c) => c.line === finding.line && c.column === finding.column);
      if (call) {
        const action = new vscode.CodeAction(`Ignore ${finding.code} for this call`, vscode.CodeActionKind.QuickFix);
        action.edit = workspaceEdit(state, [ignoreEdit(state.text, state.languageId, call.range, finding.code)]);
        action.diagnostics = diagnostics;
        actions.push(action);
      }
    }
    return actions;
  }
}
