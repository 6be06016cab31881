import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, analyzeTree } from '../../src/core/analysis/analyze';
import type { LanguageId } from '../../src/core/analysis/types';
import { defaultCostSettings, estimateCallCost, type CallCost } from '../../src/core/cost';
import { ParserHost } from '../../src/core/parsing/host';
import { bundledTable } from '../../src/core/pricing';
import { findIssues } from '../../src/core/rules';
import { median } from './median';

/**
 * The cost rules over a file's calls (costs given, as the editor has them) against parsing and analysing the same
 * file, on the rule fixtures: a finding or more on almost every call, each with its saving priced. Turns alternate
 * the two so that both see the same machine load; the ratio is the median of the turns' ratios.
 */
const wasmDir = path.resolve(__dirname, '..', '..', 'wasm');
const fixtures = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'rules');
const turns = 15;

export interface RulesRow {
  case: string;
  analyser: number;
  baseline: number;
  ratio: number;
  target: number;
}

export async function runRulesBench(): Promise<RulesRow[]> {
  const host = new ParserHost(wasmDir);
  const rows: RulesRow[] = [];
  const files: [string, LanguageId][] = [
    ['python/support.py', 'python'],
    ['typescript/support.ts', 'typescript'],
  ];
  try {
    for (const [file, languageId] of files) {
      const text = readFileSync(path.join(fixtures, file), 'utf8');
      const { calls } = await analyze(text, languageId, file, host);
      const context = { table: bundledTable, settings: defaultCostSettings };
      const costs: CallCost[] = calls.map((call) => estimateCallCost(call, context));
      let findings = 0;
      const analysisMs: number[] = [];
      const rulesMs: number[] = [];
      const ratios: number[] = [];
      for (let turn = 0; turn < turns; turn++) {
        const analysisStart = performance.now();
        const tree = host.parseSync(text, languageId);
        analyzeTree(tree, text, languageId, file);
        tree.delete();
        const analysis = performance.now() - analysisStart;
        const rulesStart = performance.now();
        findings = findIssues({
          text,
          languageId,
          calls,
          costs,
          table: bundledTable,
          costSettings: defaultCostSettings,
        }).length;
        const rules = performance.now() - rulesStart;
        analysisMs.push(analysis);
        rulesMs.push(rules);
        ratios.push(rules / analysis);
      }
      rows.push({
        case: `rules on ${file} (${calls.length} calls, ${findings} findings) vs parse + analysis`,
        analyser: median(rulesMs),
        baseline: median(analysisMs),
        ratio: median(ratios),
        target: 2,
      });
    }
  } finally {
    host.dispose();
  }
  return rows;
}
