import type * as vscode from 'vscode';
import { validateAssumedModels, type AssumedModels } from '../core/analysis/assumed';
import { readSetting } from './config';
import { log } from './log';

const reported = new Set<string>();

/** `llmCostLens.assumedModels` for a document; bad entries are logged once and left out. */
export function readAssumedModels(scope?: vscode.ConfigurationScope): AssumedModels {
  const { models, problems } = validateAssumedModels(readSetting<unknown>('assumedModels', scope));
  for (const problem of problems) {
    if (reported.has(problem)) continue;
    reported.add(problem);
    log().warn(`llmCostLens.${problem}`);
  }
  return models;
}
