export * from './fileSystem';
export {
  listSourceFiles,
  walkSourceFiles,
  skippedDirectories,
  buildOutputDirectories,
  isSkippedDirectoryName,
  type WalkOptions,
  type WalkResult,
  type WalkSkip,
} from './walk';
export { decodeSource, type DecodedSource } from './decode';
export {
  scanWorkspace,
  type FileAnalyzer,
  type FileAnalysis,
  type ScanCache,
  type WorkspaceScan,
  type WorkspaceScanOptions,
} from './scan';
export { hostAnalyzer } from './analyzer';
export { costCalls, type CostedCall } from './costs';
export { costTotals, type CostTotals, type TotalRow, type TotalsInput, type UsdRange } from './totals';
export { workspaceBill, type BillInputs, type WorkspaceBill } from './bill';
export { workspaceAssumptions, annotatedCalls, type AssumedSetting, type WorkspaceAssumptions } from './assumptions';
export {
  mergeBills,
  assumptionsByFolder,
  type FolderBill,
  type FolderAssumptions,
  type MergedBill,
} from './folderBills';
