import * as vscode from 'vscode';
import type { TextRange } from '../../core/analysis/types';
import { CompressionError } from '../../core/compression/client';
import {
  bestCandidate,
  compressOffline,
  compressPrompt,
  promptTooLarge,
  type Candidate,
  type CompressionResult,
} from '../../core/compression/compress';
import { formatUsd } from '../../core/cost';
import { log } from '../log';
import { applyCompression } from './applyCompression';
import type { ApiKeyStore } from './apiKey';
import type { DiffDocuments } from './diffDocuments';
import { readCompressorSettings } from './settings';
import { resolveTarget, type CompressionTarget, type LiteralLocator } from './target';

/** Arguments for keybindings and scripts: apply without asking, and/or skip the model. */
export interface CompressCommandArgs {
  /** `best`: the accepted model text, else the accepted offline text; `offline`: the offline pass only. */
  apply?: 'best' | 'offline';
  /** Run the offline pass only (no network call, no key needed). */
  offline?: boolean;
}

/** What a compression saves in the calls that send this prompt; undefined when no analysed call uses it. */
export interface Saving {
  calls: number;
  perCallUsd: number;
  perMonthUsd: number;
  /** True when token counts or prices behind it are estimates. */
  approximate: boolean;
}

export interface CompressDependencies {
  keys: ApiKeyStore;
  diffs: DiffDocuments;
  locateLiteral: LiteralLocator;
  /** Syntax errors in a text of a language; an apply must not add any. */
  syntaxErrors(text: string, languageId: string): Promise<number>;
  /** Token count of a prompt text; `approximate` marks estimates. */
  countTokens(text: string): { tokens: number; approximate: boolean };
  /** Dollars saved per call and per month by the calls whose prompt sits in `range` of the document. */
  saving?(document: vscode.TextDocument, range: TextRange, before: string, after: string): Promise<Saving | undefined>;
  /** Dollars the compression call itself cost. */
  callCost?(model: string, usage: { promptTokens: number; completionTokens: number }): number | undefined;
}

type Choice = 'apply' | 'offline' | 'show' | undefined;

export class CompressCommand {
  constructor(private readonly deps: CompressDependencies) {}

  async run(args: CompressCommandArgs = {}): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('LLM Cost Lens: open a file and select a prompt to compress.');
      return;
    }
    const { document } = editor;
    const version = document.version;
    const resolved = await resolveTarget(document, editor.selection, this.deps.locateLiteral);
    if (!resolved.ok) {
      void vscode.window.showWarningMessage(`LLM Cost Lens: ${resolved.reason}`);
      return;
    }
    const target = resolved.value;
    if (target.value.trim() === '') {
      void vscode.window.showWarningMessage(`LLM Cost Lens: ${target.label} is empty.`);
      return;
    }
    const tooLarge = promptTooLarge(target.value);
    if (tooLarge) {
      void vscode.window.showWarningMessage(`LLM Cost Lens: ${tooLarge}`);
      return;
    }
    const { settings, problems } = readCompressorSettings(document.uri);
    for (const problem of problems) {
      log().warn(problem);
      void vscode.window.showWarningMessage(`LLM Cost Lens: ${problem}`);
    }
    const count = (text: string): number => this.deps.countTokens(text).tokens;
    const fields = target.fields;
    let result: CompressionResult;
    const offlineOnly = args.offline === true || args.apply === 'offline';
    if (offlineOnly) {
      result = compressOffline(target.value, { fields }, { countTokens: count });
    } else {
      const apiKey = await this.deps.keys.get();
      if (!apiKey) {
        const offline = compressOffline(target.value, { fields }, { countTokens: count });
        const choice = await vscode.window.showWarningMessage(
          'LLM Cost Lens: no API key is set for the prompt compressor. Set one (it is kept in VS Code Secret Storage), or use the offline pass, which needs no model.',
          'Set API Key',
          ...(offline.offline.accepted && offline.offline.text !== target.value ? ['Use Offline Pass'] : []),
        );
        if (choice === 'Set API Key') await vscode.commands.executeCommand('llmCostLens.setApiKey');
        if (choice === 'Use Offline Pass')
          await this.review(editor, version, target, offline, 'offline-only', args.apply);
        return;
      }
      try {
        result = await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            title: `LLM Cost Lens: compressing with ${settings.model}`,
            cancellable: true,
          },
          (progress, token) => {
            const controller = new AbortController();
            const subscription = token.onCancellationRequested(() => controller.abort());
            return compressPrompt(
              target.value,
              {
                model: settings.model,
                baseURL: settings.baseUrl,
                apiKey,
                timeoutMs: settings.timeoutMs,
                targetRatio: settings.targetRatio,
                template: settings.template,
                fields,
                signal: controller.signal,
                onRetry: ({ waitMs }) =>
                  progress.report({ message: `rate limited; retrying in ${Math.ceil(waitMs / 1000)} s` }),
              },
              { countTokens: count },
            ).finally(() => subscription.dispose());
          },
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof CompressionError && error.kind === 'cancelled') {
          log().info('Compression cancelled; the document is untouched.');
          return;
        }
        log().error(
          `Compression failed (${error instanceof CompressionError ? error.kind : 'unexpected'}): ${message}`,
        );
        const actions =
          error instanceof CompressionError && (error.kind === 'unauthorized' || error.kind === 'no-key')
            ? ['Set API Key']
            : [];
        // Not awaited: the command ends with the document untouched; the buttons act later if clicked.
        void vscode.window
          .showErrorMessage(
            `LLM Cost Lens: compression failed: ${message} The document is untouched.`,
            ...actions,
            'Show Log',
          )
          .then(async (choice) => {
            if (choice === 'Set API Key') await vscode.commands.executeCommand('llmCostLens.setApiKey');
            if (choice === 'Show Log') log().show();
          });
        return;
      }
    }
    await this.review(editor, version, target, result, offlineOnly ? 'offline-only' : 'model', args.apply);
  }

  /** Shows the diff and the figures, then applies what the user (or the command's arguments) chose. */
  private async review(
    editor: vscode.TextEditor,
    version: number,
    target: CompressionTarget,
    result: CompressionResult,
    mode: 'model' | 'offline-only',
    preset: CompressCommandArgs['apply'],
  ): Promise<void> {
    const offline =
      result.offline.accepted && result.offline.text !== result.original.text ? result.offline : undefined;
    const best = mode === 'offline-only' ? offline : bestCandidate(result);
    const shown = best ?? result.model ?? result.offline;
    const summary = await this.summary(editor.document, target, result, shown);
    log().info(summary);

    if (result.model && !result.model.accepted) {
      const refused = result.model;
      const reasons = refused.refusedReasons.join('; ');
      log().warn(`Compressed text refused: ${reasons}`);
      // Not awaited: the command ends here with the document untouched; the buttons act later if clicked.
      void vscode.window
        .showWarningMessage(
          `LLM Cost Lens: the compressed text was refused and not applied: ${reasons}.`,
          'Show Result',
          ...(offline ? ['Apply Offline Pass'] : []),
        )
        .then(async (choice) => {
          if (choice === 'Show Result') await this.showDiff(editor.document, target, refused, 'Refused compression');
          if (choice === 'Apply Offline Pass')
            await applyCompression(editor.document, version, target, this.deps.syntaxErrors, offline);
        });
      return;
    }
    if (!best) {
      void vscode.window.showInformationMessage(
        `LLM Cost Lens: nothing to compress in ${target.label}${mode === 'offline-only' ? ' without a model' : ''}.`,
      );
      return;
    }
    await this.showDiff(editor.document, target, best, summary);
    let choice: Choice;
    if (preset) choice = preset === 'offline' ? 'offline' : 'apply';
    else {
      const picked = await vscode.window.showInformationMessage(
        summary,
        'Apply',
        ...(offline && best !== offline ? ['Apply Offline Pass Only'] : []),
        'Discard',
      );
      choice = picked === 'Apply' ? 'apply' : picked === 'Apply Offline Pass Only' ? 'offline' : undefined;
    }
    if (choice === 'apply') await applyCompression(editor.document, version, target, this.deps.syntaxErrors, best);
    if (choice === 'offline') await applyCompression(editor.document, version, target, this.deps.syntaxErrors, offline);
  }

  private async summary(
    document: vscode.TextDocument,
    target: CompressionTarget,
    result: CompressionResult,
    shown: Candidate,
  ): Promise<string> {
    const approx = this.deps.countTokens(result.original.text).approximate ? '≈' : '';
    const before = result.original.tokens;
    const saved = before - shown.tokens;
    const percent = before === 0 ? 0 : Math.round((saved / before) * 100);
    const parts = [`${approx}${before} → ${approx}${shown.tokens} tokens (−${percent}%)`];
    const saving =
      saved > 0 ? await this.deps.saving?.(document, target.range, result.original.text, shown.text) : undefined;
    if (saving) {
      const sign = saving.approximate ? '≈' : '';
      parts.push(
        `saves ${sign}${formatUsd(saving.perCallUsd)} per call, ${sign}${formatUsd(saving.perMonthUsd)} per month over ${saving.calls} call${saving.calls === 1 ? '' : 's'}`,
      );
    }
    const usage = result.model?.usage;
    const cost = usage && result.model ? this.deps.callCost?.(result.model.name, usage) : undefined;
    if (usage)
      parts.push(
        `compression call: ${usage.promptTokens + usage.completionTokens} tokens${cost !== undefined ? `, ${formatUsd(cost)}` : ''}`,
      );
    return `Compress ${target.label}: ${parts.join('; ')}.`;
  }

  private async showDiff(
    document: vscode.TextDocument,
    target: CompressionTarget,
    candidate: Candidate,
    title: string,
  ): Promise<void> {
    const uris = this.deps.diffs.put(document.uri, target.value, candidate.text);
    await vscode.commands.executeCommand(
      'vscode.diff',
      uris.before,
      uris.after,
      title.length > 120 ? `${title.slice(0, 117)}…` : title,
      {
        preview: true,
        preserveFocus: true,
      },
    );
  }
}
