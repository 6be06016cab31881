import type { Node } from 'web-tree-sitter';
import type { ParserHost } from './host';
import type { LanguageId } from './languages';

/** ERROR and MISSING nodes of a tree, found with an explicit stack (no recursion on deep trees). */
export function syntaxErrorNodes(root: Node): Node[] {
  const found: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.isError || node.isMissing) found.push(node);
    if (!node.hasError) continue;
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i);
      if (child) stack.push(child);
    }
  }
  return found;
}

/** How many syntax errors `text` has in `languageId` (0 for valid code). */
export async function syntaxErrorCount(host: ParserHost, text: string, languageId: LanguageId): Promise<number> {
  const tree = await host.parse(text, languageId);
  try {
    return syntaxErrorNodes(tree.rootNode).length;
  } finally {
    tree.delete();
  }
}
