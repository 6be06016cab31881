import type { Node, Tree } from 'web-tree-sitter';
import { Bindings, definitionEnd, type Definition } from './bindings';
import { callerArguments } from './callers';
import { Tracker, type Dependencies } from './dependencies';
import { environmentRead, mayReadVariable, type EnvironmentRead } from './environment';
import { interpolations } from './interpolation';
import { Members } from './members';
import { Receivers } from './receiver';
import { functionReturn, returnedExpressions, visibleFunction } from './returns';
import {
  calleeOf,
  contains,
  enclosingFunction,
  isCall,
  isFunction,
  isMember,
  isStringLike,
  keyText,
  subscriptKeys,
  literalSegments,
  memberName,
  memberObject,
  mergeSegments,
  numberLiteral,
  rangeOf,
  sameNode,
  unwrap,
  fallbackSides,
} from './syntax';
import type { PromptSegment, TextRange } from './types';
import { calleeName, isNullish, isStaticValue, passedThrough, stronger, type Via } from './values';

export { isNullish, isStaticValue, type Via } from './values';

export interface Resolved {
  node: Node;
  via: Via;
}

export interface SegmentsResult {
  segments: PromptSegment[];
  /** literal: written in place; constant: through a name, all static; dynamic: some part known only at run time. */
  via: 'literal' | 'constant' | 'dynamic';
  /** Where the text is written in this file: the literal, possibly in a constant's definition (none when elsewhere). */
  range?: TextRange;
  /** Nodes the value was read from (to look for markers such as `cache_control` in them). */
  sources: Node[];
}

/** What an import binds in the workspace: a definition in another module, or the module itself. */
export type ImportTarget = { definition: Definition } | { module: Resolver };

/**
 * What lies beyond this file: the other modules of the workspace, its `.env` files and config files. The
 * resolver asks synchronously; the workspace parses what it needs on demand and answers null when it cannot.
 */
export interface Workspace {
  /** The resolver that owns a tree of another file. */
  resolverOf(tree: Tree): Resolver | null;
  /** What `import`/`from ... import` binds: `member` null for the module itself, `default` for a default export. */
  imported(from: Resolver, module: string, member: string | null): ImportTarget | null;
  /** What a module exports under `name` (a definition, or a submodule). */
  exported(module: Resolver, name: string): ImportTarget | null;
  /** The variable's value in the `.env` files nearest the file (`set`), or only in an example file. */
  environment(from: Resolver, name: string): { set: Node | null; example: Node | null };
  /** The root value of a JSON/YAML/TOML file the code reads by that path. */
  configFile(from: Resolver, path: string): Node | null;
  /** Resolution stopped in this file (an import chain too long): the reason is kept for the user. */
  gaveUp(from: Resolver, reason: string): void;
}

export interface ResolverOptions {
  /** Record what each call depends on (for re-analysis after edits). */
  trackDependencies?: boolean;
  /** The path records give for this file (for `modelSource`). */
  file?: string;
  /** The file's absolute path in the workspace ('' outside one): imports and `.env` files are found from it. */
  path?: string;
  workspace?: Workspace | null;
  /** How a value written here counts when another file reads it: `cross-file`, or `config` for config files. */
  origin?: Via;
  /** The line in the file the text was made from (config files are read as generated JavaScript). */
  lineOf?: (node: Node) => number;
}

const maxDepth = 24;

/**
 * Value resolution: names, class and instance attributes (through base classes and `super().__init__`
 * arguments), enum members, default parameters, fallbacks (`x or "lit"`, `x ?? "lit"`), environment reads,
 * dict and object entries (with later `update`/`Object.assign`), spreads, what functions return, and, through
 * the workspace, other files, `.env` and config files.
 */
export class Resolver {
  readonly bindings: Bindings;
  readonly tracker: Tracker;
  readonly members: Members;
  readonly file: string;
  readonly path: string;
  readonly workspace: Workspace | null;
  readonly origin: Via;
  private readonly lineMap: ((node: Node) => number) | undefined;

  constructor(
    readonly text: string,
    readonly root: Node,
    readonly python: boolean,
    options: ResolverOptions = {},
  ) {
    this.tracker = new Tracker(options.trackDependencies ?? true);
    this.bindings = new Bindings(text, root, this.tracker);
    this.members = new Members(this);
    this.file = options.file ?? '';
    this.path = options.path ?? '';
    this.workspace = options.workspace ?? null;
    this.origin = options.origin ?? 'cross-file';
    this.lineMap = options.lineOf;
  }

  private receiverFinder: Receivers | undefined;

  /** Which SDK objects expressions of this file stand for. */
  get receivers(): Receivers {
    this.receiverFinder ??= new Receivers(this);
    return this.receiverFinder;
  }

  /** The source text between two offsets. */
  readonly slice = (start: number, end: number): string => this.text.slice(start, end);

  /** The 1-based line a node is written on, in the file the user sees. */
  lineOf(node: Node): number {
    return this.lineMap ? this.lineMap(node) : node.startPosition.row + 1;
  }

  /** The resolver of the file `node` belongs to: this one, another module's, or null when unknown. */
  owner(node: Node): Resolver | null {
    if (node.tree === this.root.tree) return this;
    return this.workspace?.resolverOf(node.tree) ?? null;
  }

  /** A value another file gave: at least `cross-file` (or `config`). */
  private across(owner: Resolver, resolved: Resolved | null): Resolved | null {
    if (!resolved || owner === this) return resolved;
    return { node: resolved.node, via: stronger(resolved.via, owner.origin) };
  }

  /** The expression that gives `expr` its value, and how it was reached; null when the code does not say. */
  private readonly resolved = new Map<number, { value: Resolved | null; dependencies: Dependencies }>();

  resolve(expr: Node, depth = 0): Resolved | null {
    if (depth > maxDepth) return null;
    const node = unwrap(expr);
    const owner = this.owner(node);
    if (owner !== this) return owner ? this.across(owner, owner.resolve(node, depth + 1)) : null;
    return this.tracker.memo(this.resolved, node.id, () => this.resolveNode(node, depth), null);
  }

  private resolveNode(node: Node, depth: number): Resolved | null {
    switch (node.type) {
      case 'identifier':
      case 'shorthand_property_identifier': {
        let definition = this.bindings.lookup(node.text, node);
        // `if m.startswith("models/"): m = m.split("/")[-1]`: the branch may not run, so the value before it
        // reaches the use too, and it is the one the code writes.
        if (definition && branchNormalises(definition, node))
          definition = this.bindings.lookup(node.text, definition.name) ?? definition;
        // `if not text: text = "this is blank"` on a parameter the callers must pass: the fallback is for an empty
        // argument; what the callers pass is the value.
        if (definition && emptinessFallback(definition, node)) {
          const before = this.bindings.lookup(node.text, definition.name);
          let first = before;
          while (first && tidiesItself(first)) first = this.bindings.lookup(node.text, first.name);
          if (before && first?.kind === 'param' && !first.value) definition = before;
        }
        return definition ? this.fromDefinition(definition, depth) : null;
      }
      case 'attribute':
      case 'member_expression': {
        const read = environmentRead(node);
        if (read) return this.fromEnvironment(read, depth);
        return this.firstAgreeing(this.members.definitions(node, depth), depth);
      }
      case 'subscript':
      case 'subscript_expression': {
        const read = environmentRead(node);
        if (read) return this.fromEnvironment(read, depth);
        const object = node.childForFieldName(node.type === 'subscript' ? 'value' : 'object');
        const index = node.childForFieldName(node.type === 'subscript' ? 'subscript' : 'index');
        const key = index ? this.string(index, depth + 1)?.value : undefined;
        const entry = object && key !== undefined ? this.entries(object, depth + 1)?.get(key) : undefined;
        return entry ? this.asConstant(this.resolve(entry, depth + 1)) : null;
      }
      case 'boolean_operator':
      case 'binary_expression':
        return this.fallback(node, depth);
      case 'conditional_expression':
      case 'ternary_expression':
        return null;
      case 'call':
      case 'call_expression':
        return this.callValue(node, depth);
      default:
        return { node, via: 'literal' };
    }
  }

  /** `x or "lit"`, `x ?? "lit"`, `x || "lit"`: the left side when the code says what it is, else the fallback. */
  private fallback(node: Node, depth: number): Resolved | null {
    const sides = fallbackSides(node);
    if (!sides) return { node, via: 'literal' };
    const { left, right } = sides;
    const read = left ? environmentRead(left) : null;
    if (read) return this.fromEnvironment({ name: read.name, fallback: read.fallback ?? right }, depth);
    const fromLeft = left ? this.resolve(left, depth + 1) : null;
    if (fromLeft && isStaticValue(fromLeft.node)) return fromLeft;
    const fromRight = right ? this.resolve(right, depth + 1) : null;
    return fromRight ? { node: fromRight.node, via: fromRight.via === 'literal' ? 'constant' : fromRight.via } : null;
  }

  /** A call's value when the code shows it: an environment read, a pass-through, `d.get(k, default)`, a return. */
  private callValue(node: Node, depth: number): Resolved | null {
    const read = environmentRead(node);
    if (read) return this.fromEnvironment(read, depth);
    const through = passedThrough(node);
    if (through) return this.asConstant(this.resolve(through, depth + 1));
    const entry = this.dictGet(node, depth);
    if (entry !== undefined) return entry;
    const config = this.configLoad(node);
    if (config) return { node: config, via: 'config' };
    const returned = functionReturn(this, node, depth);
    if (returned) return returned.via === 'literal' ? { node: returned.node, via: 'constant' } : returned;
    return { node, via: 'literal' };
  }

  /** `settings.get("model", "gpt-4o")` on a dict the code shows: the entry, else the default. */
  private dictGet(call: Node, depth: number): Resolved | null | undefined {
    const callee = calleeOf(call);
    if (!callee || !isMember(callee) || memberName(callee) !== 'get') return undefined;
    const object = memberObject(callee);
    const args = call.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => !!n) ?? [];
    const key = args[0] ? this.string(args[0], depth + 1)?.value : undefined;
    if (!object || key === undefined) return undefined;
    const entries = this.entries(object, depth + 1);
    if (!entries) return undefined;
    const entry = entries.get(key);
    if (entry) return this.asConstant(this.resolve(entry, depth + 1));
    return args[1] ? this.asConstant(this.resolve(args[1], depth + 1)) : null;
  }

  /** `yaml.safe_load(open("config.yaml"))`, `json.load(f)`, `JSON.parse(readFileSync("x.json"))`: the file's root. */
  private configLoad(call: Node): Node | null {
    if (!this.workspace) return null;
    const name = calleeName(call);
    if (!name || !/^(safe_load|load|loads|parse|full_load|read|load_config)$/.test(name)) return null;
    const path = configPathIn(this, call);
    return path ? this.workspace.configFile(this, path) : null;
  }

  /** An environment variable: its `.env` value, else the code's default, else an example file's value. */
  private fromEnvironment(read: EnvironmentRead, depth: number): Resolved | null {
    this.tracker.name(read.name);
    const files =
      this.workspace && mayReadVariable(read.name)
        ? this.workspace.environment(this, read.name)
        : { set: null, example: null };
    if (files.set) return { node: files.set, via: 'config' };
    const fallback = read.fallback ? this.resolve(read.fallback, depth + 1) : null;
    if (fallback && !isNullish(fallback.node))
      return { node: fallback.node, via: stronger(fallback.via, 'env-default') };
    return files.example ? { node: files.example, via: 'config' } : null;
  }

  /**
   * The value several definitions agree on (`self.model = model` then `self.model = model or "x"`, or a
   * placeholder `None` then the real value): one static value among them wins, two different ones are ambiguous.
   */
  private firstAgreeing(definitions: Definition[], depth: number): Resolved | null {
    if (definitions.length === 0) return null;
    if (definitions.length === 1) return this.fromDefinition(definitions[0], depth);
    let first: Resolved | null = null;
    let staticValue: Resolved | null = null;
    for (const definition of definitions) {
      const resolved = this.fromDefinition(definition, depth);
      if (!resolved) continue;
      if (isStaticValue(resolved.node)) {
        if (staticValue && this.textOf(staticValue) !== this.textOf(resolved)) return null;
        staticValue ??= resolved;
      } else if (!isNullish(resolved.node)) first ??= resolved;
    }
    return staticValue ?? first;
  }

  private textOf(resolved: Resolved): string | undefined {
    return this.owner(resolved.node)?.string(resolved.node)?.value;
  }

  string(expr: Node, depth = 0): { value: string; via: Via; node: Node } | null {
    const resolved = this.resolve(expr, depth);
    if (!resolved) return null;
    const owner = this.owner(resolved.node);
    if (!owner) return null;
    let segments = literalSegments(resolved.node);
    if (segments?.some((s) => s.kind === 'dynamic')) segments = owner.segments(resolved.node, depth + 1).segments;
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
      const owner = this.owner(node);
      if (!owner) return null;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const a = left ? owner.number(left, depth + 1) : null;
      const b = right ? owner.number(right, depth + 1) : null;
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

  /**
   * Key → value expression of a dict/object literal (with entries the function adds later), a `dict(...)` call,
   * or any call's keyword arguments.
   */
  entries(expr: Node, depth = 0): Map<string, Node> | null {
    if (depth > maxDepth) return null;
    const owner = this.owner(unwrap(expr));
    if (owner !== this) return owner ? owner.entries(expr, depth + 1) : null;
    const returned = this.returnedName(expr, depth);
    if (returned) return this.entries(returned, depth + 1);
    // `kwargs = build(opts)`: what `build` adds to the dict it returns counts, and so does what this function adds.
    const bound = this.boundValue(expr);
    const returnedByBound = bound ? this.returnedName(bound, depth) : null;
    if (returnedByBound) {
      const map = this.entries(returnedByBound, depth + 1);
      if (map) this.addAssignedEntries(expr, map, depth);
      return map;
    }
    const resolved = this.resolve(expr, depth);
    if (!resolved) return null;
    const node = resolved.node;
    const nodeOwner = this.owner(node);
    if (nodeOwner !== this) {
      const foreign = nodeOwner ? nodeOwner.entries(node, depth + 1) : null;
      if (foreign) this.addAssignedEntries(expr, foreign, depth);
      return foreign;
    }
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
      this.addAssignedEntries(expr, map, depth);
      return map;
    }
    if (isCall(node)) {
      const callee = calleeOf(node);
      if (node.type !== 'new_expression' && callee && visibleFunction(this, unwrap(callee), depth)) {
        // A function whose returns did not resolve: its arguments are not its result's entries; only what the
        // code adds to the result afterwards (`params.update(...)`) is known.
        this.addAssignedEntries(expr, map, depth);
        return map.size > 0 ? map : null;
      }
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
        } else if (child && this.python && (child.type === 'dictionary' || child.type === 'identifier')) {
          // A settings dict passed whole: `model.with_config(config)`, `Model({...})`.
          const value = this.resolve(child, depth + 1)?.node;
          const inner = value?.type === 'dictionary' ? this.entries(child, depth + 1) : null;
          if (inner) for (const [k, v] of inner) if (!map.has(k)) map.set(k, v);
        }
      }
      this.addAssignedEntries(expr, map, depth);
      return map;
    }
    return null;
  }

  /** The value a local name is bound to where it is used (`kwargs` of `kwargs = build(opts)` → `build(opts)`). */
  private boundValue(expr: Node): Node | null {
    const name = unwrap(expr);
    if (name.type !== 'identifier') return null;
    const definition = this.bindings.lookup(name.text, name);
    return definition?.kind === 'value' ? definition.value : null;
  }

  /**
   * The name a called function returns, when it has one return and that is a local name
   * (`params = {}; if x: params["max_tokens"] = x; return params`): its entries include those added after the
   * name was bound, which the returned value alone does not show.
   */
  private returnedName(expr: Node, depth: number): Node | null {
    const call = unwrap(expr);
    if (!isCall(call) || call.type === 'new_expression') return null;
    const callee = calleeOf(call);
    const fn = callee ? visibleFunction(this, unwrap(callee), depth) : null;
    const owner = fn ? this.owner(fn) : null;
    if (!fn || !owner) return null;
    const returns = returnedExpressions(owner, fn);
    const name = returns.length === 1 ? unwrap(returns[0]) : null;
    if (name?.type !== 'identifier') return null;
    const definition = owner.bindings.lookup(name.text, name);
    return definition?.kind === 'value' && sameNode(enclosingFunction(definition.name), fn) ? name : null;
  }

  /**
   * Entries a function adds to a dict or object after binding it to a name, before `use`:
   * `params["k"] = v`, `params.k = v`, `params.update({...})` / `params.update(k=v)`, `Object.assign(params, {...})`.
   */
  private addAssignedEntries(use: Node, map: Map<string, Node>, depth: number): void {
    const name = unwrap(use);
    if (name.type !== 'identifier') return;
    const definition = this.bindings.lookup(name.text, name);
    // A dict the function binds, or one passed in (`model_kwargs["max_tokens"] = ...` on a parameter).
    if (definition?.kind !== 'value' && definition?.kind !== 'param') return;
    const scope = enclosingFunction(definition.name);
    if (scope?.startIndex !== enclosingFunction(name)?.startIndex) return;
    const from = (definition.value ?? definition.name).endIndex;
    const to = name.startIndex;
    for (const offset of this.bindings.occurrences(name.text, from, to)) {
      const node = this.root.descendantForIndex(offset, offset + name.text.length);
      const parent = node?.parent;
      if (!node || !parent) continue;
      if (parent.type === 'subscript' || parent.type === 'subscript_expression' || isMember(parent)) {
        if (!sameNode(memberObject(parent) ?? parent.childForFieldName('value'), node)) continue;
        const assignment = parent.parent;
        if (isMember(parent) && memberName(parent) === 'update' && assignment && isCall(assignment)) {
          this.addEntriesOf(assignment, map, depth);
          continue;
        }
        if (!assignment || (assignment.type !== 'assignment' && assignment.type !== 'assignment_expression')) continue;
        if (!sameNode(assignment.childForFieldName('left'), parent)) continue;
        // `d["k"] = d.get("k", 5)`: the entry being written is not one the right side reads.
        if (assignment.endIndex >= to) continue;
        const value = assignment.childForFieldName('right');
        const keyNode = isMember(parent)
          ? null
          : parent.childForFieldName(parent.type === 'subscript' ? 'subscript' : 'index');
        // A subscript names its entry by a literal, or by a loop over literals (`for key in ("a", "b")`).
        const keys = isMember(parent) ? [memberName(parent)] : keyNode ? (subscriptKeys(keyNode) ?? []) : [];
        for (const key of keys) if (key && value) map.set(key, value);
      } else if (parent.type === 'arguments' && parent.firstNamedChild && sameNode(parent.firstNamedChild, node)) {
        const call = parent.parent;
        if (call && calleeOf(call)?.text.replace(/\s/g, '') === 'Object.assign') {
          for (const source of parent.namedChildren.slice(1)) {
            const entries = source ? this.entries(source, depth + 1) : null;
            if (entries) for (const [k, v] of entries) map.set(k, v);
          }
        }
      }
    }
  }

  /** The entries an `update(...)` call adds: its dict argument's and its keyword arguments. */
  private addEntriesOf(call: Node, map: Map<string, Node>, depth: number): void {
    for (const child of call.childForFieldName('arguments')?.namedChildren ?? []) {
      if (!child) continue;
      if (child.type === 'keyword_argument') {
        const key = child.childForFieldName('name');
        const value = child.childForFieldName('value');
        if (key && value) map.set(key.text, value);
      } else {
        const entries = this.entries(child, depth + 1);
        if (entries) for (const [k, v] of entries) map.set(k, v);
      }
    }
  }

  /** Elements of a list/array/tuple literal, following names, splats and same-function `append`/`push`. */
  elements(expr: Node, depth = 0): Node[] | null {
    if (depth > maxDepth) return null;
    const resolved = this.resolve(expr, depth);
    if (!resolved) return null;
    const node = resolved.node;
    const owner = this.owner(node);
    if (owner !== this) return owner ? owner.elements(node, depth + 1) : null;
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
    if (name.type === 'identifier' && this.owner(name) === this) items.push(...this.appended(name.text, node, expr));
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
    const local = this.owner(node) === this;
    const dynamic = (): SegmentsResult => ({
      segments: [{ kind: 'dynamic', expression: node.text, ...(local ? { range: rangeOf(node) } : {}) }],
      via: 'dynamic',
      range: local ? rangeOf(node) : undefined,
      sources: [node],
    });
    if (depth > maxDepth) return dynamic();
    const owner = this.owner(node);
    if (owner !== this) {
      if (!owner) return dynamic();
      const foreign = owner.segments(node, depth + 1);
      // Offsets of another file mean nothing here: the text stays, the ranges go.
      const segments = foreign.segments.map(({ range: _range, ...segment }) => segment);
      return {
        segments,
        via: foreign.via === 'literal' ? 'constant' : foreign.via,
        range: undefined,
        sources: foreign.sources,
      };
    }
    const literal = literalSegments(node);
    if (literal) {
      if (literal.every((s) => s.kind === 'static')) {
        return { segments: literal, via: 'literal', range: rangeOf(node), sources: [node] };
      }
      return this.interpolated(node, literal, depth);
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

  /**
   * An f-string or template literal: each `{NAME}` / `${NAME}` that resolves to known text counts as that text
   * (a constant system prompt inside a template is static, tokens included).
   */
  private interpolated(node: Node, literal: PromptSegment[], depth: number): SegmentsResult {
    const fields = interpolations(node);
    const segments: PromptSegment[] = [];
    const sources: Node[] = [node];
    let substituted = false;
    let index = 0;
    for (const segment of literal) {
      if (segment.kind === 'static') {
        segments.push(segment);
        continue;
      }
      const field = fields[index++];
      const inner = field ? this.segments(field, depth + 1) : null;
      if (!inner || inner.via === 'dynamic') {
        segments.push(segment);
        continue;
      }
      substituted = true;
      segments.push(...inner.segments);
      sources.push(...inner.sources);
    }
    const merged = mergeSegments(segments, this.slice);
    const dynamicLeft = merged.some((s) => s.kind === 'dynamic');
    return {
      segments: merged,
      via: dynamicLeft ? 'dynamic' : substituted ? 'constant' : 'literal',
      range: rangeOf(node),
      sources,
    };
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
      // A tagged template (dedent`...`) is its own argument.
      const text = args?.type === 'template_string' ? args : first;
      if ((name === 'dedent' || name === 'cleandoc') && text) return this.segments(text, depth + 1);
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
      const fill = this.formatArguments(args, depth);
      const segments: PromptSegment[] = [];
      const sources = [...inner.sources];
      for (const segment of inner.segments) {
        if (segment.kind === 'dynamic') {
          segments.push(segment);
          continue;
        }
        for (const part of formatFields(segment, this.text)) {
          // A field given known text (`.format(context=CONTEXT)`, a module constant) is that text.
          const known = part.kind === 'dynamic' ? fill(part.expression) : null;
          if (known) sources.push(...known.sources);
          segments.push(...(known?.segments ?? [part]));
        }
      }
      const hasDynamic = segments.some((s) => s.kind === 'dynamic');
      const via = hasDynamic
        ? 'dynamic'
        : inner.via === 'literal' && sources.length === inner.sources.length
          ? 'literal'
          : 'constant';
      return { ...inner, segments: mergeSegments(segments, this.slice), via, sources };
    }
    if ((method === 'replace' || method === 'replaceAll') && args) {
      const [target, replacement] = entriesOfArguments(args);
      const placeholder = target && isStringLike(target) ? this.string(target, depth + 1)?.value : undefined;
      if (!placeholder || !replacement || (args.namedChildren.length > 2 && this.python)) return null;
      const inner = this.segments(object, depth + 1);
      if (inner.via === 'dynamic' && !inner.segments.some((s) => s.kind === 'static')) return null;
      const value = this.segments(replacement, depth + 1);
      const insert: PromptSegment[] =
        value.via === 'dynamic' && !value.segments.some((s) => s.kind === 'static')
          ? [{ kind: 'dynamic', expression: replacement.text }]
          : value.segments;
      // Python replaces every occurrence; JavaScript's replace only the first.
      const all = this.python || method === 'replaceAll';
      let left = all ? Infinity : 1;
      const segments: PromptSegment[] = [];
      for (const segment of inner.segments) {
        if (segment.kind === 'dynamic' || left === 0) {
          segments.push(segment);
          continue;
        }
        for (const part of splitAt(segment, placeholder, left, this.text)) {
          if (part === null) {
            segments.push(...insert);
            left--;
          } else segments.push(part);
        }
      }
      const hasDynamic = segments.some((s) => s.kind === 'dynamic');
      return {
        segments: mergeSegments(segments, this.slice),
        via: hasDynamic ? 'dynamic' : 'constant',
        range: rangeOf(node),
        sources: [...inner.sources, ...value.sources],
      };
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
      return { segments: mergeSegments(segments, this.slice), via, range: rangeOf(node), sources };
    }
    return null;
  }

  /**
   * The text a `.format(...)` call gives a field, when its argument resolves to known text: `{context}` from
   * `context=CONTEXT`, `{}` and `{0}` from the positional arguments. Null for a field given a dynamic value.
   */
  private formatArguments(args: Node | null, depth: number): (field: string) => SegmentsResult | null {
    const positional: Node[] = [];
    const named = new Map<string, Node>();
    for (const argument of args ? entriesOfArguments(args) : []) {
      if (argument.type === 'keyword_argument') {
        const key = argument.childForFieldName('name');
        const value = argument.childForFieldName('value');
        if (key && value) named.set(key.text, value);
      } else if (argument.type !== 'list_splat' && argument.type !== 'dictionary_splat') positional.push(argument);
    }
    let next = 0;
    return (field) => {
      const value =
        field === '{}' ? positional[next++] : /^\d+$/.test(field) ? positional[Number(field)] : named.get(field);
      if (!value) return null;
      const known = this.segments(value, depth + 1);
      return known.via === 'dynamic' ? null : known;
    };
  }

  /** The definition behind `obj.name` (the first of `Members.definitions`, preferring a real value). */
  memberDefinition(member: Node, depth = 0): Definition | null {
    const all = this.members.definitions(member, depth);
    return (
      all.find((d) => d.kind === 'value' && !isNullish(d.value)) ??
      all.find((d) => d.kind === 'value') ??
      all[0] ??
      null
    );
  }

  /** A class (or enum) that `typeName` names, in this file or imported. */
  localClass(typeName: Node): Node | null {
    return this.members.annotationClass(typeName, 0);
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

  /** Every definition of a member in the class itself, in text order. */
  classMembers(cls: Node, name: string): Definition[] {
    const owner = this.owner(cls);
    if (owner !== this) return owner ? owner.classMembers(cls, name) : [];
    return this.members.own(cls, name);
  }

  /** The class a `self.x` / `this.x` member expression belongs to, or null for other objects. */
  ownerClass(member: Node): Node | null {
    return this.members.selfClass(member);
  }

  private readonly definitionValues = new Map<Definition, { value: Resolved | null; dependencies: Dependencies }>();

  /** The value a definition gives, in the file it is written in. Memoised: many calls read the same constant. */
  fromDefinition(definition: Definition, depth: number): Resolved | null {
    const owner = this.owner(definition.name);
    if (owner !== this) return owner ? this.across(owner, owner.fromDefinition(definition, depth + 1)) : null;
    if (depth > maxDepth) {
      if (definition.kind === 'import' && this.workspace)
        this.workspace.gaveUp(this, `import chain longer than ${maxDepth} steps: not followed further`);
      return null;
    }
    return this.tracker.memo(this.definitionValues, definition, () => this.computeDefinition(definition, depth), null);
  }

  private computeDefinition(definition: Definition, depth: number): Resolved | null {
    switch (definition.kind) {
      case 'value': {
        if (contains(definition.value, definition.name) && sameTree(definition.value, definition.name)) return null;
        // `self.model = self.model or "x"`: keep what was set, else the fallback. What was set comes from outside
        // (another definition of the same attribute is another branch), so the fallback is the default here.
        const fallback = selfFallback(definition.name, definition.value);
        return this.asConstant(this.resolve(fallback ?? definition.value, depth + 1));
      }
      case 'param': {
        if (!definition.value) return this.fromCallers(definition.name, depth);
        const resolved = this.resolve(definition.value, depth + 1);
        return resolved ? { node: resolved.node, via: stronger(resolved.via, 'default-param') } : null;
      }
      case 'import': {
        const target = this.workspace?.imported(this, definition.module, definition.member);
        return target && 'definition' in target ? this.fromDefinition(target.definition, depth + 1) : null;
      }
      default:
        return null;
    }
  }

  /** A parameter without a default: the value every call in this file passes, when they all pass the same one. */
  private fromCallers(parameter: Node, depth: number): Resolved | null {
    const args = callerArguments(this, parameter);
    if (!args) return null;
    let agreed: Resolved | null = null;
    for (const argument of args) {
      const resolved = this.resolve(argument, depth + 1);
      if (!resolved || !isStaticValue(resolved.node)) return null;
      if (agreed && this.textOf(agreed) !== this.textOf(resolved)) return null;
      agreed ??= resolved;
    }
    return agreed ? this.asConstant(agreed) : null;
  }

  asConstant(resolved: Resolved | null): Resolved | null {
    if (!resolved) return null;
    return resolved.via === 'literal' ? { node: resolved.node, via: 'constant' } : resolved;
  }

  /** Records that the value read the text between two offsets of this file. */
  depends(definition: Definition): void {
    if (this.owner(definition.name) === this) this.tracker.range(definition.name.startIndex, definitionEnd(definition));
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

/**
 * A static segment split at up to `limit` occurrences of `placeholder`, each occurrence given as null. The parts
 * keep their ranges when the segment's text is written as it reads.
 */
function splitAt(
  segment: PromptSegment & { kind: 'static' },
  placeholder: string,
  limit: number,
  source: string,
): (PromptSegment | null)[] {
  const { range } = segment;
  const placed = range !== undefined && source.slice(range.start, range.end) === segment.text;
  const parts: (PromptSegment | null)[] = [];
  let from = 0;
  for (let found = segment.text.indexOf(placeholder); found >= 0 && limit > 0; limit--) {
    parts.push(staticPart(segment.text, from, found, placed ? range : undefined), null);
    from = found + placeholder.length;
    found = segment.text.indexOf(placeholder, from);
  }
  parts.push(staticPart(segment.text, from, segment.text.length, placed ? range : undefined));
  return parts.filter((part) => part === null || (part.kind === 'static' && part.text !== ''));
}

/** A call's arguments, comments left out. */
function entriesOfArguments(args: Node): Node[] {
  return args.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
}

function staticPart(text: string, start: number, end: number, range: TextRange | undefined): PromptSegment {
  return {
    kind: 'static',
    text: text.slice(start, end),
    ...(range ? { range: { start: range.start + start, end: range.start + end } } : {}),
  };
}

/** The fallback of `target = target or fallback` (also `??`, `||`), when the target is the attribute being set. */
function selfFallback(name: Node, value: Node): Node | null {
  const sides = fallbackSides(unwrap(value));
  if (!sides) return null;
  const target = isMember(name.parent ?? name) ? (name.parent as Node) : name;
  return sides.left && sides.left.text.replace(/\s/g, '') === target.text.replace(/\s/g, '') ? sides.right : null;
}

function sameTree(a: Node, b: Node): boolean {
  return a.tree === b.tree;
}

const configExtension = /\.(json|ya?ml|toml)$/i;

/** The config file path written in a loader call's arguments (`open("config.yaml")`, `Path(__file__).parent / "x.json"`). */
function configPathIn(resolver: Resolver, call: Node): string | null {
  const args = call.childForFieldName('arguments');
  if (!args) return null;
  let found: string | null = null;
  const visit = (node: Node, depth: number): void => {
    if (found || depth > 6) return;
    const value = node.type === 'string' || node.type === 'identifier' ? resolver.string(node)?.value : undefined;
    if (value && configExtension.test(value)) {
      found = value;
      return;
    }
    for (const child of node.namedChildren) if (child) visit(child, depth + 1);
  };
  visit(args, 0);
  if (found) return found;
  // `with open("config.yaml") as f: data = yaml.safe_load(f)`: the name's definition holds the path.
  const first = args.firstNamedChild;
  if (first?.type === 'identifier') {
    const definition = resolver.bindings.lookup(first.text, first);
    if (definition?.kind === 'value' && isCall(definition.value)) visit(definition.value, 0);
  }
  return found;
}

const branches = new Set(['if_statement', 'elif_clause', 'else_clause', 'if_clause']);

/** String methods that tidy a name (strip a prefix, a path, spaces, case), called with simple arguments. */
const tidying =
  '(?:\\s*\\.\\s*(?:split|rsplit|replace|strip|lstrip|rstrip|removeprefix|removesuffix|lower|upper|trim|trimStart|trimEnd|toLowerCase|toUpperCase|slice|substring)\\s*\\([^()]*\\)|\\s*\\[[^\\]]*\\])+';

/** `m = m.split("/")[-1]`, `text = text.replace("\\n", " ")`: a value that only tidies the name it is bound to. */
function tidiesItself(definition: Definition): boolean {
  if (definition.kind !== 'value') return false;
  const name = definition.name.text;
  const value = definition.value.text;
  return value.startsWith(name) && new RegExp(`^${name.replace(/\$/g, '\\$')}${tidying}$`).test(value);
}

/**
 * A value definition in the body of an `if` the use is outside of (not its `else`), whose condition only tests the
 * name for emptiness (`if not text:`, `if text is None:`, `if (!text)`, `if (text === undefined)`).
 */
function emptinessFallback(definition: Definition, use: Node): boolean {
  if (definition.kind !== 'value') return false;
  const name = definition.name.text.replace(/\$/g, '\\$');
  const empty = new RegExp(
    `^\\(?\\s*(?:not\\s+${name}|${name}\\s+is\\s+None|!\\s*${name}|${name}\\s*===?\\s*(?:None|null|undefined|""|''))\\s*\\)?$`,
  );
  for (let p = definition.name.parent; p && !isFunction(p); p = p.parent) {
    if (p.type !== 'if_statement') continue;
    const body = p.childForFieldName('consequence');
    return (
      !!body &&
      contains(body, definition.name) &&
      !contains(p, use) &&
      empty.test(p.childForFieldName('condition')?.text ?? '')
    );
  }
  return false;
}

/**
 * A value definition in a branch the use is outside of (`if`, `elif`, `else`) that only tidies the name itself
 * (`m = m.split("/")[-1]`, `m = m.removeprefix("models/")`): the branch may not run, and the value before it is
 * the one the code writes. Not a value built from the name (`p = "Terminal: " + p`): that adds to it.
 */
function branchNormalises(definition: Definition, use: Node): boolean {
  if (!tidiesItself(definition)) return false;
  for (let p = definition.name.parent; p && !isFunction(p); p = p.parent) {
    if (branches.has(p.type)) return !contains(p, use);
  }
  return false;
}
