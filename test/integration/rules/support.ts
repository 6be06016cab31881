import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Finding } from '../../../src/core/rules';
import type { LlmCostLensApi } from '../../../src/editor/api';
import { extensionId, waitFor, workspaceFile } from '../helpers';

export const files = ['python/support.py', 'typescript/support.ts'];

export async function api(): Promise<LlmCostLensApi> {
  const extension = vscode.extensions.getExtension<LlmCostLensApi>(extensionId);
  assert.ok(extension);
  return extension.activate();
}

export async function open(file: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(file));
  return vscode.window.showTextDocument(document);
}

/** The findings of the document's current version. */
export async function findingsOf(document: vscode.TextDocument): Promise<readonly Finding[]> {
  const { version, findings } = await (await api()).findingsFor(document);
  assert.equal(version, document.version);
  return findings;
}

/** The extension's diagnostics of a document once `ready` holds for them. */
export function diagnosticsWhen(
  uri: vscode.Uri,
  ready: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const shown = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'LLM Cost Lens');
    return ready(shown) ? shown : undefined;
  }, what);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

export function rangeOf(document: vscode.TextDocument, finding: Finding): vscode.Range {
  return new vscode.Range(document.positionAt(finding.range.start), document.positionAt(finding.range.end));
}

/** The code actions VS Code offers at a range (optionally of one kind). */
export async function actionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (
    (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ??
    []
  );
}

/** Undoes edits in the active editor until the document holds `text` again. */
export async function undoTo(document: vscode.TextDocument, text: string): Promise<void> {
  await waitFor(async () => {
    if (document.getText() === text) return true;
    await vscode.commands.executeCommand('undo');
    return document.getText() === text ? true : undefined;
  }, 'the original text back after undo');
}

export { waitFor, workspaceFile };

/** The text of the advice page shown last, when one is open. */
export function adviceShown(): string | undefined {
  const page = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'llm-cost-lens-advice');
  return page?.getText() || undefined;
}
