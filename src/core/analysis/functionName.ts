import type { Node } from 'web-tree-sitter';
import { isClass, isFunction } from './syntax';

/** Where an unnamed function or class takes its name from: what it is assigned to or stored under. */
function assignedName(node: Node): Node | null {
  const parent = node.parent;
  if (!parent) return null;
  switch (parent.type) {
    case 'variable_declarator':
    case 'public_field_definition':
    case 'field_definition':
      return parent.childForFieldName('name');
    case 'assignment':
    case 'assignment_expression':
      return parent.childForFieldName('left');
    case 'pair':
      return parent.childForFieldName('key');
    default:
      return null;
  }
}

function nameNode(scope: Node): Node | null {
  return scope.childForFieldName('name') ?? assignedName(scope);
}

/**
 * The qualified name of the function a call sits in — `Service.ask`, `handler`, `routes.<anonymous>` — or null
 * at module level: part of a call's identity across revisions (line numbers move, the function does not).
 * `track` is given the name's offsets, so an edit that renames the function re-analyses the call.
 */
export function functionNameOf(call: Node, track: (start: number, end: number) => void): string | null {
  const parts: string[] = [];
  for (let p = call.parent; p; p = p.parent) {
    if (!isFunction(p) && !isClass(p)) continue;
    const name = nameNode(p);
    if (name) {
      track(name.startIndex, name.endIndex);
      parts.unshift(name.text);
    } else parts.unshift('<anonymous>');
  }
  return parts.length > 0 ? parts.join('.') : null;
}
