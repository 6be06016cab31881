import type { Node } from 'web-tree-sitter';
import type { Tracker } from './dependencies';
import { contains, enclosingFunction, isClass, isFunction, keyText, sameNode, unwrap } from './syntax';

/** What a name is bound to at some point of the file. */
export type Definition =
  | { kind: 'value'; name: Node; value: Node }
  | { kind: 'param'; name: Node; value: Node | null; annotation: Node | null }
  | { kind: 'annotation'; name: Node; annotation: Node }
  /** `member` null: the whole module; `default`: a JS default import. */
  | { kind: 'import'; name: Node; module: string; member: string | null }
  | { kind: 'class'; name: Node; node: Node }
  /** A named function (a client factory such as `def get_client() -> OpenAI`). */
  | { kind: 'function'; name: Node; node: Node };

interface Scoped {
  definition: Definition;
  /** The function the name is local to; null at module level. */
  scope: Node | null;
  /** Python class-body names are not visible inside the class's methods. */
  classBody: Node | null;
  /** The scope's offsets, kept as numbers: comparing them needs no call into wasm. */
  scopeStart: number;
  scopeEnd: number;
  position: number;
  /** A value definition's value offsets: a name read inside its own value (`x = x or 1`) means the earlier `x`. */
  valueStart: number;
  valueEnd: number;
}

const identifierTypes = new Set(['identifier', 'type_identifier', 'shorthand_property_identifier_pattern']);

/**
 * Finds where names are defined, lazily: the occurrences of a name are found in the text (cheap) and only those
 * nodes are looked at, so the cost follows the names a call needs, not the size of the file.
 */
export class Bindings {
  private readonly byName = new Map<string, Scoped[]>();

  constructor(
    private readonly text: string,
    private readonly root: Node,
    private readonly tracker: Tracker,
  ) {}

  /** The definition of `name` visible at `at`: the innermost scope, the last one before `at` in it. */
  lookup(name: string, at: Node): Definition | null {
    this.tracker.name(name);
    const found = this.find(name, at);
    if (found) this.tracker.range(found.name.startIndex, definitionEnd(found));
    return found;
  }

  private find(name: string, at: Node): Definition | null {
    const candidates = this.definitions(name);
    if (candidates.length === 0) return null;
    // Walking up to the enclosing function costs calls into wasm: only done when a class body needs it.
    const atFunction = candidates.some((c) => c.classBody) ? enclosingFunction(at) : null;
    const atStart = at.startIndex;
    let best: Scoped | null = null;
    let bestDepth = -2;
    for (const candidate of candidates) {
      if (candidate.scope && (atStart < candidate.scopeStart || atStart >= candidate.scopeEnd)) continue;
      if (atStart >= candidate.valueStart && atStart < candidate.valueEnd) continue;
      if (candidate.classBody && !this.visibleFromClassBody(candidate, at, atFunction)) continue;
      const depth = candidate.scope ? candidate.scopeStart : -1;
      if (depth > bestDepth) {
        best = candidate;
        bestDepth = depth;
      } else if (depth === bestDepth && best) {
        const bestBefore = best.position < atStart;
        const before = candidate.position < atStart;
        if (before && (!bestBefore || candidate.position > best.position)) best = candidate;
      }
    }
    return best?.definition ?? null;
  }

  /** The module-level definition of `name` that comes last in the text: what another module importing it sees. */
  moduleLevel(name: string): Definition | null {
    this.tracker.name(name);
    const candidates = this.definitions(name).filter((c) => c.scope === null && c.classBody === null);
    return candidates[candidates.length - 1]?.definition ?? null;
  }

  /** Every definition of `name` in the file, in text order. */
  all(name: string): Definition[] {
    return this.definitions(name).map((d) => d.definition);
  }

  /** Offsets where `name` occurs as a whole word. */
  occurrences(name: string, from = 0, to = this.text.length): number[] {
    const found: number[] = [];
    if (!name) return found;
    for (let i = this.text.indexOf(name, from); i >= 0 && i < to; i = this.text.indexOf(name, i + name.length)) {
      if (isWordChar(this.text.charCodeAt(i - 1)) || isWordChar(this.text.charCodeAt(i + name.length))) continue;
      found.push(i);
    }
    return found;
  }

  /**
   * A text-only filter before looking at the tree: `x.attr`, `x(...)`, `x[...]` and `obj.x` never bind `x`
   * (except `class x(...)`), and most occurrences of a name are such uses.
   */
  private mayDefine(offset: number, length: number): boolean {
    const text = this.text;
    let before = offset - 1;
    while (before >= 0 && (text[before] === ' ' || text[before] === '\t')) before--;
    if (text[before] === '.' && text[before - 1] !== '.') return false;
    let after = offset + length;
    while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
    const next = text[after];
    if (next === '.' || next === '[') return false;
    if (next === '(') return /\b(class|def|function)\s+$/.test(text.slice(Math.max(0, offset - 16), offset));
    return true;
  }

  private visibleFromClassBody(candidate: Scoped, at: Node, atFunction: Node | null): boolean {
    const body = candidate.classBody as Node;
    if (!contains(body, at)) return false;
    return !atFunction || !contains(body, atFunction);
  }

  private definitions(name: string): Scoped[] {
    let list = this.byName.get(name);
    if (list) return list;
    list = [];
    for (const offset of this.occurrences(name)) {
      if (!this.mayDefine(offset, name.length)) continue;
      const node = this.root.descendantForIndex(offset, offset + name.length);
      if (!node || !identifierTypes.has(node.type) || node.text !== name) continue;
      const definition = classify(node);
      if (definition) {
        const { scope, classBody } = scopeOf(definition);
        list.push({
          definition,
          scope,
          classBody,
          scopeStart: scope ? scope.startIndex : 0,
          scopeEnd: scope ? scope.endIndex : this.text.length,
          position: offset,
          valueStart: definition.kind === 'value' ? definition.value.startIndex : -1,
          valueEnd: definition.kind === 'value' ? definition.value.endIndex : -1,
        });
      }
    }
    this.byName.set(name, list);
    return list;
  }
}

/** Where a definition's text ends (its value, annotation, or the name itself). */
export function definitionEnd(definition: Definition): number {
  switch (definition.kind) {
    case 'value':
      return definition.value.endIndex;
    case 'param':
      return (definition.value ?? definition.annotation ?? definition.name).endIndex;
    case 'annotation':
      return definition.annotation.endIndex;
    default:
      return definition.name.endIndex;
  }
}

function isWordChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code === 36
  );
}

function scopeOf(definition: Definition): { scope: Node | null; classBody: Node | null } {
  const name = definition.name;
  if (definition.kind === 'import') return { scope: null, classBody: null };
  for (let p = name.parent; p; p = p.parent) {
    if (isFunction(p)) {
      // A function's own name belongs to the scope around it; a parameter to the function itself.
      if (sameNode(p.childForFieldName('name'), name)) continue;
      return { scope: p, classBody: null };
    }
    if (p.type === 'class_definition' && definition.kind !== 'class') return { scope: null, classBody: p };
  }
  return { scope: null, classBody: null };
}

function field(node: Node | null, name: string): Node | null {
  return node?.childForFieldName(name) ?? null;
}

/** The definition `name` (an identifier node) makes, if it is a defining occurrence. */
export function classify(name: Node): Definition | null {
  const parent = name.parent;
  if (!parent) return null;
  const is = (node: Node | null): boolean => sameNode(node, name);
  switch (parent.type) {
    // Python
    case 'assignment': {
      if (!is(field(parent, 'left'))) return null;
      const value = field(parent, 'right');
      if (value) return { kind: 'value', name, value };
      const annotation = field(parent, 'type');
      return annotation ? { kind: 'annotation', name, annotation } : null;
    }
    case 'named_expression':
      return is(field(parent, 'name')) && field(parent, 'value')
        ? { kind: 'value', name, value: field(parent, 'value') as Node }
        : null;
    case 'default_parameter':
    case 'typed_default_parameter':
      return is(field(parent, 'name'))
        ? { kind: 'param', name, value: field(parent, 'value'), annotation: field(parent, 'type') }
        : null;
    case 'typed_parameter':
      return { kind: 'param', name, value: null, annotation: field(parent, 'type') };
    case 'parameters':
    case 'lambda_parameters':
    case 'formal_parameters':
      return { kind: 'param', name, value: null, annotation: null };
    case 'as_pattern_target': {
      const pattern = parent.parent;
      const value = pattern?.type === 'as_pattern' ? pattern.firstNamedChild : null;
      return value ? { kind: 'value', name, value } : null;
    }
    case 'aliased_import':
      return is(field(parent, 'alias')) ? pythonImport(parent, name, field(parent, 'name')?.text ?? '') : null;
    case 'dotted_name': {
      const statement = parent.parent;
      if (statement?.type === 'import_statement' && is(parent.firstNamedChild)) {
        return { kind: 'import', name, module: name.text, member: null };
      }
      if (
        statement?.type === 'import_from_statement' &&
        !sameNode(statement.childForFieldName('module_name'), parent)
      ) {
        return pythonImport(parent, name, parent.text);
      }
      return null;
    }
    case 'class_definition':
    case 'class_declaration':
    case 'enum_declaration':
      return is(field(parent, 'name')) ? { kind: 'class', name, node: parent } : null;
    case 'function_definition':
    case 'function_declaration':
      return is(field(parent, 'name')) ? { kind: 'function', name, node: parent } : null;
    // JavaScript / TypeScript
    case 'variable_declarator': {
      if (!is(field(parent, 'name'))) return null;
      const value = field(parent, 'value');
      if (value) return { kind: 'value', name, value };
      return null;
    }
    case 'assignment_expression':
      return is(field(parent, 'left')) && field(parent, 'right')
        ? { kind: 'value', name, value: field(parent, 'right') as Node }
        : null;
    case 'required_parameter':
    case 'optional_parameter':
      return is(field(parent, 'pattern'))
        ? { kind: 'param', name, value: field(parent, 'value'), annotation: field(parent, 'type') }
        : null;
    case 'assignment_pattern':
      return is(field(parent, 'left'))
        ? { kind: 'param', name, value: field(parent, 'right'), annotation: null }
        : null;
    case 'import_clause':
      return jsImport(parent, name, 'default');
    case 'namespace_import':
      return jsImport(parent, name, null);
    case 'import_specifier': {
      const alias = field(parent, 'alias');
      const imported = field(parent, 'name');
      if (alias ? is(alias) : is(imported))
        return jsImport(parent, name, keyText(imported as Node) ?? imported?.text ?? null);
      return null;
    }
    case 'object_pattern':
      return name.type === 'shorthand_property_identifier_pattern' ? destructured(parent, name, name.text) : null;
    case 'object_assignment_pattern':
      // `const { model = "gpt-4o" } = options`, `function f({ model = "gpt-4o" })`: the value when the object lacks
      // the property, as a parameter's default is when the caller leaves it out.
      return is(field(parent, 'left'))
        ? { kind: 'param', name, value: field(parent, 'right'), annotation: null }
        : null;
    case 'pair_pattern': {
      if (!is(field(parent, 'value'))) return null;
      const key = field(parent, 'key');
      return parent.parent ? destructured(parent.parent, name, key ? keyText(key) : null) : null;
    }
    default:
      return null;
  }
}

function pythonImport(node: Node, name: Node, imported: string): Definition | null {
  let statement: Node | null = node;
  while (statement && statement.type !== 'import_statement' && statement.type !== 'import_from_statement') {
    statement = statement.parent;
  }
  if (!statement) return null;
  if (statement.type === 'import_statement') return { kind: 'import', name, module: imported, member: null };
  const module = statement.childForFieldName('module_name')?.text ?? '';
  return { kind: 'import', name, module, member: imported };
}

function jsImport(node: Node, name: Node, member: string | null): Definition | null {
  let statement: Node | null = node;
  while (statement && statement.type !== 'import_statement') statement = statement.parent;
  const source = statement?.childForFieldName('source');
  if (!source) return null;
  return { kind: 'import', name, module: keyText(source) ?? '', member };
}

/** `const { OpenAI } = require('openai')` and `const { generateText: gen } = await import('ai')`. */
function destructured(pattern: Node, name: Node, key: string | null): Definition | null {
  const declarator = pattern.parent;
  if (declarator?.type !== 'variable_declarator' || !key) return null;
  const value = declarator.childForFieldName('value');
  const module = value ? requiredModule(value) : null;
  if (module !== null) return { kind: 'import', name, module, member: key };
  return null;
}

/** The module of `require('x')` or `import('x')` (awaited or not), else null. */
export function requiredModule(expr: Node): string | null {
  const node = unwrap(expr);
  if (node.type !== 'call_expression') return null;
  const callee = node.childForFieldName('function');
  if (!callee || (callee.text !== 'require' && callee.type !== 'import')) return null;
  const argument = node.childForFieldName('arguments')?.firstNamedChild;
  return argument && argument.type === 'string' ? keyText(argument) : null;
}

export function isClassNode(node: Node): boolean {
  return isClass(node) || node.type === 'enum_declaration';
}
