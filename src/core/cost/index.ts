export { estimateCallCost, type CostContext } from './estimateCall';
export { priceTokens, type TokenUsage, type PricedUsage, type PricedPart, type UsagePart } from './priceTokens';
export { countPromptTokens, isConversation, type PromptTokens, type PromptSizes } from './promptTokens';
export {
  defaultCostSettings,
  daysPerMonth,
  reasoningEfforts,
  settingKeys,
  validateCostSettings,
  type CostSettings,
  type ReasoningEffort,
  type SettingSource,
  type SettingSources,
} from './settings';
export { cacheWriteShare } from './caching';
export { planReasoning, defaultEffort, type ReasoningPlan } from './reasoning';
export type { Assumption, AssumptionKey, AssumptionSource } from './assumptions';
export {
  explainCost,
  describeAssumption,
  formatInputTokens,
  formatWorst,
  scanCostFields,
  type ScanCostFields,
} from './explain';
export { formatUsd, formatUsdShort, formatTokens, formatRate, notPricedReason, plural } from './format';
export { callSummary, outputSummary } from './summary';
export { cheapestAlternatives, isCurrentGeneralPurpose, type Alternative, type Alternatives } from './alternatives';
export { modelChoices, modelFitsCall } from './choices';
export { whatIfs, type WhatIf } from './whatIf';
export {
  explainCall,
  describeModelSource,
  type CallExplanation,
  type ExplanationSection,
  type ExplanationRow,
} from './explanation';
export type { CallCost, BreakdownLine, CostPair } from './types';
