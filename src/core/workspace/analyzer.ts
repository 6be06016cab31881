import { analyzeTree } from '../analysis/analyze';
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
