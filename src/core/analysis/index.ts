export {
  analyze,
  analyzeCalls,
  analyzeTree,
  mentionsLlmSdk,
  skipReason,
  maxFileBytes,
  maxLineLength,
  type AnalysisResult,
  type AnalyzedCall,
} from './analyze';
export { DocumentAnalyzer } from './incremental';
export type * from './types';
