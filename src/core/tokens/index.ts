export {
  countTokens,
  countTokensForFamily,
  chatOverheadTokens,
  encodingsWanted,
  loadWantedEncodings,
  type TokenCount,
  type CountOptions,
  type TokenCountStore,
} from './count';
export { bpeCounter, isEncodingLoaded, loadEncodingSoon } from './encodings';
export {
  tokenizerFamilyFor,
  tokenizerFamilies,
  isBpeEncoding,
  charsPerToken,
  type TokenizerFamily,
  type BpeEncoding,
} from './family';
