export { estimateCallCost, type CostContext } from './estimateCall';
export { priceTokens, type TokenUsage, type PricedUsage, type PricedPart, type UsagePart } from './priceTokens';
export { countPromptTokens, type PromptTokens } from './promptTokens';
export { defaultCostSettings, daysPerMonth, type CostSettings } from './settings';
export { formatUsd, formatTokens, formatRate } from './format';
export type { CallCost, BreakdownLine } from './types';
