import type { Node } from 'web-tree-sitter';

/** Finds the string literal under the cursor in a tree-sitter tree (Python, JavaScript, TypeScript grammars). */

const literalTypes = new Set(['string', 'template_string']);

/**
 * The outermost `string` / `template_string` containing `offset` (a string inside an f-string field or a `${}`
 * belongs to the enclosing literal, which is what the user points at). A cursor just after the closing quote
 * still counts. Parts of a Python `concatenated_string` are returned one by one: each is its own literal.
 * Offsets are the tree's own indices (web-tree-sitter parses JS strings, so UTF-16 code units).
 */
export function findStringLiteralAt(root: Node, offset: number): Node | undefined {
  for (const at of [offset, offset - 1]) {
    if (at < 0) continue;
    let found: Node | undefined;
    for (let node: Node | null = root.descendantForIndex(at); node; node = node.parent) {
      if (literalTypes.has(node.type) && node.startIndex <= at && at < node.endIndex) found = node;
    }
    if (found) return found;
  }
  return undefined;
}

/**
 * The tag of a tagged template literal (`String.raw`, `sql`, `dedent`, ...), or undefined. `String.raw` changes how
 * the literal reads (pass `rawTemplate` to decodeLiteral); other tags receive the text and may give it meaning.
 */
export function templateTag(node: Node): string | undefined {
  const parent = node.parent;
  if (node.type !== 'template_string' || parent?.type !== 'call_expression') return undefined;
  const tag = parent.childForFieldName('function');
  return tag && tag.startIndex < node.startIndex ? tag.text : undefined;
}
