import type { Node } from 'web-tree-sitter';
import { definitionEnd, requiredModule, type Definition } from './bindings';
import type { Resolver } from './resolver';
import { returnedExpressions } from './returns';
import {
  baseClassExpressions,
  calleeOf,
  contains,
  enclosingClass,
  enclosingFunction,
  flatten,
  isCall,
  isMember,
  keyText,
  memberName,
  memberObject,
  sameNode,
  unwrap,
  fallbackSides,
} from './syntax';
import { callArguments, isSuperInit } from './values';

/** A class, and whether the expression is an instance of it or the class itself. */
export interface ClassTarget {
  cls: Node;
  instance: boolean;
}

const maxDepth = 24;
const typingWords = new Set([
  'Optional',
  'Union',
  'List',
  'Dict',
  'Type',
  'Any',
  'None',
  'str',
  'int',
  'float',
  'bool',
  'list',
  'dict',
  'type',
  'typing',
  'Annotated',
  'ClassVar',
  'Final',
  'Literal',
  'undefined',
  'null',
  'string',
  'number',
  'boolean',
]);

/**
 * Attributes of objects: `self.x` through the class, its base classes and the arguments it passes to
 * `super().__init__`; `obj.x` of an instance, a class, an enum, a dict or a module; and assignments to the exact
 * path in scope (`self.config.model = ...` as a constructor's fallback, `config.model = DEFAULT` before use).
 */
export class Members {
  constructor(private readonly resolver: Resolver) {}

  /** Every definition of `obj.name` the code shows, best first. */
  definitions(member: Node, depth: number): Definition[] {
    const r = this.resolver;
    if (depth > maxDepth) return [];
    const owner = r.owner(member);
    if (owner !== r) return owner ? owner.members.definitions(member, depth + 1) : [];
    const name = memberName(member);
    const object = memberObject(member);
    if (!name || !object) return [];
    const base = unwrap(object);
    if (this.isSelf(base)) {
      const cls = enclosingClass(member);
      return cls ? this.classDefinitions(cls, name, depth + 1) : this.own(r.root, name);
    }
    const assigned = this.pathAssignments(member);
    if (assigned.length > 0) return assigned;
    // `ModelTier.BUDGET.value`: the member itself.
    if (name === 'value' && isMember(base)) {
      const inner = this.definitions(base, depth + 1);
      if (inner.length > 0) return inner;
    }
    if (base.type === 'identifier') {
      // A module: `import config`, `import * as cfg from './cfg'`, `const cfg = require('./cfg')`.
      const definition = r.bindings.lookup(base.text, base);
      const required = definition?.kind === 'value' ? requiredModule(definition.value) : null;
      const module =
        definition?.kind === 'import'
          ? { specifier: definition.module, member: definition.member }
          : required !== null
            ? { specifier: required, member: null }
            : null;
      if (module) {
        const target = r.workspace?.imported(r, module.specifier, module.member);
        if (target && 'module' in target) {
          const exported = r.workspace?.exported(target.module, name);
          return exported && 'definition' in exported ? [exported.definition] : [];
        }
      }
    }
    const resolved = r.resolve(base, depth + 1);
    const value = resolved?.node;
    if (value && (value.type === 'dictionary' || value.type === 'object')) {
      const entry = r.entries(base, depth + 1)?.get(name);
      return entry ? [{ kind: 'value', name: member, value: entry }] : [];
    }
    if (value && isCall(value)) {
      // `Settings(model="x").model`: the argument wins over the class's default.
      const built = this.classTarget(calleeOf(value) ?? value, depth + 1);
      const argument = built && !built.instance ? r.entries(value, depth + 1)?.get(name) : undefined;
      if (argument) return [{ kind: 'value', name: member, value: argument }];
    }
    const target = this.classTarget(base, depth + 1);
    if (!target) return [];
    const classOwner = r.owner(target.cls);
    return classOwner ? classOwner.members.classDefinitions(target.cls, name, depth + 1) : [];
  }

  /** A member of a class: its own definitions, else what it passes to `super().__init__`, else its bases'. */
  classDefinitions(cls: Node, name: string, depth: number): Definition[] {
    const r = this.resolver;
    if (depth > maxDepth) return [];
    const owner = r.owner(cls);
    if (owner !== r) return owner ? owner.members.classDefinitions(cls, name, depth + 1) : [];
    const own = this.own(cls, name);
    if (own.length > 0) return own;
    const passed = this.superArguments(cls, name);
    if (passed.length > 0) return passed;
    for (const base of this.bases(cls, depth)) {
      const baseOwner = r.owner(base);
      const found = baseOwner ? baseOwner.members.classDefinitions(base, name, depth + 1) : [];
      if (found.length > 0) return found;
    }
    return [];
  }

  /**
   * Every place that sets a member: `definitions` gives the ones a read sees (a class's own shadow its bases');
   * for `self.x`, the bases' are added (a dataclass field's default, which a caller may pass in).
   */
  everyDefinition(member: Node): Definition[] {
    const found = this.definitions(member, 0);
    const cls = this.selfClass(member);
    const name = memberName(member);
    if (!cls || !name || this.resolver.owner(cls) !== this.resolver) return found;
    const inBases = this.bases(cls, 0).flatMap((base) => {
      const owner = this.resolver.owner(base);
      return owner ? owner.members.classDefinitions(base, name, 1) : [];
    });
    return [...found, ...inBases.filter((d) => !found.some((f) => sameNode(f.name, d.name)))];
  }

  /** Definitions of a member in the class's own text, in text order (`self.x = `, class attributes, methods). */
  own(cls: Node, name: string): Definition[] {
    const r = this.resolver;
    r.tracker.name(name);
    const found: Definition[] = [];
    for (const offset of r.bindings.occurrences(name, cls.startIndex, cls.endIndex)) {
      const node = r.root.descendantForIndex(offset, offset + name.length);
      const definition = node ? memberDefinitionAt(node, cls, r.python) : null;
      if (!definition) continue;
      r.tracker.range(definition.name.startIndex, definitionEnd(definition));
      found.push(definition);
    }
    return found;
  }

  /** The class a `self.x` / `this.x` member expression belongs to, or null for other objects. */
  selfClass(member: Node): Node | null {
    const object = memberObject(member);
    const base = object ? unwrap(object) : null;
    if (!base || !this.isSelf(base)) return null;
    return enclosingClass(member) ?? this.resolver.root;
  }

  /** Which class an expression is, or is an instance of, when the code shows it (here or in another file). */
  classTarget(expr: Node, depth: number): ClassTarget | null {
    const r = this.resolver;
    if (depth > maxDepth) return null;
    const node = unwrap(expr);
    const owner = r.owner(node);
    if (owner !== r) return owner ? owner.members.classTarget(node, depth + 1) : null;
    if (this.isSelf(node)) {
      const cls = enclosingClass(node);
      return cls ? { cls, instance: true } : null;
    }
    switch (node.type) {
      case 'identifier':
      case 'type_identifier': {
        const definition = r.bindings.lookup(node.text, node);
        return definition ? this.targetOf(definition, depth + 1) : null;
      }
      case 'call':
      case 'call_expression':
      case 'new_expression': {
        const callee = calleeOf(node);
        if (!callee) return null;
        const called = this.classTarget(callee, depth + 1);
        if (called && !called.instance) return { cls: called.cls, instance: true };
        const fn = this.calledFunction(callee, depth + 1);
        if (!fn) return null;
        const of = isMember(callee) ? this.classTarget(memberObject(callee) ?? callee, depth + 1) : null;
        const made = this.returnedClass(fn, of && !of.instance ? of.cls : null, depth + 1);
        return made ? { cls: made, instance: true } : null;
      }
      case 'attribute':
      case 'member_expression': {
        const [first] = this.definitions(node, depth + 1);
        return first ? this.targetOf(first, depth + 1) : null;
      }
      case 'boolean_operator':
      case 'binary_expression': {
        // `config or ModelConfig()`, `options ?? new Settings()`: the class the code names on either side.
        const sides = fallbackSides(node);
        if (!sides) return null;
        const { left, right } = sides;
        return (left ? this.classTarget(left, depth + 1) : null) ?? (right ? this.classTarget(right, depth + 1) : null);
      }
      default:
        return null;
    }
  }

  /** The class a definition gives: a class, a typed parameter or attribute, a value, an import. */
  targetOf(definition: Definition, depth: number): ClassTarget | null {
    const r = this.resolver;
    if (depth > maxDepth) return null;
    const owner = r.owner(definition.name);
    if (owner !== r) return owner ? owner.members.targetOf(definition, depth + 1) : null;
    switch (definition.kind) {
      case 'class':
        return { cls: definition.node, instance: false };
      case 'param':
      case 'annotation': {
        const cls = definition.annotation ? this.annotationClass(definition.annotation, depth + 1) : null;
        if (cls) return { cls, instance: true };
        return definition.kind === 'param' && definition.value ? this.classTarget(definition.value, depth + 1) : null;
      }
      case 'value':
        return contains(definition.value, definition.name) ? null : this.classTarget(definition.value, depth + 1);
      case 'import': {
        const target = r.workspace?.imported(r, definition.module, definition.member);
        return target && 'definition' in target ? this.targetOf(target.definition, depth + 1) : null;
      }
      default:
        return null;
    }
  }

  /** The class a type annotation names (`Settings`, `Optional[Settings]`, `"Settings"`, `Settings | None`). */
  annotationClass(annotation: Node, depth: number): Node | null {
    const r = this.resolver;
    const owner = r.owner(annotation);
    if (owner !== r) return owner ? owner.members.annotationClass(annotation, depth + 1) : null;
    for (const match of annotation.text.matchAll(/[A-Za-z_$][\w$]*/g)) {
      if (typingWords.has(match[0])) continue;
      const definition = r.bindings.lookup(match[0], annotation);
      const target = definition ? this.targetOf(definition, depth + 1) : null;
      if (target && !target.instance) return target.cls;
    }
    return null;
  }

  private calledFunction(callee: Node, depth: number): Node | null {
    const r = this.resolver;
    const node = unwrap(callee);
    let definition: Definition | null = null;
    if (node.type === 'identifier') definition = r.bindings.lookup(node.text, node);
    else if (isMember(node)) [definition] = this.definitions(node, depth + 1);
    for (let hops = 0; definition?.kind === 'import' && hops < 12; hops++) {
      const target = r.workspace?.imported(r, definition.module, definition.member);
      definition = target && 'definition' in target ? target.definition : null;
    }
    return definition?.kind === 'function' ? definition.node : null;
  }

  /** The class a function returns an instance of: its return annotation, or `cls(...)`/`Name(...)` it returns. */
  private returnedClass(fn: Node, owningClass: Node | null, depth: number): Node | null {
    const r = this.resolver;
    const owner = r.owner(fn);
    if (owner !== r) return owner ? owner.members.returnedClass(fn, owningClass, depth + 1) : null;
    const annotation = fn.childForFieldName('return_type');
    if (annotation) {
      if (owningClass && /\bSelf\b/.test(annotation.text)) return owningClass;
      const cls = this.annotationClass(annotation, depth + 1);
      if (cls) return cls;
    }
    for (const value of returnedExpressions(r, fn)) {
      const node = unwrap(value);
      if (!isCall(node)) continue;
      const callee = calleeOf(node);
      if (owningClass && callee?.text === 'cls') return owningClass;
      const target = callee ? this.classTarget(callee, depth + 1) : null;
      if (target && !target.instance) return target.cls;
    }
    return null;
  }

  /**
   * Assignments to the exact attribute path: `self.config.model = ...` anywhere in the class (a constructor's
   * fallback), or `config.model = ...` earlier in the same function.
   */
  private pathAssignments(member: Node): Definition[] {
    const r = this.resolver;
    const name = memberName(member);
    if (!name) return [];
    const chain = flatten(member);
    const rootIsSelf = this.isSelf(chain.root);
    if (rootIsSelf ? chain.path.length < 2 : chain.root.type !== 'identifier') return [];
    const scope = rootIsSelf ? enclosingClass(member) : (enclosingFunction(member) ?? r.root);
    if (!scope) return [];
    const end = rootIsSelf ? scope.endIndex : member.startIndex;
    const target = member.text.replace(/\s/g, '');
    r.tracker.name(name);
    // Most paths are never assigned: a text search for `path =` settles it before any look at the tree.
    if (!assignedPattern(member.text).test(r.text.slice(scope.startIndex, end))) return [];
    const found: Definition[] = [];
    for (const offset of r.bindings.occurrences(name, scope.startIndex, end)) {
      const node = r.root.descendantForIndex(offset, offset + name.length);
      const path = node?.parent;
      if (!node || !path || !isMember(path) || sameNode(path, member) || memberName(path) !== name) continue;
      if (path.text.replace(/\s/g, '') !== target) continue;
      const assignment = path.parent;
      if (!assignment || (assignment.type !== 'assignment' && assignment.type !== 'assignment_expression')) continue;
      if (!sameNode(assignment.childForFieldName('left'), path)) continue;
      const value = assignment.childForFieldName('right');
      if (!value) continue;
      if (!rootIsSelf && !sameNode(enclosingFunction(assignment), enclosingFunction(member))) continue;
      r.tracker.range(node.startIndex, value.endIndex);
      found.push({ kind: 'value', name: node, value });
    }
    return found;
  }

  /** `super().__init__(model=...)` / `super({ model: ... })` in the class: what it hands its base for `name`. */
  private superArguments(cls: Node, name: string): Definition[] {
    const r = this.resolver;
    const found: Definition[] = [];
    for (const offset of r.bindings.occurrences('super', cls.startIndex, cls.endIndex)) {
      let call: Node | null = r.root.descendantForIndex(offset, offset + 5);
      for (let i = 0; call && i < 4 && !(isCall(call) && isSuperInit(call)); i++) call = call.parent;
      if (!call || !isCall(call) || !isSuperInit(call) || !sameNode(enclosingClass(call), cls)) continue;
      const { positional, keywords } = callArguments(call);
      const keyword = keywords.get(name);
      if (keyword?.parent) {
        const keywordName = keyword.parent.childForFieldName('name');
        if (keywordName) found.push({ kind: 'value', name: keywordName, value: keyword });
      }
      const options = positional.find((p) => p.type === 'object');
      for (const child of options?.namedChildren ?? []) {
        if (child?.type !== 'pair') continue;
        const key = child.childForFieldName('key');
        const value = child.childForFieldName('value');
        if (key && value && keyText(key) === name) found.push({ kind: 'value', name: key, value });
      }
    }
    r.tracker.name(name);
    return found;
  }

  /** The classes a class extends, where the code shows them. */
  private bases(cls: Node, depth: number): Node[] {
    const expressions = baseClassExpressions(cls);
    const found: Node[] = [];
    for (const expression of expressions) {
      const target = this.classTarget(expression, depth + 1);
      if (target && !target.instance && !sameNode(target.cls, cls)) found.push(target.cls);
    }
    return found;
  }

  private isSelf(node: Node): boolean {
    return node.type === 'this' || (this.resolver.python && (node.text === 'self' || node.text === 'cls'));
  }
}

function assignedPattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\./g, '\\s*\\.\\s*');
  return new RegExp(`${escaped}\\s*(=(?!=)|\\?\\?=|\\|\\|=)`);
}

/** If `node` (an occurrence of a member name inside `cls`) defines that member, the definition. */
function memberDefinitionAt(node: Node, cls: Node, python: boolean): Definition | null {
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
    case 'function_definition':
    case 'method_definition': {
      // A method (`def _params(self)`, `buildParams() {}`), for calls such as `self._params()`.
      if (!sameNode(parent.childForFieldName('name'), node) || !sameNode(enclosingClass(parent), cls)) return null;
      if (python && parent.type !== 'function_definition') return null;
      return { kind: 'function', name: node, node: parent };
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
