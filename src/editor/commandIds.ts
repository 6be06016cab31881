/** Command ids as declared in package.json `contributes.commands`. */
export const CommandIds = {
  showLog: 'llmCostLens.showLog',
} as const;
