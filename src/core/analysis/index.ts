export { analyze, analyzeTree, mentionsLlmSdk, skipReason, maxFileBytes, maxLineLength, type AnalysisResult } from './analyze';
export type * from './types';
