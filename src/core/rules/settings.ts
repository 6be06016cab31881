import { isRuleCode, severities, type RuleCode, type Severity } from './types';

/** A rule's severity, or `off`. */
export type SeveritySetting = Severity | 'off';

/** Kinds of task a prompt asks for, which size the output limit a fix writes. */
export const taskKinds = ['classification', 'extraction', 'summary', 'code', 'general'] as const;
export type TaskKind = (typeof taskKinds)[number];

/** Output tokens a fix writes per kind of task, and the least it writes for a reasoning model. */
export type OutputLimitTable = Record<TaskKind | 'reasoning', number>;

/** The rules' typed settings: the editor reads them from `llmCostLens.rules.*`, the CLI from flags. */
export interface RuleSettings {
  /** Per rule: a severity, or off. Rules not listed keep their default. */
  severity: Partial<Record<RuleCode, SeveritySetting>>;
  outputLimits: OutputLimitTable;
}

export const defaultOutputLimits: Readonly<OutputLimitTable> = {
  classification: 64,
  extraction: 1024,
  summary: 512,
  code: 4096,
  general: 2048,
  reasoning: 4096,
};

export const defaultRuleSettings: Readonly<RuleSettings> = { severity: {}, outputLimits: { ...defaultOutputLimits } };

/**
 * Validates raw setting values: each bad entry is named and dropped (a severity) or replaced by its default
 * (a limit), the others are kept.
 */
export function validateRuleSettings(raw: { severity?: unknown; outputLimits?: unknown }): {
  settings: RuleSettings;
  problems: string[];
} {
  const problems: string[] = [];
  const severity: RuleSettings['severity'] = {};
  if (raw.severity !== undefined && raw.severity !== null) {
    if (typeof raw.severity !== 'object' || Array.isArray(raw.severity)) {
      problems.push(`rules.severity: expected an object of rule code → severity, not ${JSON.stringify(raw.severity)}`);
    } else {
      for (const [code, value] of Object.entries(raw.severity as Record<string, unknown>)) {
        if (!isRuleCode(code)) problems.push(`rules.severity: no rule '${code}'; ignored`);
        else if (value === 'off' || (severities as readonly unknown[]).includes(value))
          severity[code] = value as SeveritySetting;
        else
          problems.push(
            `rules.severity.${code}: expected error, warning, info, hint or off, not ${JSON.stringify(value)}; ignored`,
          );
      }
    }
  }
  const outputLimits: OutputLimitTable = { ...defaultOutputLimits };
  if (raw.outputLimits !== undefined && raw.outputLimits !== null) {
    if (typeof raw.outputLimits !== 'object' || Array.isArray(raw.outputLimits)) {
      problems.push(`rules.outputLimits: expected an object, not ${JSON.stringify(raw.outputLimits)}`);
    } else {
      for (const [key, value] of Object.entries(raw.outputLimits as Record<string, unknown>)) {
        if (!(key in outputLimits)) problems.push(`rules.outputLimits: no task kind '${key}'; ignored`);
        else if (typeof value === 'number' && Number.isInteger(value) && value >= 1)
          outputLimits[key as keyof OutputLimitTable] = value;
        else
          problems.push(
            `rules.outputLimits.${key}: expected a whole number of at least 1, not ${JSON.stringify(value)}; using ${outputLimits[key as keyof OutputLimitTable]}`,
          );
      }
    }
  }
  return { settings: { severity, outputLimits }, problems };
}
