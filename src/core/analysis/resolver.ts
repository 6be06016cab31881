import type { Node } from 'web-tree-sitter';
import { Bindings, definitionEnd, type Definition } from './bindings';
import { Tracker, type Dependencies } from './dependencies';
import {
  calleeOf,
  contains,
  enclosingClass,
  enclosingFunction,
  isCall,
  isMember,
  keyText,
  literalSegments,
  memberName,
  memberObject,
  mergeSegments,
  numberLiteral,
  rangeOf,
  sameNode,
  unwrap,
} from './syntax';
import type { PromptSegment, TextRange } from './types';

export type Via = 'literal' | 'constant' | 'default-param';

export interface Resolved {
  node: Node;
  via: Via;
}

export interface SegmentsResult {
  segments: PromptSegment[];
  /** literal: written in place; constant: through a name, all static; dynamic: some part known only at run time. */
  via: 'literal' | 'constant' | 'dynamic';
  /** Where the text is written: the literal, possibly in a constant's definition. */
  range: TextRange;
  /** Nodes the value was read from (to look for markers such as `cache_control` in them). */
  sources: Node[];
}

const maxDepth = 12;

/**
 * Same-file value resolution: names, class and instance attributes, enum members, default parameters,
 * `x or "lit"` / `x ?? "lit"`, `os.getenv("X", "default")`, dict and object entries, spreads.
 */
export class Resolver {
  readonly bindings: Bindings;
  readonly tracker: Tracker;

  constructor(
    readonly text: string,
    readonly root: Node,
    readonly python: boolean,
    /** Record what each call depends on (for re-analysis after edits). */
    trackDependencies = true,
  ) {
    this.tracker = new Tracker(trackDependencies);
    this.bindings = new Bindings(text, root, this.tracker);
  }

  /** The source text between two offsets. */
  readonly slice = (start: number, end: number): string => this.text.slice(start, end);

  /** The expression that gives `expr` its value, and how it was reached; null when the file does not say. */
  private readonly resolved = new Map<number, { value: Resolved | null; dependencies: Dependencies }>();

  resolve(expr: Node, depth = 0): Resolved | null {
    if (depth > maxDepth) return null;
    const node = unwrap(expr);
    return this.tracker.memo(this.resolved, node.id, () => this.resolveNode(node, depth), null);
  }

  private resolveNode(node: Node, depth: number): Resolved | null {
    switch (node.type) {
      case 'identifier':
      case 'shorthand_property_identifier': {
        const definition = this.bindings.lookup(node.text, node);
        return definition ? this.fromDefinition(definition, depth) : null;
      }
      case 'attribute':
      case 'member_expression': {
        const definition = this.memberDefinition(node, depth);
        return definition ? this.fromDefinition(definition, depth) : null;
      }
      case 'subscript':
      case 'subscript_expression': {
        const object = node.childForFieldName(node.type === 'subscript' ? 'value' : 'object');
        const index = node.childForFieldName(node.type === 'subscript' ? 'subscript' : 'index');
        const key = index ? this.string(index, depth + 1)?.value : undefined;
        const entry = object && key !== undefined ? this.entries(object, depth + 1)?.get(key) : undefined;
        return entry ? this.asConstant(this.resolve(entry, depth + 1)) : null;
      }
      case 'boolean_operator':
      case 'binary_expression': {
        const operator = node.childForFieldName('operator')?.text ?? node.child(1)?.text;
        if (operator !== 'or' && operator !== '??' && operator !== '||') return { node, via: 'literal' };
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const fromLeft = left ? this.resolve(left, depth + 1) : null;
        if (fromLeft && isStaticValue(fromLeft.node)) return fromLeft;
        const fromRight = right ? this.resolve(right, depth + 1) : null;
        return fromRight
          ? { node: fromRight.node, via: fromRight.via === 'literal' ? 'constant' : fromRight.via }
          : null;
      }
      case 'conditional_expression':
      case 'ternary_expression':
        return null;
      case 'call':
      case 'call_expression': {
        const fallback = this.envDefault(node);
        if (fallback) return this.asConstant(this.resolve(fallback, depth + 1));
        return { node, via: 'literal' };
      }
      default:
        return { node, via: 'literal' };
    }
  }

  string(expr: Node, depth = 0): { value: string; via: Via; node: Node } | null {
    const resolved = this.resolve(expr, depth);
    if (!resolved) return null;
    const segments = literalSegments(resolved.node);
    if (!segments || segments.some((s) => s.kind === 'dynamic')) return null;
    return {
      value: segments.map((s) => (s.kind === 'static' ? s.text : '')).join(''),
      via: resolved.via,
      node: resolved.node,
    };
  }

  number(expr: Node, depth = 0): number | null {
    const resolved = this.resolve(expr, depth);
    if (!resolved) return null;
    const node = resolved.node;
    const literal = numberLiteral(node);
    if (literal !== null) return literal;
    if ((node.type === 'binary_operator' || node.type === 'binary_expression') && depth < maxDepth) {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const a = left ? this.number(left, depth + 1) : null;
      const b = right ? this.number(right, depth + 1) : null;
      if (a === null || b === null) return null;
      switch (node.childForFieldName('operator')?.text ?? node.child(1)?.text) {
        case '*':
          return a * b;
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '//':
          return Math.floor(a / b);
        default:
          return null;
      }
    }
    return null;
  }

  /** Key → value expression of a dict/object literal, a `dict(...)` call, or any call's keyword arguments. */
  entries(expr: Node, depth = 0): Map<string, Node> | null {
    if (depth > maxDepth) return null;
    const resolved = this.resolve(expr, depth);
    if (!resolved) return null;
    const node = resolved.node;
    const map = new Map<string, Node>();
    if (node.type === 'dictionary' || node.type === 'object') {
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type === 'pair') {
          const key = child.childForFieldName('key');
          const value = child.childForFieldName('value');
          const name = key ? keyText(key) : null;
          if (name !== null && value) map.set(name, value);
        } else if (child.type === 'shorthand_property_identifier') {
          map.set(child.text, child);
        } else if (child.type === 'dictionary_splat' || child.type === 'spread_element') {
          const inner = child.firstNamedChild;
          const spread = inner ? this.entries(inner, depth + 1) : null;
          if (spread) for (const [k, v] of spread) map.set(k, v);
        }
      }
      this.addAssignedEntries(expr, node, map);
      return map;
    }
    if (isCall(node)) {
      const args = node.childForFieldName('arguments');
      for (const child of args?.namedChildren ?? []) {
        if (child?.type === 'keyword_argument') {
          const key = child.childForFieldName('name');
          const value = child.childForFieldName('value');
          if (key && value) map.set(key.text, value);
        } else if (child?.type === 'dictionary_splat') {
          const inner = child.firstNamedChild;
          const spread = inner ? this.entries(inner, depth + 1) : null;
          if (spread) for (const [k, v] of spread) map.set(k, v);
        } else if (child?.type === 'object' && !this.python) {
          const inner = this.entries(child, depth + 1);
          if (inner) for (const [k, v] of inner) map.set(k, v);
        }
      }
      return map;
    }
    return null;
  }

  /** `params["max_tokens"] = 100` / `params.max_tokens = 100` after `params = {...}` in the same function. */
  private addAssignedEntries(expr: Node, literal: Node, map: Map<string, Node>): void {
    const name = unwrap(expr);
    if (name.type !== 'identifier') return;
    const scope = enclosingFunction(literal);
    const from = literal.endIndex;
    const to = scope ? scope.endIndex : this.text.length;
    for (const offset of this.bindings.occurrences(name.text, from, to)) {
      const node = this.root.descendantForIndex(offset, offset + name.text.length);
      const target = node?.parent;
      if (!target || (target.type !== 'subscript' && target.type !== 'subscript_expression' && !isMember(target)))
        continue;
      const assignment = target.parent;
      if (!assignment || (assignment.type !== 'assignment' && assignment.type !== 'assignment_expression')) continue;
      if (!sameNode(assignment.childForFieldName('left'), target)) continue;
      const value = assignment.childForFieldName('right');
      const keyNode = isMember(target)
        ? null
        : target.childForFieldName(target.type === 'subscript' ? 'subscript' : 'index');
      const key = isMember(target) ? memberName(target) : keyNode ? keyText(keyNode) : null;
      if (key && value) map.set(key, value);
    }
  }

  /** Elements of a list/array/tuple literal, following names, splats and same-function `append`/`push`. */
  elements(expr: Node, depth = 0): Node[] | null {
    if (depth > maxDepth) return null;
    const resolved = this.resolve(expr, depth);
    if (!resolved) return null;
    const node = resolved.node;
    if (node.type === 'list_comprehension' || node.type === 'generator_expression') {
      const body = node.childForFieldName('body');
      return body ? [body] : null;
    }
    if (isCall(node) && /\.map$/.test(calleeOf(node)?.text ?? '')) {
      // `items.map((x) => ({ ... }))`: the element the callback returns.
      const callback = node.childForFieldName('arguments')?.firstNamedChild;
      const body = callback?.type === 'arrow_function' ? callback.childForFieldName('body') : null;
      return body && body.type !== 'statement_block' ? [unwrap(body)] : null;
    }
    if (node.type !== 'list' && node.type !== 'array' && node.type !== 'tuple') return null;
    const items: Node[] = [];
    for (const child of node.namedChildren) {
      if (!child || child.type === 'comment') continue;
      if (child.type === 'list_splat' || child.type === 'spread_element') {
        const inner = child.firstNamedChild;
        const spread = inner ? this.elements(inner, depth + 1) : null;
        if (spread) items.push(...spread);
        else items.push(child);
      } else items.push(child);
    }
    const name = unwrap(expr);
    if (name.type === 'identifier') items.push(...this.appended(name.text, node, expr));
    return items;
  }

  /** Items added by `name.append(x)` / `name.push(x)` between the literal and the use, in the same function. */
  private appended(name: string, literal: Node, use: Node): Node[] {
    const found: Node[] = [];
    for (const offset of this.bindings.occurrences(name, literal.endIndex, use.startIndex)) {
      const node = this.root.descendantForIndex(offset, offset + name.length);
      const member = node?.parent;
      if (!member || !isMember(member) || !sameNode(memberObject(member), node)) continue;
      const method = memberName(member);
      const call = member.parent;
      if (!call || !isCall(call) || (method !== 'append' && method !== 'push')) continue;
      if (enclosingFunction(call)?.startIndex !== enclosingFunction(use)?.startIndex) continue;
      const argument = call.childForFieldName('arguments')?.firstNamedChild;
      if (argument) found.push(argument);
    }
    return found;
  }

  /** The text segments of a prompt expression. */
  segments(expr: Node, depth = 0): SegmentsResult {
    const node = unwrap(expr);
    const dynamic = (): SegmentsResult => ({
      segments: [{ kind: 'dynamic', expression: node.text, range: rangeOf(node) }],
      via: 'dynamic',
      range: rangeOf(node),
      sources: [node],
    });
    if (depth > maxDepth) return dynamic();
    const literal = literalSegments(node);
    if (literal) {
      const isDynamic = literal.some((s) => s.kind === 'dynamic');
      return { segments: literal, via: isDynamic ? 'dynamic' : 'literal', range: rangeOf(node), sources: [node] };
    }
    switch (node.type) {
      case 'identifier':
      case 'attribute':
      case 'member_expression':
      case 'subscript':
      case 'subscript_expression': {
        const resolved = this.resolve(node, depth);
        if (!resolved || sameNode(resolved.node, node)) return dynamic();
        const inner = this.segments(resolved.node, depth + 1);
        return { ...inner, via: inner.via === 'dynamic' ? 'dynamic' : 'constant', sources: [node, ...inner.sources] };
      }
      case 'binary_operator':
      case 'binary_expression': {
        const operator = node.childForFieldName('operator')?.text ?? node.child(1)?.text;
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (operator !== '+' || !left || !right) {
          if ((operator === 'or' || operator === '??' || operator === '||') && left) {
            const resolved = this.resolve(node, depth);
            if (resolved && !sameNode(resolved.node, node)) return this.segments(resolved.node, depth + 1);
          }
          return dynamic();
        }
        const a = this.segments(left, depth + 1);
        const b = this.segments(right, depth + 1);
        const via =
          a.via === 'dynamic' || b.via === 'dynamic'
            ? 'dynamic'
            : a.via === 'literal' && b.via === 'literal'
              ? 'literal'
              : 'constant';
        return {
          segments: mergeSegments([...a.segments, ...b.segments], this.slice),
          via,
          range: rangeOf(node),
          sources: [...a.sources, ...b.sources],
        };
      }
      case 'call':
      case 'call_expression':
        return this.callSegments(node, depth) ?? dynamic();
      default:
        return dynamic();
    }
  }

  /** `"...".format(...)`, `.strip()`, `.trim()`, `dedent("...")`, `"\n".join([...])`. */
  private callSegments(node: Node, depth: number): SegmentsResult | null {
    const callee = calleeOf(node);
    if (!callee) return null;
    const args = node.childForFieldName('arguments');
    const first = args?.firstNamedChild ?? null;
    if (
      callee.type === 'identifier' ||
      (isMember(callee) && /^(textwrap|inspect)$/.test(memberObject(callee)?.text ?? ''))
    ) {
      const name = callee.type === 'identifier' ? callee.text : memberName(callee);
      if ((name === 'dedent' || name === 'cleandoc') && first) return this.segments(first, depth + 1);
      return null;
    }
    if (!isMember(callee)) return null;
    const method = memberName(callee);
    const object = memberObject(callee);
    if (!object) return null;
    if (
      method === 'strip' ||
      method === 'trim' ||
      method === 'rstrip' ||
      method === 'lstrip' ||
      method === 'trimStart' ||
      method === 'trimEnd'
    ) {
      return this.segments(object, depth + 1);
    }
    if (method === 'format') {
      const inner = this.segments(object, depth + 1);
      const segments: PromptSegment[] = [];
      for (const segment of inner.segments) {
        if (segment.kind === 'dynamic') segments.push(segment);
        else segments.push(...formatFields(segment, this.text));
      }
      const hasDynamic = segments.some((s) => s.kind === 'dynamic');
      return { ...inner, segments: mergeSegments(segments, this.slice), via: hasDynamic ? 'dynamic' : inner.via };
    }
    if (method === 'join' && first) {
      const separator = this.string(object, depth + 1)?.value;
      const items = this.elements(first, depth + 1);
      if (separator === undefined || !items) return null;
      const segments: PromptSegment[] = [];
      const sources: Node[] = [];
      let via: SegmentsResult['via'] = 'literal';
      items.forEach((item, i) => {
        if (i > 0) segments.push({ kind: 'static', text: separator });
        const part = this.segments(item, depth + 1);
        segments.push(...part.segments);
        sources.push(...part.sources);
        if (part.via === 'dynamic') via = 'dynamic';
        else if (part.via === 'constant' && via === 'literal') via = 'constant';
      });
      return { segments: mergeSegments(segments), via, range: rangeOf(node), sources };
    }
    return null;
  }

  /** The definition behind `obj.name`: instance/class attributes, enum members, entries of a literal. */
  memberDefinition(member: Node, depth = 0): Definition | null {
    if (depth > maxDepth) return null;
    const name = memberName(member);
    const object = memberObject(member);
    if (!name || !object) return null;
    const base = unwrap(object);
    if (base.type === 'this' || (this.python && (base.text === 'self' || base.text === 'cls'))) {
      const owner = enclosingClass(member);
      return (owner && this.classMember(owner, name)) ?? this.anyInstanceMember(name);
    }
    // `ModelTier.BUDGET.value`: the member itself.
    if (name === 'value' && isMember(base)) {
      const inner = this.memberDefinition(base, depth + 1);
      if (inner) return inner;
    }
    if (base.type === 'identifier') {
      const definition = this.bindings.lookup(base.text, base);
      if (definition?.kind === 'class') return this.classMember(definition.node, name);
      if (definition?.kind === 'param' || definition?.kind === 'annotation') {
        const cls = definition.annotation ? this.localClass(definition.annotation) : null;
        if (cls) return this.classMember(cls, name);
      }
    }
    const resolved = this.resolve(base, depth + 1);
    if (!resolved) return null;
    const target = resolved.node;
    if (target.type === 'dictionary' || target.type === 'object') {
      const value = this.entries(target, depth + 1)?.get(name);
      return value ? { kind: 'value', name: member, value } : null;
    }
    if (isCall(target)) {
      const callee = calleeOf(target);
      const cls = callee?.type === 'identifier' ? this.localClass(callee) : null;
      if (!cls) return null;
      const argument = this.entries(target, depth + 1)?.get(name);
      if (argument) return { kind: 'value', name: member, value: argument };
      return this.classMember(cls, name);
    }
    return null;
  }

  /** A class (or enum) defined in this file that `typeName` names. */
  localClass(typeName: Node): Node | null {
    const match = /[A-Za-z_$][\w$]*/.exec(typeName.text.replace(/^(Optional|Type)\[/, ''));
    if (!match) return null;
    const definition = this.bindings.lookup(match[0], typeName);
    return definition?.kind === 'class' ? definition.node : null;
  }

  /** `self.x = ...` / `this.x = ...` / class attribute / field / enum member / TS parameter property named `name`. */
  classMember(cls: Node, name: string): Definition | null {
    const all = this.classMembers(cls, name);
    return (
      all.find((d) => d.kind === 'value' && !isNullish(d.value)) ??
      all.find((d) => d.kind === 'value') ??
      all[0] ??
      null
    );
  }

  /** Every definition of a member in the class, in text order. */
  classMembers(cls: Node, name: string): Definition[] {
    this.tracker.name(name);
    const found: Definition[] = [];
    for (const offset of this.bindings.occurrences(name, cls.startIndex, cls.endIndex)) {
      const node = this.root.descendantForIndex(offset, offset + name.length);
      const definition = node ? memberDefinitionAt(node, cls) : null;
      if (!definition) continue;
      this.tracker.range(definition.name.startIndex, definitionEnd(definition));
      found.push(definition);
    }
    return found;
  }

  /** The class a `self.x` / `this.x` member expression belongs to, or null for other objects. */
  ownerClass(member: Node): Node | null {
    const object = memberObject(member);
    const base = object ? unwrap(object) : null;
    if (!base || !(base.type === 'this' || (this.python && (base.text === 'self' || base.text === 'cls')))) return null;
    return enclosingClass(member) ?? this.root;
  }

  private anyInstanceMember(name: string): Definition | null {
    return this.classMember(this.root, name);
  }

  private readonly definitionValues = new Map<Definition, { value: Resolved | null; dependencies: Dependencies }>();

  /** Memoised: the same constant or client is read by many calls of a file. */
  private fromDefinition(definition: Definition, depth: number): Resolved | null {
    return this.tracker.memo(this.definitionValues, definition, () => this.computeDefinition(definition, depth), null);
  }

  private computeDefinition(definition: Definition, depth: number): Resolved | null {
    switch (definition.kind) {
      case 'value':
        if (contains(definition.value, definition.name)) return null;
        return this.asConstant(this.resolve(definition.value, depth + 1));
      case 'param': {
        if (!definition.value) return null;
        const resolved = this.resolve(definition.value, depth + 1);
        return resolved ? { node: resolved.node, via: 'default-param' } : null;
      }
      default:
        return null;
    }
  }

  private asConstant(resolved: Resolved | null): Resolved | null {
    if (!resolved) return null;
    return resolved.via === 'literal' ? { node: resolved.node, via: 'constant' } : resolved;
  }

  /** `os.getenv("X", "d")`, `os.environ.get("X", "d")`: the default. */
  private envDefault(call: Node): Node | null {
    const callee = calleeOf(call);
    if (!callee) return null;
    const text = callee.text;
    if (!/(^|\.)getenv$|environ\.get$|^(os\.)?environ\.get$/.test(text)) return null;
    const args = call.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => !!n) ?? [];
    const positional = args.filter((n) => n.type !== 'keyword_argument');
    if (positional.length >= 2) return positional[1];
    const keyword = args.find((n) => n.type === 'keyword_argument' && n.childForFieldName('name')?.text === 'default');
    return keyword?.childForFieldName('value') ?? null;
  }
}

/**
 * A static segment of a `.format()` template split at its `{field}`s. The parts keep their ranges when the
 * segment's text is written as it reads (no escapes), so that offsets within it are offsets in the source.
 */
function formatFields(segment: PromptSegment & { kind: 'static' }, source: string): PromptSegment[] {
  const { range } = segment;
  const placed = range !== undefined && source.slice(range.start, range.end) === segment.text;
  const parts: PromptSegment[] = [];
  let offset = range?.start ?? 0;
  for (const part of segment.text.split(/(\{[^{}]*\})/)) {
    const partRange = placed ? { range: { start: offset, end: offset + part.length } } : {};
    offset += part.length;
    if (/^\{[^{}]*\}$/.test(part)) parts.push({ kind: 'dynamic', expression: part.slice(1, -1) || '{}', ...partRange });
    else if (part) parts.push({ kind: 'static', text: part, ...partRange });
  }
  return parts;
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

/** If `node` (an occurrence of a member name inside `cls`) defines that member, the definition. */
function memberDefinitionAt(node: Node, cls: Node): Definition | null {
  const parent = node.parent;
  if (!parent) return null;
  switch (parent.type) {
    case 'attribute':
    case 'member_expression': {
      if (!sameNode(parent.childForFieldName(parent.type === 'attribute' ? 'attribute' : 'property'), node))
        return null;
      const object = parent.childForFieldName('object');
      if (!object || (object.type !== 'this' && object.text !== 'self' && object.text !== 'cls')) return null;
      const assignment = parent.parent;
      if (!assignment || !sameNode(assignment.childForFieldName('left'), parent)) return null;
      if (assignment.type === 'assignment' || assignment.type === 'assignment_expression') {
        const value = assignment.childForFieldName('right');
        if (value) return { kind: 'value', name: node, value };
        const annotation = assignment.childForFieldName('type');
        return annotation ? { kind: 'annotation', name: node, annotation } : null;
      }
      return null;
    }
    case 'assignment': {
      // A class-body attribute (`model = "gpt-4o"`, `model: str = "gpt-4o"`, an enum member).
      if (!sameNode(parent.childForFieldName('left'), node)) return null;
      const block = parent.parent?.parent;
      if (block?.type !== 'block' || !sameNode(block.parent, enclosingClass(node)) || !contains(cls, block))
        return null;
      const value = parent.childForFieldName('right');
      if (value) return { kind: 'value', name: node, value };
      const annotation = parent.childForFieldName('type');
      return annotation ? { kind: 'annotation', name: node, annotation } : null;
    }
    case 'public_field_definition':
    case 'field_definition':
    case 'enum_assignment': {
      const key = parent.childForFieldName(parent.type === 'field_definition' ? 'property' : 'name');
      if (!sameNode(key, node)) return null;
      const value = parent.childForFieldName('value');
      if (value) return { kind: 'value', name: node, value };
      const annotation = parent.childForFieldName('type');
      return annotation ? { kind: 'annotation', name: node, annotation } : null;
    }
    case 'required_parameter':
    case 'optional_parameter': {
      // TS parameter property: `constructor(private client: OpenAI)`.
      const hasModifier = parent.namedChildren.some(
        (c) => c?.type === 'accessibility_modifier' || c?.type === 'override_modifier' || c?.text === 'readonly',
      );
      if (!hasModifier || !sameNode(parent.childForFieldName('pattern'), node)) return null;
      return {
        kind: 'param',
        name: node,
        value: parent.childForFieldName('value'),
        annotation: parent.childForFieldName('type'),
      };
    }
    default:
      return null;
  }
}
