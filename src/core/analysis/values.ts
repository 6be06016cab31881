import type { Node } from 'web-tree-sitter';
import { calleeOf, isCall, isMember, literalSegments, memberName, memberObject, numberLiteral, unwrap } from './syntax';

/**
 * How a value was reached, weakest first: written in place, through a name in the file, a parameter's default,
 * another source file, the default of an environment read, a config or `.env` file.
 */
export type Via = 'literal' | 'constant' | 'default-param' | 'cross-file' | 'env-default' | 'config';

const rank: Record<Via, number> = {
  literal: 0,
  constant: 1,
  'default-param': 2,
  'cross-file': 3,
  'env-default': 4,
  config: 5,
};

/** The more telling of two ways: a constant read from another file is `cross-file`, its env default `env-default`. */
export function stronger(a: Via, b: Via): Via {
  return rank[a] >= rank[b] ? a : b;
}

/** `None`, `null`, `undefined`: a placeholder assigned before the real value. */
export function isNullish(node: Node): boolean {
  const type = unwrap(node).type;
  return type === 'none' || type === 'null' || type === 'undefined';
}

/** A literal whose value is known (not a call, not a name). */
export function isStaticValue(node: Node): boolean {
  const segments = literalSegments(node);
  if (segments) return segments.every((s) => s.kind === 'static');
  return numberLiteral(node) !== null || node.type === 'true' || node.type === 'false';
}

/** The callee's last name: `cast` for `typing.cast(...)`, `Field` for `pydantic.Field(...)`. */
export function calleeName(call: Node): string | null {
  const callee = calleeOf(call);
  if (!callee) return null;
  const node = unwrap(callee);
  if (node.type === 'identifier') return node.text;
  return isMember(node) ? memberName(node) : null;
}

/** The positional and keyword arguments of a call. */
export function callArguments(call: Node): { positional: Node[]; keywords: Map<string, Node> } {
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  for (const child of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!child || child.type === 'comment') continue;
    if (child.type === 'keyword_argument') {
      const name = child.childForFieldName('name');
      const value = child.childForFieldName('value');
      if (name && value) keywords.set(name.text, value);
    } else if (child.type !== 'dictionary_splat' && child.type !== 'list_splat' && child.type !== 'spread_element') {
      positional.push(child);
    }
  }
  return { positional, keywords };
}

const passing = new Set(['cast', 'dumps', 'stringify', 'Field', 'field', 'ib', 'attrib']);

/**
 * What a value-preserving wrapper passes through: `typing.cast(T, x)` and `json.dumps(x)` give x; a field's default
 * (`Field(default=x)`, `Field(x)`, `field(default=x)`, `attr.ib(default=x)`) gives x.
 */
export function passedThrough(call: Node): Node | null {
  if (!isCall(call) || call.type === 'new_expression') return null;
  const name = calleeName(call);
  if (!name || !passing.has(name)) return null;
  const { positional, keywords } = callArguments(call);
  switch (name) {
    case 'cast':
      return positional[1] ?? null;
    // A request body serialised for the wire (`body=json.dumps({...})`): its fields are the request's.
    case 'dumps':
    case 'stringify':
      return positional[0] ?? null;
    case 'Field':
    case 'field':
    case 'ib':
    case 'attrib':
      return (
        keywords.get('default') ??
        (name === 'Field' && positional[0]?.type !== 'ellipsis' ? positional[0] : null) ??
        null
      );
    default:
      return null;
  }
}

/** `super().__init__(...)` (Python) or `super(...)` (JS): a call passing arguments to the base class. */
export function isSuperInit(call: Node): boolean {
  const callee = calleeOf(call);
  if (!callee) return false;
  if (callee.type === 'super') return true;
  if (!isMember(callee) || memberName(callee) !== '__init__') return false;
  const object = memberObject(callee);
  return !!object && isCall(object) && calleeOf(object)?.text === 'super';
}
