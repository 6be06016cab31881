/** Command ids as declared in package.json `contributes.commands`. */
export const CommandIds = {
  showLog: 'llmCostLens.showLog',
  compressPrompt: 'llmCostLens.compressPrompt',
  setApiKey: 'llmCostLens.setApiKey',
  clearApiKey: 'llmCostLens.clearApiKey',
  chooseModel: 'llmCostLens.chooseModel',
  showCallCost: 'llmCostLens.showCallCost',
  showFileCalls: 'llmCostLens.showFileCalls',
  updatePrices: 'llmCostLens.updatePrices',
  fixAll: 'llmCostLens.fixAll',
  showAdvice: 'llmCostLens.showAdvice',
  showWorkspaceReport: 'llmCostLens.showWorkspaceReport',
  exportWorkspaceReport: 'llmCostLens.exportWorkspaceReport',
} as const;
