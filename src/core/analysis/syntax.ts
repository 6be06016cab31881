import type { Node } from 'web-tree-sitter';
import type { PromptSegment, TextRange } from './types';

/** Node helpers shared by the Python and JS/TS grammars. */

const wrappers = new Set([
  'parenthesized_expression',
  'await',
  'await_expression',
  'non_null_expression',
  'as_expression',
  'satisfies_expression',
  'type_assertion',
]);

/** Strips parentheses, `await`, and TS type assertions (`x!`, `x as T`). */
export function unwrap(node: Node): Node {
  let current = node;
  for (let i = 0; i < 32 && wrappers.has(current.type); i++) {
    const inner = current.type === 'type_assertion' ? current.lastNamedChild : current.firstNamedChild;
    if (!inner) break;
    current = inner;
  }
  return current;
}

export function isCall(node: Node): boolean {
  return node.type === 'call' || node.type === 'call_expression' || node.type === 'new_expression';
}

export function isMember(node: Node): boolean {
  return node.type === 'attribute' || node.type === 'member_expression';
}

export function isIdentifier(node: Node): boolean {
  return node.type === 'identifier';
}

export function calleeOf(call: Node): Node | null {
  return call.childForFieldName(call.type === 'new_expression' ? 'constructor' : 'function');
}

export function memberObject(node: Node): Node | null {
  return node.childForFieldName('object');
}

export function memberName(node: Node): string | null {
  return (
    (node.childForFieldName(node.type === 'attribute' ? 'attribute' : 'property')?.text as string | undefined) ?? null
  );
}

/** The name an expression ends with: `create` for `client.messages.create`, `OpenAI` for `OpenAI`. */
export function expressionName(expression: Node): string | null {
  return isMember(expression) ? memberName(expression) : expression.text;
}

export interface Chain {
  /** The innermost expression that is not a member access (identifier, call, `self`, `this`). */
  root: Node;
  /** Each prefix of the chain: prefixes[0] is root, prefixes[i] is root.path[0..i). */
  prefixes: Node[];
  path: string[];
}

/** `a.b.c.d` → root `a`, path [b, c, d]. */
export function flatten(expr: Node): Chain {
  const path: string[] = [];
  const prefixes: Node[] = [];
  let node = unwrap(expr);
  for (let i = 0; i < 64 && isMember(node); i++) {
    prefixes.push(node);
    path.push(memberName(node) ?? '');
    const object = memberObject(node);
    if (!object) break;
    node = unwrap(object);
  }
  prefixes.push(node);
  return { root: node, prefixes: prefixes.reverse(), path: path.reverse() };
}

export function rangeOf(node: Node): TextRange {
  return { start: node.startIndex, end: node.endIndex };
}

export function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

const pyEscapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

function decodeEscapes(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r?\n|.)/g, (whole, code: string) => {
    if (code.startsWith('u{')) return safeCodePoint(parseInt(code.slice(2, -1), 16), whole);
    if (code.startsWith('u') || code.startsWith('x')) return safeCodePoint(parseInt(code.slice(1), 16), whole);
    if (code === '\n' || code === '\r\n') return '';
    return pyEscapes[code] ?? code;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/** Whether `node` is a string literal of either grammar (possibly with interpolations). */
export function isStringLike(node: Node): boolean {
  return node.type === 'string' || node.type === 'concatenated_string' || node.type === 'template_string';
}

/**
 * The segments of a string literal: static text, and `{expr}` / `${expr}` fields as dynamic parts.
 * Null when `node` is not a string literal.
 */
export function literalSegments(node: Node): PromptSegment[] | null {
  if (node.type === 'concatenated_string') {
    const parts: PromptSegment[] = [];
    for (const child of node.namedChildren) {
      const segments = child ? literalSegments(child) : null;
      if (!segments) return null;
      parts.push(...segments);
    }
    return mergeSegments(parts, (start, end) => node.text.slice(start - node.startIndex, end - node.startIndex));
  }
  if (node.type === 'template_string') return templateSegments(node);
  if (node.type !== 'string') return null;
  const text = node.text;
  // Most literals are plain: read them from the text alone (each step into the tree is a call into wasm).
  const plain = /^([rRbBuU]{0,2})("""|'''|"|')([\s\S]*)\2$/.exec(text);
  if (plain && !plain[3].includes(plain[2].charAt(0))) {
    const start = node.startIndex + plain[1].length + plain[2].length;
    const range = { start, end: start + plain[3].length };
    return [{ kind: 'static', text: /[rR]/.test(plain[1]) ? plain[3] : decodeEscapes(plain[3]), range }];
  }
  const first = node.firstChild;
  if (first?.type === 'string_start') return pythonStringSegments(node, first.text);
  const range = { start: node.startIndex + 1, end: Math.max(node.startIndex + 1, node.endIndex - 1) };
  return [{ kind: 'static', text: decodeEscapes(text.slice(1, -1)), range }];
}

function pythonStringSegments(node: Node, start: string): PromptSegment[] {
  const raw = /r/i.test(start);
  const fString = /f/i.test(start);
  const decode = (text: string): string => {
    const unescaped = raw ? text : decodeEscapes(text);
    return fString ? unescaped.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : unescaped;
  };
  const segments: PromptSegment[] = [];
  const bodyStart = node.firstChild?.endIndex ?? node.startIndex;
  const end = node.lastChild?.type === 'string_end' ? node.lastChild.startIndex : node.endIndex;
  const whole = node.text;
  const base = node.startIndex;
  let cursor = bodyStart;
  for (const child of node.namedChildren) {
    if (!child || child.type !== 'interpolation') continue;
    const staticText = whole.slice(cursor - base, child.startIndex - base);
    if (staticText)
      segments.push({ kind: 'static', text: decode(staticText), range: { start: cursor, end: child.startIndex } });
    segments.push({
      kind: 'dynamic',
      expression: child.childForFieldName('expression')?.text ?? child.text,
      range: rangeOf(child),
    });
    cursor = child.endIndex;
  }
  const rest = whole.slice(cursor - base, end - base);
  if (rest) segments.push({ kind: 'static', text: decode(rest), range: { start: cursor, end } });
  return segments.length > 0 ? segments : [{ kind: 'static', text: '', range: { start: bodyStart, end: bodyStart } }];
}

function templateSegments(node: Node): PromptSegment[] {
  const segments: PromptSegment[] = [];
  const whole = node.text;
  const base = node.startIndex;
  let cursor = node.startIndex + 1;
  for (const child of node.namedChildren) {
    if (!child || child.type !== 'template_substitution') continue;
    const staticText = whole.slice(cursor - base, child.startIndex - base);
    if (staticText)
      segments.push({
        kind: 'static',
        text: decodeEscapes(staticText),
        range: { start: cursor, end: child.startIndex },
      });
    segments.push({ kind: 'dynamic', expression: child.text.slice(2, -1).trim(), range: rangeOf(child) });
    cursor = child.endIndex;
  }
  const restEnd = Math.max(cursor, node.endIndex - 1);
  const rest = whole.slice(cursor - base, restEnd - base);
  if (rest) segments.push({ kind: 'static', text: decodeEscapes(rest), range: { start: cursor, end: restEnd } });
  return segments.length > 0 ? segments : [{ kind: 'static', text: '', range: { start: cursor, end: cursor } }];
}

/** What may stand between two pieces of one string written in parts: quotes, prefixes, `+`, spaces, parentheses. */
const joinGap = /^[\s"'`+()\\rRbBuUfF]*$/;

/**
 * Joins neighbouring static segments and drops empty ones. `source` reads the text between two pieces: when
 * only quotes and `+` separate them (`"a" + "b"`), the joined segment's range spans both; otherwise (or without
 * `source`) it has no one place and no range.
 */
export function mergeSegments(
  segments: PromptSegment[],
  source?: (start: number, end: number) => string,
): PromptSegment[] {
  const merged: PromptSegment[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    if (segment.kind === 'static' && last?.kind === 'static') {
      last.text += segment.text;
      const gap =
        last.range && segment.range && source && segment.range.start >= last.range.end
          ? source(last.range.end, segment.range.start)
          : null;
      if (last.range && segment.range && gap !== null && joinGap.test(gap))
        last.range = { start: last.range.start, end: segment.range.end };
      else delete last.range;
    } else if (segment.kind === 'static' && segment.text === '' && merged.length > 0) continue;
    else merged.push({ ...segment });
  }
  return merged;
}

/** The value of a number literal (`4096`, `1_000`, `4e3`), or null. */
export function numberLiteral(node: Node): number | null {
  if (node.type !== 'integer' && node.type !== 'number' && node.type !== 'float') return null;
  const value = Number(node.text.replace(/_/g, ''));
  return Number.isFinite(value) ? value : null;
}

export function booleanLiteral(node: Node): boolean | null {
  if (node.type === 'true') return true;
  if (node.type === 'false') return false;
  return null;
}

/** The key text of a dict/object entry key node (`"model"`, `model`, `'model'`). */
export function keyText(node: Node): string | null {
  const type = node.type;
  if (type === 'property_identifier' || type === 'identifier') return node.text;
  if (type === 'string') {
    const simple = /^(["'])([\w .:/-]*)\1$/.exec(node.text);
    if (simple) return simple[2];
    const segments = literalSegments(node);
    if (segments && segments.length === 1 && segments[0].kind === 'static') return segments[0].text;
  }
  return null;
}

const functionTypes = new Set([
  'function_definition',
  'lambda',
  'function_declaration',
  'function_expression',
  'function',
  'arrow_function',
  'method_definition',
  'generator_function_declaration',
  'generator_function',
]);

export function isFunction(node: Node): boolean {
  return functionTypes.has(node.type);
}

export function isClass(node: Node): boolean {
  return node.type === 'class_definition' || node.type === 'class_declaration' || node.type === 'class';
}

/**
 * The expressions a class extends: Python's bases (not `metaclass=`), JS `extends X`, TypeScript's
 * `extends_clause`.
 */
export function baseClassExpressions(cls: Node): Node[] {
  const found: Node[] = [];
  for (const child of cls.childForFieldName('superclasses')?.namedChildren ?? []) {
    if (child && child.type !== 'keyword_argument' && child.type !== 'comment') found.push(child);
  }
  for (const heritage of cls.namedChildren) {
    if (heritage?.type !== 'class_heritage') continue;
    for (const clause of heritage.namedChildren) {
      if (clause?.type === 'extends_clause') {
        if (clause.firstNamedChild) found.push(clause.firstNamedChild);
      } else if (clause && clause.type !== 'implements_clause' && clause.type !== 'comment') found.push(clause);
    }
  }
  return found;
}

/** `a or b`, `a ?? b`, `a || b` (a value with a fallback): its two sides; null for any other expression. */
export function fallbackSides(node: Node): { left: Node | null; right: Node | null } | null {
  if (node.type !== 'boolean_operator' && node.type !== 'binary_expression') return null;
  const operator = node.childForFieldName('operator')?.text ?? node.child(1)?.text;
  if (operator !== 'or' && operator !== '??' && operator !== '||') return null;
  return { left: node.childForFieldName('left'), right: node.childForFieldName('right') };
}

/** The nearest enclosing function, or null at module level. */
export function enclosingFunction(node: Node): Node | null {
  for (let p = node.parent; p; p = p.parent) if (isFunction(p)) return p;
  return null;
}

export function enclosingClass(node: Node): Node | null {
  for (let p = node.parent; p; p = p.parent) if (isClass(p)) return p;
  return null;
}

/** The same node of the same tree (`id` is a plain field: no call into wasm). */
export function sameNode(a: Node | null | undefined, b: Node | null | undefined): boolean {
  return !!a && !!b && a.id === b.id;
}

/** The `range(...)` call a Python `for` iterates (`for _ in range(3)`), or null. */
export function countedRange(loop: Node): Node | null {
  const iterable = loop.type === 'for_statement' ? loop.childForFieldName('right') : null;
  return iterable?.type === 'call' && calleeOf(iterable)?.text === 'range' ? iterable : null;
}

/**
 * The keys a Python subscript's key can be: the string itself, or the strings a `for` loop around it takes the key
 * from (`for attr in ("base_url", "api_key"): params[attr] = ...`); null when it may be any key.
 */
export function subscriptKeys(key: Node): string[] | null {
  if (key.type === 'string') {
    const text = keyText(key);
    return text === null ? null : [text];
  }
  if (key.type !== 'identifier') return null;
  for (let loop = key.parent; loop; loop = loop.parent) {
    if (isFunction(loop)) return null;
    if (loop.type !== 'for_statement' || loop.childForFieldName('left')?.text !== key.text) continue;
    const values = loop.childForFieldName('right');
    if (values?.type !== 'tuple' && values?.type !== 'list') return null;
    const keys = values.namedChildren.map((value) => (value?.type === 'string' ? keyText(value) : null));
    return keys.every((k): k is string => k !== null) ? keys : null;
  }
  return null;
}
