import * as path from 'node:path';
import * as vscode from 'vscode';
import { validateCostSettings, type CostSettings, type SettingSources } from '../core/cost';
import { applyOverrides, bundledTable, loadPriceFile, validateOverrides, type PriceTable } from '../core/pricing';
import { isSetByUser, onSettingsChanged, readSetting } from './config';
import { log } from './log';

/**
 * The price table in force: the bundled snapshot or the user's newer price file, with the user's overrides
 * applied. Rebuilt when a pricing setting changes. Bad settings are reported once per change, naming the bad
 * entry, and the rest keeps working.
 */
export class PricingService implements vscode.Disposable {
  private current: PriceTable | undefined;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = onSettingsChanged(['pricing'], () => {
      this.current = undefined;
      this.table();
    });
  }

  table(): PriceTable {
    if (this.current) return this.current;
    const problems: string[] = [];
    let base = bundledTable;
    const file = readSetting<unknown>('pricing.file');
    if (typeof file === 'string' && file.trim() !== '') {
      const loaded = loadPriceFile(resolveAgainstWorkspace(file.trim()));
      problems.push(...loaded.problems.map((p) => `llmCostLens.pricing.file: ${p}`));
      if (loaded.table) base = loaded.table;
      else problems.push('llmCostLens.pricing.file: using the bundled price table instead.');
    } else if (file !== undefined && typeof file !== 'string') {
      problems.push('llmCostLens.pricing.file must be a path; using the bundled price table.');
    }
    const validation = validateOverrides(readSetting<unknown>('pricing.overrides'));
    const applied = applyOverrides(base, validation.overrides);
    problems.push(...[...validation.problems, ...applied.problems].map((p) => `llmCostLens.pricing.overrides: ${p}`));
    this.current = applied.table;
    report(problems);
    return this.current;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** The cost settings for a document; a broken value falls back to its default with a warning naming it. */
export function readCostSettings(scope?: vscode.ConfigurationScope): CostSettings {
  const { settings, problems } = validateCostSettings(
    Object.fromEntries(costSettingNames.map((key) => [key, readSetting<unknown>(key, scope)])),
  );
  report(problems.map((problem) => `llmCostLens.${problem}`));
  return settings;
}

const costSettingNames: readonly (keyof CostSettings)[] = [
  'callsPerDay',
  'dynamicPartTokens',
  'historyTokens',
  'expectedOutputTokens',
  'reasoningTokens',
];

/** Where each cost setting's value comes from for a document: the user's (or workspace's) setting, or the default. */
export function readCostSources(scope?: vscode.ConfigurationScope): SettingSources {
  return Object.fromEntries(
    costSettingNames.map((key) => [key, isSetByUser(key, scope) ? 'setting' : 'default']),
  ) as SettingSources;
}

function resolveAgainstWorkspace(file: string): string {
  if (path.isAbsolute(file)) return file;
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(folder.uri.fsPath, file) : path.resolve(file);
}

const reported = new Set<string>();

/** Logs every problem and shows each distinct set once, with a way to the log. */
function report(problems: string[]): void {
  if (problems.length === 0) return;
  for (const problem of problems) log().warn(problem);
  const key = problems.join('\n');
  if (reported.has(key)) return;
  reported.add(key);
  const head = problems.length === 1 ? problems[0] : `${problems.length} problems in the settings: ${problems[0]} …`;
  void vscode.window
    .showWarningMessage(`LLM Cost Lens: ${head}`, 'Show Log')
    .then((choice) => (choice === 'Show Log' ? log().show() : undefined));
}
