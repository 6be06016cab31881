import * as vscode from 'vscode';
import { analyze, maxFileBytes, mentionsLlmSdk, skipReason } from '../core/analysis';
import type { CallRecord, Sdk } from '../core/analysis/types';
import { languageIdForPath, type ParserHost } from '../core/parsing';
import type { DocumentModel } from './documentModel';
import { log } from './log';

const sourceFiles = '**/*.{py,ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const skippedFolders =
  '{**/node_modules/**,**/.git/**,**/.venv/**,**/venv/**,**/site-packages/**,**/dist/**,**/build/**,**/out/**,**/__pycache__/**}';
/** The scan for names is a convenience: it stops after this many files or milliseconds. */
const maxFiles = 400;
const budgetMs = 2500;

/** A model name written in the workspace: how often, and by which SDKs' calls. */
export interface UsedModel {
  times: number;
  sdks: Set<Sdk>;
}

function count(counts: Map<string, UsedModel>, calls: readonly CallRecord[]): void {
  for (const call of calls) {
    if (!call.model || call.modelVia === 'unresolved') continue;
    const used = counts.get(call.model) ?? { times: 0, sdks: new Set<Sdk>() };
    used.times++;
    used.sdks.add(call.sdk);
    counts.set(call.model, used);
  }
}

/**
 * Model names written in the workspace's calls, with how often: the open documents' records first, then a
 * bounded scan of the workspace's source files (only files that mention an LLM SDK are parsed).
 */
export async function modelsUsedInWorkspace(
  model: DocumentModel,
  parserHost: () => ParserHost,
  token: vscode.CancellationToken,
): Promise<Map<string, UsedModel>> {
  const counts = new Map<string, UsedModel>();
  const seen = new Set<string>();
  for (const state of model.cachedStates()) {
    count(counts, state.calls);
    seen.add(state.uri.toString());
  }
  const started = Date.now();
  try {
    const files = await vscode.workspace.findFiles(sourceFiles, skippedFolders, maxFiles, token);
    for (const uri of files) {
      if (token.isCancellationRequested || Date.now() - started > budgetMs) break;
      const languageId = languageIdForPath(uri.path);
      if (!languageId || seen.has(uri.toString())) continue;
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > maxFileBytes) continue;
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      if (skipReason(text) || !mentionsLlmSdk(text)) continue;
      count(counts, (await analyze(text, languageId, uri.path, parserHost())).calls);
    }
  } catch (error) {
    // Names from the workspace are a help, not a need: the price table is still offered.
    log().warn('Looking for model names in the workspace stopped:', error);
  }
  return counts;
}
