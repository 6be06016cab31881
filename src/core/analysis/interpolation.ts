import type { Node } from 'web-tree-sitter';

/**
 * The expressions of an f-string's `{...}` or a template literal's `${...}` fields, in the order their dynamic
 * segments appear (see `literalSegments`). A field with a conversion or format spec (`{x!r}`, `{x:>10}`) gives
 * null: its text is not the value's text.
 */
export function interpolations(node: Node): (Node | null)[] {
  if (node.type === 'concatenated_string') return node.namedChildren.flatMap((c) => (c ? interpolations(c) : []));
  const fields: (Node | null)[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'template_substitution') fields.push(child.firstNamedChild);
    else if (child.type === 'interpolation') {
      const formatted = child.namedChildren.some(
        (c) => c?.type === 'type_conversion' || c?.type === 'format_specifier',
      );
      fields.push(formatted ? null : child.childForFieldName('expression'));
    }
  }
  return fields;
}
