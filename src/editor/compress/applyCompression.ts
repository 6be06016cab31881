import * as vscode from 'vscode';
import type { Candidate } from '../../core/compression/compress';
import { log } from '../log';
import type { CompressDependencies } from './compressCommand';
import type { CompressionTarget } from './target';

/**
 * Writes a compressed prompt into the document as one edit (one undo), and only if the document is unchanged
 * since the compression started, the text encodes in the literal's quoting, and the file gains no syntax error.
 * Otherwise the document is left untouched and the user is told why.
 */
export async function applyCompression(
  document: vscode.TextDocument,
  version: number,
  target: CompressionTarget,
  syntaxErrors: CompressDependencies['syntaxErrors'],
  candidate: Candidate | undefined,
): Promise<void> {
  if (!candidate) return;
  if (document.isClosed || document.version !== version) {
    void vscode.window.showWarningMessage(
      'LLM Cost Lens: the document changed while compressing; nothing was applied. Run the command again.',
    );
    return;
  }
  const encoded = target.encode(candidate.text);
  if (!encoded.ok) {
    void vscode.window.showWarningMessage(`LLM Cost Lens: not applied: ${encoded.reason}.`);
    return;
  }
  const text = document.getText();
  const { start, end, text: replacement } = encoded.value;
  const next = text.slice(0, start) + replacement + text.slice(end);
  const [errorsBefore, errorsAfter] = await Promise.all([
    syntaxErrors(text, document.languageId),
    syntaxErrors(next, document.languageId),
  ]);
  if (errorsAfter > errorsBefore) {
    void vscode.window.showWarningMessage('LLM Cost Lens: not applied: the edited file would not parse cleanly.');
    return;
  }
  // A WorkspaceEdit works whether or not the source editor is still visible next to the diff.
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(end)), replacement);
  if (await vscode.workspace.applyEdit(edit)) log().info(`Applied the compressed prompt to ${document.uri.fsPath}.`);
  else void vscode.window.showWarningMessage('LLM Cost Lens: VS Code refused the edit; the document is untouched.');
}
