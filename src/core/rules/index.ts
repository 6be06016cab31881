export { findIssues, type RuleInput } from './engine';
export { rules, ruleMeta, ruleDocUrl, ruleDocsBase } from './registry';
export { applyEdits, overlaps, planFixAll, safeFix, type FixAllPlan } from './apply';
export {
  defaultRuleSettings,
  defaultOutputLimits,
  validateRuleSettings,
  taskKinds,
  type RuleSettings,
  type SeveritySetting,
  type OutputLimitTable,
  type TaskKind,
} from './settings';
export { ignoreEdit, ignoredAt } from './ignore';
export { fixText, type FixTextResult } from './fixText';
export { projectInfoFromPackageJson, projectInfoFromPythonManifest, unknownProject, type ProjectInfo } from './project';
export * from './types';
