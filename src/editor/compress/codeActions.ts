import * as vscode from 'vscode';
import { longPromptAt } from '../../core/compression/promptSites';
import { CommandIds } from '../commandIds';
import type { DocumentAnalysisService } from '../documentAnalysis';

/** Offers "Compress prompt" where the cursor sits in a long prompt the analysis found. */
export class CompressCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.RefactorRewrite];

  constructor(private readonly analysis: DocumentAnalysisService) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    _context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    const { calls } = await this.analysis.analysisFor(document);
    if (token.isCancellationRequested) return [];
    const site = longPromptAt(calls, document.offsetAt(range.start));
    if (!site) return [];
    const action = new vscode.CodeAction(
      `Compress this prompt (${site.staticChars.toLocaleString('en-US')} characters)`,
      vscode.CodeActionKind.RefactorRewrite,
    );
    action.command = { command: CommandIds.compressPrompt, title: 'Compress Prompt' };
    return [action];
  }
}

export function registerCompressCodeActions(context: vscode.ExtensionContext, analysis: DocumentAnalysisService): void {
  const selector = ['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'].map((language) => ({
    language,
  }));
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(selector, new CompressCodeActions(analysis), {
      providedCodeActionKinds: CompressCodeActions.kinds,
    }),
  );
}
