import type { AssumedModels } from '../../core/analysis/assumed';
import * as path from 'node:path';
import type { CliIo } from '../command';
import { costSettingsFromFlags } from '../costFlags';
import { priceTableFor } from '../priceTable';
import type { CostSettings, SettingSources } from '../../core/cost';
import { applyOverrides, bundledTable, loadPriceFile, type PriceTable } from '../../core/pricing';
import type { RuleSettings } from '../../core/rules/settings';
import { loadWorkspaceSettings, settingsPriceFile, type WorkspaceSettings } from './settingsFile';

/** `parseArgs` options for the settings file. */
export const settingsFlagOptions = {
  settings: { type: 'string' },
  'no-settings': { type: 'boolean', default: false },
} as const;

export const settingsFlagsUsage = `  --settings <file>             read llmCostLens.* settings from this file instead of the scanned folder's
                                .vscode/settings.json (JSON with comments, as VS Code writes it)
  --no-settings                 ignore the settings file: flags and defaults only`;

/** Everything the figures and findings of a run depend on, from the settings file with the flags over it. */
export interface FigureInputs {
  costSettings: CostSettings;
  sources: SettingSources;
  table: PriceTable;
  rules: RuleSettings;
  /** `llmCostLens.assumedModels`: models for calls whose model the code does not say. */
  assumedModels: AssumedModels;
  /** The settings file read, if any. */
  settingsFile: string | null;
  /** The models `llmCostLens.pricing.overrides` prices (over `table`), for the line that names the prices. */
  priceOverrides: string[];
}

function priceTableFromSettings(workspace: WorkspaceSettings, warn: (message: string) => void): PriceTable {
  const { file, problem } = settingsPriceFile(workspace);
  if (problem) warn(problem);
  if (!file) return bundledTable;
  const loaded = loadPriceFile(file);
  for (const p of loaded.problems) warn(`llmCostLens.pricing.file: ${p}`);
  if (loaded.table) return loaded.table;
  warn('llmCostLens.pricing.file: using the bundled price table instead');
  return bundledTable;
}

/**
 * The settings of the scanned folder (`.vscode/settings.json`) with the command-line flags over them, as the
 * editor would compute them for that folder. Bad values are warnings on stderr (their defaults are used); a
 * settings file that is not JSON with comments is an error (exit 2).
 */
export async function figureInputs(
  values: Partial<Record<string, string | boolean | string[] | undefined>>,
  root: string,
  io: CliIo,
): Promise<FigureInputs> {
  const warn = (message: string): void => io.stderr(`warning: ${message}\n`);
  const workspace: WorkspaceSettings =
    values['no-settings'] === true
      ? loadWorkspaceSettings(root, io.cwd, undefined, false)
      : loadWorkspaceSettings(root, io.cwd, typeof values.settings === 'string' ? values.settings : undefined);
  for (const problem of workspace.problems) warn(problem);
  const { settings, sources } = costSettingsFromFlags(values, {
    settings: workspace.settings.cost,
    sources: workspace.settings.costSources,
  });
  // A price file or an update on the command line wins over the settings file's price file.
  const fromFlags = typeof values.prices === 'string' || values['update-prices'] === true;
  const base = fromFlags
    ? await priceTableFor(
        {
          prices: typeof values.prices === 'string' ? values.prices : undefined,
          'update-prices': values['update-prices'] === true,
          'prices-url': typeof values['prices-url'] === 'string' ? values['prices-url'] : undefined,
        },
        io,
      )
    : priceTableFromSettings(workspace, warn);
  const applied = applyOverrides(base, workspace.settings.priceOverrides);
  for (const p of applied.problems) warn(`llmCostLens.pricing.overrides: ${p}`);
  const settingsFile = workspace.file ? path.relative(io.cwd, workspace.file) || workspace.file : null;
  return {
    costSettings: settings,
    sources,
    table: applied.table,
    rules: workspace.settings.rules,
    assumedModels: workspace.settings.assumedModels,
    settingsFile,
    priceOverrides: workspace.settings.priceOverrides.map((o) => o.model),
  };
}
