export { countTokens, countTokensForFamily, chatOverheadTokens, type TokenCount, type CountOptions } from './count';
export { bpeCounter, encodingLoadsSettled, isEncodingLoaded, loadEncodingSoon } from './encodings';
export {
  tokenizerFamilyFor,
  tokenizerFamilies,
  isBpeEncoding,
  charsPerToken,
  type TokenizerFamily,
  type BpeEncoding,
} from './family';
