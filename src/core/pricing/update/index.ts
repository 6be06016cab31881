export { liteLlmPriceMapUrl, priceMapLimits, updateSourceKey } from './source';
export { fetchPriceMap, type FetchOptions, type FetchResult } from './fetchPriceMap';
export { readPriceMap, minimumMap, type ReadResult } from './readPriceMap';
export { overlayTable } from './overlay';
export { tableAge, describeTable, pricesOf, staleAfterDays, type TableAge } from './age';
export { updatePrices, tableFromStoredMap, type UpdateOutcome } from './updatePrices';
