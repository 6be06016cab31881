import type * as vscode from 'vscode';
import { validateRuleSettings, type RuleSettings } from '../../core/rules';
import { readSetting } from '../config';
import { log } from '../log';

/** The settings (under `llmCostLens.`) the rules read; a change to any of them recomputes the findings. */
export const ruleSettingNames = ['rules.severity', 'rules.outputLimits'] as const;

const reported = new Set<string>();

/** The rules' settings for a document, validated; each bad value is logged once and replaced by its default. */
export function readRuleSettings(scope?: vscode.ConfigurationScope): RuleSettings {
  const { settings, problems } = validateRuleSettings({
    severity: readSetting<unknown>('rules.severity', scope),
    outputLimits: readSetting<unknown>('rules.outputLimits', scope),
  });
  for (const problem of problems) {
    if (reported.has(problem)) continue;
    reported.add(problem);
    log().warn(`Setting llmCostLens.${problem}`);
  }
  return settings;
}
