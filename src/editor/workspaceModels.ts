import * as vscode from 'vscode';
import type { CallRecord, Sdk } from '../core/analysis/types';
import type { ParserHost } from '../core/parsing';
import { hostAnalyzer, scanWorkspace } from '../core/workspace';
import type { DocumentModel } from './documentModel';
import { log } from './log';
import { workspaceFileSystem } from './workspaceFileSystem';

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
 * Model names written in the workspace's calls, with how often: the open documents' records (as edited), then
 * the core's workspace scan of each folder (its walk skips dependencies, build output and ignored files; only
 * files that mention an LLM SDK are parsed). Stops when `token` is cancelled (the pick closed).
 */
export async function modelsUsedInWorkspace(
  model: DocumentModel,
  parserHost: () => ParserHost,
  token: vscode.CancellationToken,
): Promise<Map<string, UsedModel>> {
  const counts = new Map<string, UsedModel>();
  const open = new Set<string>();
  for (const state of model.cachedStates()) {
    count(counts, state.calls);
    open.add(state.uri.path);
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      const scan = await scanWorkspace([folder.uri.path], {
        fs: workspaceFileSystem(folder.uri),
        root: folder.uri.path,
        analyzer: hostAnalyzer(parserHost()),
        isCancelled: () => token.isCancellationRequested,
      });
      count(
        counts,
        // Open documents were counted as they are now, not as saved.
        scan.calls.filter((call) => !open.has(`${folder.uri.path}/${call.file}`)),
      );
    } catch (error) {
      // Names from the workspace are a help, not a need: the price table is still offered.
      log().warn(`Looking for model names in ${folder.name} stopped:`, error);
    }
  }
  return counts;
}
