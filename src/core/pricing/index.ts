export * from './types';
export { bundledTable } from './table';
export { resolveModel, resolveHintOf, type Resolution, type ResolveHint } from './resolve';
export { unpricedKind } from './unpricedKinds';
export {
  validateOverrides,
  applyOverrides,
  describeOverrides,
  overrideSourceKey,
  type PriceOverride,
  type OverrideValidation,
} from './overrides';
export { loadPriceFile } from './userFile';
export { maxPriceFileBytes } from './generate/sourceInfo';
export { describeSource } from './describe';
export {
  liteLlmPriceMapUrl,
  priceMapLimits,
  updatePrices,
  tableFromStoredMap,
  tableAge,
  describeTable,
  pricesOf,
  staleAfterDays,
  type UpdateOutcome,
  type TableAge,
} from './update';
