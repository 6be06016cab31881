import type { Tree } from 'web-tree-sitter';
import { createParserHost, syntaxErrorNodes, type LanguageId } from '../../../src/core/parsing';
import { wasmDir } from '../helpers/paths';

/** The product's parser host, shared by the compression tests that check edited code re-parses cleanly. */
const host = createParserHost({ wasmDir });

export function parse(code: string, language: LanguageId): Promise<Tree> {
  return host.parse(code, language);
}

/** ERROR and MISSING nodes, as "type at offset" strings; empty when the code parses cleanly. */
export function syntaxErrors(tree: Tree): string[] {
  return syntaxErrorNodes(tree.rootNode).map((n) => `${n.isMissing ? 'MISSING' : 'ERROR'} at ${n.startIndex}`);
}
