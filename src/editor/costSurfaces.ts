import * as vscode from 'vscode';
import { languageIds, type ParserHost } from '../core/parsing';
import { callAt, callRef, findCall, methodName, revealCall, type CallRef } from './callLocation';
import { ModelChooser } from './chooseModel';
import { CommandIds } from './commandIds';
import { CostHoverProvider } from './costHover';
import { CostLensProvider } from './costLens';
import { CostStatusBar, pickFileCall } from './costStatusBar';
import type { DocumentModel } from './documentModel';
import type { PricingService } from './pricingService';

/** The cost surfaces, for the extension API and the tests. */
export interface CostSurfaces {
  lenses: CostLensProvider;
  hover: CostHoverProvider;
  statusBar: CostStatusBar;
  chooser: ModelChooser;
}

const selector = languageIds.map((language) => ({ language }));

/** The call a command is about: the one it was given, else the one at the cursor. */
async function targetCall(model: DocumentModel, ref: CallRef | undefined): Promise<CallRef | undefined> {
  if (ref) return ref;
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const state = await model.stateFor(editor.document);
  const offset = editor.document.offsetAt(editor.selection.active);
  const index = callAt(state, offset);
  const onLine = index >= 0 ? index : state.calls.findIndex((c) => c.line === editor.selection.active.line + 1);
  if (onLine < 0) {
    void vscode.window.showInformationMessage('LLM Cost Lens: put the cursor on an LLM call first.');
    return undefined;
  }
  return callRef(state, state.calls[onLine]);
}

/** CodeLens, hover, status bar and their commands, all owned by the extension context. */
export function registerCostSurfaces(
  context: vscode.ExtensionContext,
  model: DocumentModel,
  pricing: PricingService,
  parserHost: () => ParserHost,
): CostSurfaces {
  const lenses = new CostLensProvider(model);
  const hover = new CostHoverProvider(model, pricing);
  const statusBar = new CostStatusBar(model, pricing);
  const chooser = new ModelChooser(model, parserHost);
  context.subscriptions.push(
    lenses,
    statusBar,
    vscode.languages.registerCodeLensProvider(selector, lenses),
    vscode.languages.registerHoverProvider(selector, hover),
    vscode.commands.registerCommand(CommandIds.chooseModel, async (ref?: CallRef) => {
      const target = await targetCall(model, ref);
      if (target) await chooser.choose(target);
    }),
    vscode.commands.registerCommand(CommandIds.showCallCost, async (ref?: CallRef) => {
      const target = await targetCall(model, ref);
      if (!target) return;
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.uri));
      const state = await model.stateFor(document);
      const index = findCall(state, target);
      if (index < 0) return;
      await revealCall(state, state.calls[index]);
      hover.forceAt(document.uri, methodName(state, state.calls[index]).start);
      await vscode.commands.executeCommand('editor.action.showHover');
    }),
    vscode.commands.registerCommand(CommandIds.showFileCalls, async () => {
      const picked = await pickFileCall(model);
      if (picked === 'workspaceReport') await vscode.commands.executeCommand(CommandIds.showWorkspaceReport);
      else if (picked) await revealCall(picked.state, picked.state.calls[picked.index]);
    }),
  );
  return { lenses, hover, statusBar, chooser };
}
