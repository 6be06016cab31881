import { analyzeTree } from '../analysis/analyze';
import { mayHoldCandidates } from '../analysis/candidates';
import { isPythonLike } from '../parsing/languages';
import type { ParserHost } from '../parsing/host';
import type { FileAnalyzer } from './scan';
import type { WorkspaceIndex } from '../project/workspaceIndex';

/**
 * Parses on the calling thread with one parser host (the editor; the CLI when few files need parsing). With a
 * workspace index, models, prompts and clients are followed into the other files of the workspace.
 */
export function hostAnalyzer(host: ParserHost, index?: WorkspaceIndex): FileAnalyzer {
  let prepared: Promise<void> | undefined;
  const dependencies = new Map<string, readonly string[]>();
  return {
    dependenciesOf: (file) => dependencies.get(file) ?? [],
    async analyze(text, languageId, file) {
      if (index) await (prepared ??= index.prepare());
      // No name that ends a billable call, no alias of one: nothing to find, so no parse (types-only imports).
      if (!mayHoldCandidates(text, isPythonLike(languageId))) {
        dependencies.set(file, []);
        return [];
      }
      const tree = await host.parse(text, languageId);
      try {
        return analyzeTree(
          tree,
          text,
          languageId,
          file,
          index ? { workspace: index, path: index.absolute(file) } : undefined,
        );
      } finally {
        tree.delete();
        if (index) dependencies.set(file, index.dependenciesOf(index.absolute(file)));
        // Between files: the parsed modules beyond the budget are freed.
        index?.trim();
      }
    },
  };
}
