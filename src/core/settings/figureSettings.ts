import { validateAssumedModels, type AssumedModels } from '../analysis/assumed';
import { defaultCostSettings, validateCostSettings, type CostSettings, type SettingSources } from '../cost/settings';
import { validateOverrides, type PriceOverride } from '../pricing/overrides';
import { defaultRuleSettings, validateRuleSettings, type RuleSettings } from '../rules/settings';

/**
 * The `llmCostLens.*` settings that change a figure or a finding, in one typed list: the editor reads them
 * with `getConfiguration`, the CLI from the scanned folder's `.vscode/settings.json`, so the lens and the CI
 * gate never disagree. Keys are relative to the `llmCostLens` section.
 */
export const figureSettingKeys = [
  'callsPerDay',
  'dynamicPartTokens',
  'historyTokens',
  'expectedOutputTokens',
  'reasoningTokens',
  'pricing.overrides',
  'pricing.file',
  'rules.severity',
  'rules.outputLimits',
  'assumedModels',
] as const satisfies readonly string[];

export type FigureSettingKey = (typeof figureSettingKeys)[number];

/** The cost settings among them, by their CostSettings name. */
export const costSettingKeys = [
  'callsPerDay',
  'dynamicPartTokens',
  'historyTokens',
  'expectedOutputTokens',
  'reasoningTokens',
] as const satisfies readonly (FigureSettingKey & keyof CostSettings)[];

export interface FigureSettings {
  cost: CostSettings;
  /** `setting` for each cost value the settings gave, else `default`. */
  costSources: SettingSources;
  priceOverrides: PriceOverride[];
  /** As written (resolve it against the workspace folder); null when not set. */
  priceFile: string | null;
  rules: RuleSettings;
  /** The model assumed per provider for calls whose model the code does not say (`llmCostLens.assumedModels`). */
  assumedModels: AssumedModels;
}

export const defaultFigureSettings: Readonly<FigureSettings> = {
  cost: defaultCostSettings,
  costSources: {},
  priceOverrides: [],
  priceFile: null,
  rules: defaultRuleSettings,
  assumedModels: {},
};

/**
 * Validates raw values by key (absent keys keep their defaults). Each bad value is named in `problems`
 * (with the `llmCostLens.` prefix) and replaced by its default; the rest is kept.
 */
export function readFigureSettings(values: Partial<Record<FigureSettingKey, unknown>>): {
  settings: FigureSettings;
  problems: string[];
} {
  const problems: string[] = [];
  const cost = validateCostSettings(Object.fromEntries(costSettingKeys.map((key) => [key, values[key]])));
  problems.push(...cost.problems);
  const costSources: SettingSources = {};
  for (const key of costSettingKeys) costSources[key] = values[key] === undefined ? 'default' : 'setting';
  const overrides = validateOverrides(values['pricing.overrides']);
  problems.push(...overrides.problems.map((p) => `pricing.overrides: ${p}`));
  let priceFile: string | null = null;
  const file = values['pricing.file'];
  if (typeof file === 'string') priceFile = file.trim() === '' ? null : file.trim();
  else if (file !== undefined && file !== null)
    problems.push(`pricing.file: expected a path, not ${JSON.stringify(file)}`);
  const rules = validateRuleSettings({
    severity: values['rules.severity'],
    outputLimits: values['rules.outputLimits'],
  });
  problems.push(...rules.problems);
  const assumed = validateAssumedModels(values.assumedModels);
  problems.push(...assumed.problems);
  return {
    settings: {
      cost: cost.settings,
      costSources,
      priceOverrides: overrides.overrides,
      priceFile,
      rules: rules.settings,
      assumedModels: assumed.models,
    },
    problems: problems.map((p) => `llmCostLens.${p}`),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The figure settings in a parsed settings.json: dotted keys (`"llmCostLens.pricing.file"`) and section objects
 * (`"llmCostLens": { "pricing": { "file": … } }`) alike, as VS Code reads them. Other keys are ignored.
 */
export function figureValuesFromSettingsJson(document: unknown): Partial<Record<FigureSettingKey, unknown>> {
  const values: Partial<Record<FigureSettingKey, unknown>> = {};
  if (!isPlainObject(document)) return values;
  const known = new Set<string>(figureSettingKeys);
  const visit = (key: string, value: unknown): void => {
    if (known.has(key)) values[key as FigureSettingKey] = value;
    else if (isPlainObject(value) && figureSettingKeys.some((k) => k.startsWith(`${key}.`))) {
      for (const [child, inner] of Object.entries(value)) visit(`${key}.${child}`, inner);
    }
  };
  for (const [key, value] of Object.entries(document)) {
    if (key === 'llmCostLens' && isPlainObject(value)) {
      for (const [child, inner] of Object.entries(value)) visit(child, inner);
    } else if (key.startsWith('llmCostLens.')) visit(key.slice('llmCostLens.'.length), value);
  }
  return values;
}
