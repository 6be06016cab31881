import * as path from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { wasmDir } from '../helpers/paths';

/** Test-only parser loading (src/core/parsing owns it in the product): parse a file and list its syntax errors. */

const languages = new Map<string, Language>();
let ready: Promise<void> | undefined;

export async function parse(code: string, grammar: 'python' | 'typescript' | 'tsx' | 'javascript'): Promise<Tree> {
  ready ??= Parser.init({ locateFile: () => path.join(wasmDir, 'web-tree-sitter.wasm') });
  await ready;
  let language = languages.get(grammar);
  if (!language) {
    language = await Language.load(path.join(wasmDir, `tree-sitter-${grammar}.wasm`));
    languages.set(grammar, language);
  }
  const parser = new Parser();
  parser.setLanguage(language);
  const tree = parser.parse(code);
  parser.delete();
  if (!tree) throw new Error('parse failed');
  return tree;
}

/** ERROR and MISSING nodes, as "type at offset" strings; empty when the code parses cleanly. */
export function syntaxErrors(tree: Tree): string[] {
  const errors: string[] = [];
  const visit = (node: Tree['rootNode']): void => {
    if (node.isError || node.isMissing) errors.push(`${node.isMissing ? 'MISSING' : 'ERROR'} at ${node.startIndex}`);
    if (node.hasError) for (const child of node.children) visit(child);
  };
  visit(tree.rootNode);
  return errors;
}
