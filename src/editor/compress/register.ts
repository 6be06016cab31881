import * as vscode from 'vscode';
import { locateStringLiteral } from '../../core/compression/locate';
import { isLanguageId, syntaxErrorCount, type ParserHost } from '../../core/parsing';
import { countTokens } from '../../core/tokens';
import { CommandIds } from '../commandIds';
import { log } from '../log';
import { ApiKeyStore } from './apiKey';
import { CompressCommand, type CompressCommandArgs, type CompressDependencies } from './compressCommand';
import { DiffDocuments, diffScheme } from './diffDocuments';

/** Registers the compressor's commands and its diff documents; everything it makes is owned by `context`. */
export function registerCompressor(
  context: vscode.ExtensionContext,
  parserHost: () => ParserHost,
  extra: Pick<CompressDependencies, 'saving' | 'callCost'> = {},
): void {
  const keys = new ApiKeyStore(context.secrets);
  const diffs = new DiffDocuments();
  const command = new CompressCommand({
    keys,
    diffs,
    locateLiteral: (text, languageId, offset) => locateStringLiteral(parserHost(), text, languageId, offset),
    syntaxErrors: (text, languageId) =>
      isLanguageId(languageId) ? syntaxErrorCount(parserHost(), text, languageId) : Promise.resolve(0),
    // The prompt's own size, counted exactly with the o200k encoding; per-call savings recount per model.
    countTokens: (text) => {
      const count = countTokens(text, 'gpt-4o');
      return { tokens: count.tokens, approximate: !count.exact };
    },
    ...extra,
  });
  context.subscriptions.push(
    diffs,
    vscode.workspace.registerTextDocumentContentProvider(diffScheme, diffs),
    vscode.commands.registerCommand(CommandIds.compressPrompt, (args?: CompressCommandArgs) =>
      command.run(typeof args === 'object' && args !== null ? args : {}),
    ),
    vscode.commands.registerCommand(CommandIds.setApiKey, async (key?: unknown) => {
      if (await keys.promptAndStore(key)) {
        log().info('Compressor API key stored in Secret Storage.');
        if (key === undefined)
          void vscode.window.showInformationMessage('LLM Cost Lens: API key stored in Secret Storage.');
      }
    }),
    vscode.commands.registerCommand(CommandIds.clearApiKey, async () => {
      await keys.clear();
      log().info('Compressor API key removed from Secret Storage.');
      void vscode.window.showInformationMessage('LLM Cost Lens: API key removed.');
    }),
  );
}
