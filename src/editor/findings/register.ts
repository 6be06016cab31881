import * as vscode from 'vscode';
import { languageIds } from '../../core/parsing';
import type { Finding } from '../../core/rules';
import { CommandIds } from '../commandIds';
import { onSettingsChanged } from '../config';
import type { DocumentModel, StateSlot } from '../documentModel';
import { adviceScheme, AdvicePages } from './advice';
import { FindingCodeActions, fixAllEdit } from './codeActions';
import { FindingDiagnostics } from './diagnostics';
import { findingsSlot } from './findingsSlot';
import { ProjectInfoService } from './projectInfo';

/** The findings surfaces, for the extension API and the tests. */
export interface FindingSurfaces {
  slot: StateSlot<Finding[]>;
  diagnostics: FindingDiagnostics;
}

const selector = languageIds.map((language) => ({ language }));

/** Diagnostics, quick fixes, fix-all and their commands over the document model, owned by the extension context. */
export function registerFindings(context: vscode.ExtensionContext, model: DocumentModel): FindingSurfaces {
  const projects = new ProjectInfoService();
  const slot = findingsSlot(projects);
  const diagnostics = new FindingDiagnostics(model, slot);
  const advice = new AdvicePages();
  context.subscriptions.push(
    projects,
    diagnostics,
    advice,
    // Findings depend on the rule settings and the project's package.json: a change makes new states.
    onSettingsChanged(['rules'], () => model.invalidate()),
    projects.onDidChange(() => model.invalidate()),
    vscode.languages.registerCodeActionsProvider(selector, new FindingCodeActions(model, slot), {
      providedCodeActionKinds: FindingCodeActions.kinds,
    }),
    vscode.workspace.registerTextDocumentContentProvider(adviceScheme, advice),
    vscode.commands.registerCommand(CommandIds.showAdvice, (code: string, title: string, text: string) =>
      advice.show(code, title, text),
    ),
    vscode.commands.registerCommand(CommandIds.fixAll, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      const state = await model.stateFor(editor.document);
      if (state.version !== editor.document.version) return;
      const { edit, count } = fixAllEdit(state, state.get(slot));
      if (count === 0) {
        void vscode.window.showInformationMessage('LLM Cost Lens: nothing in this file has a safe fix.');
        return;
      }
      await vscode.workspace.applyEdit(edit);
    }),
  );
  return { slot, diagnostics };
}
