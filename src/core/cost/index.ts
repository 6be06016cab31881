export { estimateCallCost, type CostContext } from './estimateCall';
export { priceTokens, type TokenUsage, type PricedUsage, type PricedPart, type UsagePart } from './priceTokens';
export { countPromptTokens, type PromptTokens } from './promptTokens';
export { defaultCostSettings, daysPerMonth, validateCostSettings, type CostSettings } from './settings';
export { explainCost, formatInputTokens, scanCostFields, type ScanCostFields } from './explain';
export { formatUsd, formatTokens, formatRate } from './format';
export type { CallCost, BreakdownLine } from './types';
