import { analyzeTree } from '../analysis/analyze';
import type { ParserHost } from '../parsing/host';
import type { FileAnalyzer } from './scan';

/** Parses on the calling thread with one parser host (the editor; the CLI when few files need parsing). */
export function hostAnalyzer(host: ParserHost): FileAnalyzer {
  return {
    async analyze(text, languageId, file) {
      const tree = await host.parse(text, languageId);
      try {
        return analyzeTree(tree, text, languageId, file);
      } finally {
        tree.delete();
      }
    },
  };
}
