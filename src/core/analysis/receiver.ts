import type { Node } from 'web-tree-sitter';
import { sdkEntry, sdkForJsModule, sdkForPythonModule, type ObjectKind, type SdkEntry } from '../sdk';
import { requiredModule, type Definition } from './bindings';
import type { Dependencies } from './dependencies';
import { callerArguments } from './callers';
import type { Resolver } from './resolver';
import { isNullish } from './values';
import {
  baseClassExpressions,
  calleeOf,
  enclosingFunction,
  expressionName,
  flatten,
  isCall,
  isMember,
  keyText,
  memberName,
  memberObject,
  unwrap,
} from './syntax';

/** An object an SDK handed out: a client, a model (LangChain, GenerativeModel), a chat session, a provider. */
export interface SdkObject {
  entry: SdkEntry;
  kind: ObjectKind;
  /** Calls whose arguments carry settings for calls made on the object (model constructor, `chats.create`). */
  settings: Node[];
  /** The client's constructor call (for `base_url`), when the file shows it. */
  construction: Node | null;
  /** Factory calls that derived the object without carrying settings (`bind_tools(...)`, `with_structured_output(...)`). */
  derivations: Node[];
  /** The SDK class or factory it was made by or annotated with (`AsyncGroq`), when the code shows it. */
  className?: string;
  /** The wrapper that handed the object back (instructor's `from_anthropic(client)`): its methods work on it too. */
  wrapper?: SdkEntry;
  /**
   * The other objects a factory may return, built with other settings (`AzureChatOpenAI(...)` in one branch,
   * `ChatOpenAI(...)` in another): a setting they do not all share is not known, and a fix edits each.
   */
  variants?: SdkObject[];
}

/** A name exported by an SDK module: `openai.OpenAI`, `generateText`, the `openai` module itself. */
export interface SdkSymbol {
  entry: SdkEntry;
  /** Names under the SDK module (`['chat', 'completions']`), empty for the module itself. */
  path: string[];
}

const maxDepth = 10;
/** Steps past which following an import is given up: a longer chain is a cycle, or too long to be worth it. */
const maxImportDepth = 4 * maxDepth;

/** Finds which SDK object or symbol an expression stands for, through the file's own definitions. */
export class Receivers {
  constructor(private readonly resolver: Resolver) {}

  symbol(expr: Node, depth = 0): SdkSymbol | null {
    if (depth > maxDepth) return null;
    const node = unwrap(expr);
    const owner = this.resolver.owner(node);
    if (owner !== this.resolver) return owner ? owner.receivers.symbol(node, depth + 1) : null;
    if (node.type === 'identifier' || node.type === 'type_identifier') {
      const definition = this.resolver.bindings.lookup(node.text, node);
      return definition ? this.symbolOf(definition, depth + 1) : null;
    }
    if (isMember(node) || node.type === 'nested_type_identifier') {
      const object = node.type === 'nested_type_identifier' ? node.firstNamedChild : memberObject(node);
      const name = node.type === 'nested_type_identifier' ? node.lastNamedChild?.text : memberName(node);
      const base = object ? this.symbol(object, depth + 1) : null;
      if (!base || !name) return null;
      if (this.resolver.python && base.path.length === 0) {
        // `google` + `genai`: the dotted name may be a deeper SDK module.
        return { entry: base.entry, path: [name] };
      }
      return { entry: base.entry, path: [...base.path, name] };
    }
    return null;
  }

  /** The SDK symbol a definition binds: an SDK import, `require`, an alias, or a re-export in another module. */
  private symbolOf(definition: Definition, depth: number): SdkSymbol | null {
    if (definition.kind === 'import') {
      const sdk = importSymbol(definition.module, definition.member, this.resolver.python);
      if (sdk) return sdk;
      // Imports can go round (`a` imports a name from `b`, which imports it from `a`).
      if (depth > maxImportDepth) return null;
      const target = this.foreign(definition);
      return target ? target.owner.receivers.symbolOf(target.definition, depth + 1) : null;
    }
    if (definition.kind === 'value') {
      const module = requiredModule(definition.value);
      if (module !== null) return importSymbol(module, null, false);
      const inner = unwrap(definition.value);
      if (inner.type === 'identifier' || isMember(inner)) return this.symbol(inner, depth + 1);
    }
    if (definition.kind === 'class') return this.subclassed(definition.node, depth + 1);
    return null;
  }

  /**
   * A class of the code that extends an SDK class (`class Wrapped(ChatOpenAI)`, `extends ChatAnthropic`) stands
   * for that class: constructing it makes the same object, its arguments carry the same settings.
   */
  private subclassed(cls: Node, depth: number): SdkSymbol | null {
    if (depth > maxDepth) return null;
    for (const base of baseClassExpressions(cls)) {
      const symbol = this.symbol(base, depth + 1);
      const name = symbol?.path[symbol.path.length - 1];
      if (symbol && name && symbol.entry.constructors.some((c) => c.name === name)) return symbol;
    }
    return null;
  }

  /** The definition a workspace import stands for, with the resolver of its file. */
  private foreign(definition: Definition & { kind: 'import' }): { owner: Resolver; definition: Definition } | null {
    const target = this.resolver.workspace?.imported(this.resolver, definition.module, definition.member);
    if (!target || !('definition' in target)) return null;
    const owner = this.resolver.owner(target.definition.name);
    return owner ? { owner, definition: target.definition } : null;
  }

  /** The SDK object `expr` evaluates to, when the code shows where it comes from. */
  object(expr: Node, depth = 0): SdkObject | null {
    if (depth > maxDepth) return null;
    const node = unwrap(expr);
    const owner = this.resolver.owner(node);
    if (owner !== this.resolver) return owner ? owner.receivers.object(node, depth + 1) : null;
    if (isCall(node)) return this.fromCall(node, depth);
    if (node.type === 'identifier') {
      const definition = this.resolver.bindings.lookup(node.text, node);
      if (!definition) return null;
      const found = this.resolver.tracker.memo(
        this.objects,
        definition,
        () => this.fromDefinition(definition, depth),
        null,
      );
      if (found?.className && this.builtSeveralWays(node.text, definition)) return { ...found, className: undefined };
      if (found || definition.kind !== 'value' || !isNullish(definition.value)) return found;
      return this.laterAssignment(node.text, depth);
    }
    return this.objectOfOther(node, depth);
  }

  private readonly objects = new Map<Definition, { value: SdkObject | null; dependencies: Dependencies }>();

  /**
   * Whether the name is built by different constructors in the definition's scope (`client = Anthropic()` in one
   * branch, `client = AnthropicBedrock()` in another): then which class made it, and so which cloud, is not known.
   */
  private builtSeveralWays(name: string, definition: Definition): boolean {
    const decided = this.severalWaysOf.get(definition);
    if (decided !== undefined) return decided;
    const scope = enclosingFunction(definition.name)?.startIndex ?? -1;
    // Once per name and scope: a function that builds its client again before each of a thousand calls
    // would otherwise walk every definition for every use.
    const key = `${name}\0${scope}`;
    const known = this.severalWays.get(key);
    if (known !== undefined) {
      this.severalWaysOf.set(definition, known);
      return known;
    }
    const callees = new Set<string>();
    for (const other of this.resolver.bindings.all(name)) {
      if (other.kind !== 'value') continue;
      const value = unwrap(other.value);
      const callee = isCall(value) ? calleeOf(value) : null;
      if (!callee || callees.has(callee.text)) continue;
      if ((enclosingFunction(other.name)?.startIndex ?? -1) === scope) callees.add(callee.text);
    }
    const several = callees.size > 1;
    this.severalWays.set(key, several);
    this.severalWaysOf.set(definition, several);
    return several;
  }

  private readonly severalWays = new Map<string, boolean>();
  private readonly severalWaysOf = new Map<Definition, boolean>();

  /** The SDK object a definition of this file gives (memoised). */
  objectOf(definition: Definition, depth: number): SdkObject | null {
    return this.resolver.tracker.memo(this.objects, definition, () => this.fromDefinition(definition, depth), null);
  }

  private fromDefinition(definition: Definition, depth: number): SdkObject | null {
    {
      switch (definition.kind) {
        case 'import': {
          const symbol = importSymbol(definition.module, definition.member, this.resolver.python);
          if (symbol) return isModule(symbol, this.resolver.python) ? moduleObject(symbol.entry) : null;
          const target = this.foreign(definition);
          return target ? target.owner.receivers.objectOf(target.definition, depth + 1) : null;
        }
        case 'value': {
          const module = requiredModule(definition.value);
          if (module !== null) return null;
          return this.object(definition.value, depth + 1);
        }
        case 'param': {
          // What the function's callers in this file hand it tells the model; its type only the SDK.
          const passed = definition.value ? null : this.fromCallers(definition.name, depth);
          return (
            passed ??
            (definition.annotation ? this.fromAnnotation(definition.annotation, depth) : null) ??
            (definition.value ? this.object(definition.value, depth + 1) : null)
          );
        }
        case 'annotation':
          return this.fromAnnotation(definition.annotation, depth);
        case 'function':
          return this.fromFunction(definition.node, depth);
        default:
          return null;
      }
    }
  }

  /** The SDK object every call of the parameter's function in this file passes, when they all pass the same one. */
  private fromCallers(parameter: Node, depth: number): SdkObject | null {
    const args = callerArguments(this.resolver, parameter);
    if (!args) return null;
    let agreed: SdkObject | null = null;
    for (const argument of args) {
      const found = this.object(argument, depth + 1);
      if (!found) return null;
      if (agreed && !sameObject(agreed, found)) return null;
      agreed ??= found;
    }
    return agreed;
  }

  /** What calling a defined function gives: a factory here, or one imported from another module. */
  returnedBy(definition: Definition, depth: number): SdkObject | null {
    if (depth > maxDepth) return null;
    if (definition.kind === 'import') {
      const target = this.foreign(definition);
      return target ? target.owner.receivers.returnedBy(target.definition, depth + 1) : null;
    }
    if (definition.kind === 'function') return this.fromFunction(definition.node, depth + 1);
    if (definition.kind === 'value') {
      const value = unwrap(definition.value);
      if (value.type === 'arrow_function' || value.type === 'function_expression' || value.type === 'function') {
        return this.fromFunction(value, depth + 1);
      }
    }
    return null;
  }

  /**
   * What a client factory returns: its return annotation, or the first `return` that yields an SDK object, with
   * the other returns built differently as its variants.
   */
  private fromFunction(fn: Node, depth: number): SdkObject | null {
    if (depth > maxDepth) return null;
    const annotation = fn.childForFieldName('return_type');
    const annotated = annotation ? this.fromAnnotation(annotation, depth + 1) : null;
    const body = fn.childForFieldName('body');
    if (body && fn.type === 'arrow_function' && body.type !== 'statement_block') return this.object(body, depth + 1);
    const returned: SdkObject[] = [];
    for (const offset of this.resolver.bindings.occurrences('return', fn.startIndex, fn.endIndex)) {
      const keyword = this.resolver.root.descendantForIndex(offset, offset + 6);
      const statement = keyword?.parent;
      if (statement?.type !== 'return_statement') continue;
      const value = statement.firstNamedChild;
      const found = value ? this.object(value, depth + 1) : null;
      if (found) returned.push(found);
    }
    const [first, ...others] = returned;
    const variants = others.filter((o) => o.entry === first?.entry && !sameObject(o, first));
    if (!annotated) return first && variants.length > 0 ? { ...first, variants } : (first ?? null);
    // The annotation names only the type (`-> BaseChatModel`); the object built says which model, when every
    // return builds it the same way.
    if (first && others.every((o) => sameObject(o, first))) return first;
    return annotated;
  }

  /** A name first bound to `None` and set later (`global client; client = OpenAI()` in an init function). */
  private laterAssignment(name: string, depth: number): SdkObject | null {
    for (const definition of this.resolver.bindings.all(name)) {
      if (definition.kind !== 'value' || isNullish(definition.value)) continue;
      const found = this.object(definition.value, depth + 1);
      if (found) return found;
    }
    return null;
  }

  private objectOfOther(node: Node, depth: number): SdkObject | null {
    if (isMember(node)) {
      const owner = this.resolver.ownerClass(node);
      const name = memberName(node);
      if (owner && name) {
        // `self.client = None` in __init__, the real client set in a later method: try each assignment.
        // An annotation (`_client: OpenAI;`) names only the class: an object the class builds says more (its base
        // URL, its defaults), so it wins wherever it is written.
        let annotated: SdkObject | null = null;
        for (const definition of this.resolver.classMembers(owner, name)) {
          const found = this.fromClassMember(definition, depth);
          if (found?.construction) return found;
          annotated ??= found;
        }
        return annotated;
      }
      const definition = this.resolver.memberDefinition(node);
      if (definition?.kind === 'value') return this.object(definition.value, depth + 1);
      if (definition?.kind === 'annotation' || definition?.kind === 'param') {
        return definition.annotation ? this.fromAnnotation(definition.annotation, depth) : null;
      }
      const symbol = this.symbol(node, depth + 1);
      return symbol && isModule(symbol, this.resolver.python) ? moduleObject(symbol.entry) : null;
    }
    if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '|') {
      // LangChain LCEL: `prompt | llm | parser` runs the model when the chain is invoked.
      for (const side of [node.childForFieldName('left'), node.childForFieldName('right')]) {
        const found = side ? this.object(side, depth + 1) : null;
        if (found?.kind === 'model') return found;
      }
      return null;
    }
    if (
      node.type === 'boolean_operator' ||
      node.type === 'binary_expression' ||
      node.type === 'conditional_expression' ||
      node.type === 'ternary_expression'
    ) {
      for (const child of node.namedChildren) {
        const found = child ? this.object(child, depth + 1) : null;
        if (found) return found;
      }
    }
    return null;
  }

  /**
   * The SDK object one definition of a class member gives: an assignment (`self.client = OpenAI()`), an annotation
   * (`client: AsyncOpenAI`), or an accessor that returns it (`get client() { return this._client }`, a Python
   * `@property` or `@cached_property`).
   */
  private fromClassMember(definition: Definition, depth: number): SdkObject | null {
    switch (definition.kind) {
      case 'value':
        return isNullish(definition.value) ? null : this.object(definition.value, depth + 1);
      case 'annotation':
      case 'param':
        return definition.annotation ? this.fromAnnotation(definition.annotation, depth) : null;
      case 'function':
        return isAccessor(definition.node) ? this.returnedBy(definition, depth + 1) : null;
      default:
        return null;
    }
  }

  /** Splits a member chain into the longest-known SDK object and the method path after it. */
  objectAndPath(callee: Node, depth = 0): { object: SdkObject; path: string[] } | null {
    const chain = flatten(callee);
    for (let i = 0; i < chain.path.length; i++) {
      const object = this.object(chain.prefixes[i], depth + 1);
      if (object) return { object, path: stripTransparent(chain.path.slice(i), object.entry) };
    }
    return null;
  }

  private fromCall(call: Node, depth: number): SdkObject | null {
    const callee = calleeOf(call);
    if (!callee) return null;
    const imported = this.resolver.python ? lazilyImported(call, callee) : null;
    if (imported) return moduleObject(imported);
    const symbol = this.symbol(callee, depth + 1);
    if (symbol) {
      const name = symbol.path[symbol.path.length - 1] ?? 'default';
      const constructor =
        name === 'default' ? symbol.entry.constructors[0] : symbol.entry.constructors.find((c) => c.name === name);
      if (!constructor) return null;
      if (constructor.service && serviceOf(this.resolver, call) !== constructor.service) return null;
      if (constructor.wraps !== undefined) {
        const inner = this.wrapped(call, constructor.wraps, depth);
        const given = constructor.wrapsSdk;
        const entry = given ? sdkEntry(given.sdk) : undefined;
        // A client the file does not show (a parameter): the wrapper's name says its SDK.
        const object =
          inner ??
          (given && entry ? { entry, kind: given.kind, settings: [], construction: null, derivations: [] } : null);
        // instructor's wrappers take call settings too: `from_mistral(client, model="…", max_tokens=1000)`.
        return object ? { ...object, settings: [...object.settings, call], wrapper: symbol.entry } : null;
      }
      return {
        entry: symbol.entry,
        kind: constructor.kind,
        settings: constructor.carriesSettings ? [call] : [],
        construction: call,
        derivations: [],
        className: constructor.name,
      };
    }
    const calleeNode = unwrap(callee);
    if (calleeNode.type === 'identifier') {
      // A factory: `client = get_client()`, `const ai = makeClient()`, here or imported from another module.
      const definition = this.resolver.bindings.lookup(calleeNode.text, calleeNode);
      const object = definition ? this.returnedBy(definition, depth + 1) : null;
      return object && object.kind === 'model' ? withFactoryOptions(object, call, this.resolver.python) : object;
    }
    if (!isMember(calleeNode)) return null;
    const own = this.ownMethodReturn(calleeNode, depth);
    if (own) return own;
    if (memberName(calleeNode) === 'pipe') {
      // LangChain JS: `prompt.pipe(model).pipe(parser)`.
      const object = memberObject(calleeNode);
      const argument = call.childForFieldName('arguments')?.firstNamedChild;
      for (const side of [object, argument]) {
        const inner = side ? this.object(side, depth + 1) : null;
        if (inner?.kind === 'model') return inner;
      }
    }
    const found = this.objectAndPath(callee, depth + 1);
    if (!found) return null;
    const path = found.path.join('.');
    const factory = found.object.entry.factories?.find((f) => f.path === path && f.on === found.object.kind);
    if (!factory) return null;
    if (factory.service && serviceOf(this.resolver, call) !== factory.service) return null;
    return {
      entry: found.object.entry,
      kind: factory.kind,
      settings: factory.carriesSettings ? [...found.object.settings, call] : found.object.settings,
      construction: found.object.construction,
      derivations: factory.carriesSettings ? found.object.derivations : [...found.object.derivations, call],
      ...(found.object.className ? { className: found.object.className } : {}),
    };
  }

  /**
   * What a method of the class returns, called on `self`/`this` (`client = self._get_client()`, `this.getClient()`):
   * its return annotation (`-> AsyncOpenAI`) or the client its returns build.
   */
  private ownMethodReturn(callee: Node, depth: number): SdkObject | null {
    if (!this.resolver.ownerClass(callee)) return null;
    const definition = this.resolver.memberDefinition(callee, depth + 1);
    if (definition?.kind !== 'function') return null;
    const owner = this.resolver.owner(definition.node);
    if (!owner) return null;
    return owner === this.resolver
      ? this.returnedBy(definition, depth + 1)
      : owner.receivers.returnedBy(definition, depth + 1);
  }

  /** The client a wrapper is given (`instructor.from_openai(OpenAI())`, `Instructor({ client: oai })`). */
  private wrapped(call: Node, wraps: number | string, depth: number): SdkObject | null {
    const args = call
      .childForFieldName('arguments')
      ?.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
    let inner: Node | null | undefined = null;
    if (typeof wraps === 'number') {
      inner = args?.filter((a) => a.type !== 'keyword_argument')[wraps];
      // Passed by name: `from_mistral(client=client)`.
      inner ??= args
        ?.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'client')
        ?.childForFieldName('value');
    } else {
      inner = args
        ?.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === wraps)
        ?.childForFieldName('value');
      inner ??= this.resolver.entries(call)?.get(wraps);
    }
    return inner ? this.object(inner, depth + 1) : null;
  }

  /** `client: OpenAI`, `Optional[AsyncAnthropic]`, `llm: ChatOpenAI | None`, `"openai.OpenAI"`. */
  private fromAnnotation(annotation: Node, depth: number): SdkObject | null {
    const text = annotation.text;
    let found: SdkObject | null = null;
    for (const match of text.matchAll(/[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/g)) {
      const parts = match[0].split('.');
      const symbol = this.nameSymbol(parts, annotation, depth);
      const last = symbol?.path[symbol.path.length - 1];
      const name = last === 'default' ? symbol?.entry.constructors[0]?.name : last;
      const constructor = name ? symbol?.entry.constructors.find((c) => c.name === name) : undefined;
      if (!symbol || !constructor) continue;
      // `Anthropic | AnthropicVertex`: the first class says the SDK; which class (and cloud) it is, is not known.
      if (found) return { ...found, className: undefined };
      found = {
        entry: symbol.entry,
        kind: constructor.kind,
        settings: [],
        construction: null,
        derivations: [],
        className: constructor.name,
      };
    }
    return found;
  }

  private nameSymbol(parts: string[], at: Node, depth: number): SdkSymbol | null {
    const definition = this.resolver.bindings.lookup(parts[0], at);
    if ((definition?.kind !== 'import' && definition?.kind !== 'class') || depth > maxDepth) return null;
    const base = this.symbolOf(definition, depth + 1);
    return base ? { entry: base.entry, path: [...base.path, ...parts.slice(1)] } : null;
  }
}

/** The service a `boto3.client(...)` call names: its first argument or `service_name`. */
function serviceOf(resolver: Resolver, call: Node): string | null {
  const args = call.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => !!n) ?? [];
  const named = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'service_name');
  const first =
    named?.childForFieldName('value') ?? args.find((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
  return first ? (resolver.string(first)?.value ?? null) : null;
}

/** Two objects of the same SDK built the same way (their settings written alike). */
function sameObject(a: SdkObject, b: SdkObject): boolean {
  return (
    a.entry === b.entry &&
    a.kind === b.kind &&
    a.settings.length === b.settings.length &&
    a.settings.every((s, i) => s.text === b.settings[i].text)
  );
}

function moduleObject(entry: SdkEntry): SdkObject {
  return { entry, kind: 'module', settings: [], construction: null, derivations: [] };
}

function isModule(symbol: SdkSymbol, python: boolean): boolean {
  return python
    ? symbol.path.length === 0 || /^[a-z_]+$/.test(symbol.path[symbol.path.length - 1])
    : symbol.path.length === 0;
}

/**
 * Python loaders that import a module named by a string: `importlib.import_module`, `__import__`, and the lazy-import
 * helpers projects write (dspy's `require("litellm", extra=...)`).
 */
const moduleLoaders = new Set(['import_module', '__import__', 'require', 'lazy_import']);

/** The SDK whose module a loader call imports by its exact name (`importlib.import_module("litellm")`), else null. */
function lazilyImported(call: Node, callee: Node): SdkEntry | null {
  const name = expressionName(unwrap(callee));
  if (!name || !moduleLoaders.has(name)) return null;
  const first = call.childForFieldName('arguments')?.firstNamedChild;
  const module = first?.type === 'string' ? keyText(first) : null;
  const symbol = module ? importSymbol(module, null, true) : null;
  return symbol && isModule(symbol, true) ? symbol.entry : null;
}

/** The symbol an import binds: Python `module` + optional `member`, JS specifier + member (`default`, or null for `* as`). */
export function importSymbol(module: string, member: string | null, python: boolean): SdkSymbol | null {
  if (python) {
    const dotted = member ? `${module}.${member}` : module;
    const entry = sdkForPythonModule(dotted) ?? (member ? undefined : undefined);
    if (entry) {
      const root = entry.pythonModules
        .filter((m) => dotted === m || dotted.startsWith(`${m}.`))
        .sort((a, b) => b.length - a.length)[0];
      const rest = dotted.slice(root.length).split('.').filter(Boolean);
      return { entry, path: rest };
    }
    // `import google` then `google.genai.Client`: keep the prefix so that member access can complete it.
    const deeper = findByPrefix(dotted);
    return deeper ? { entry: deeper, path: [] } : null;
  }
  const entry = sdkForJsModule(module);
  if (!entry) return null;
  if (member === 'default') return { entry, path: [defaultExport(entry, module)] };
  return { entry, path: member === null ? [] : [member] };
}

/**
 * The class a package exports by default: the constructor its name names (`together-ai` → `Together`, `groq-sdk` →
 * `Groq`), as one entry covers several packages; `default` (the entry's first class) when none is named.
 */
function defaultExport(entry: SdkEntry, module: string): string {
  const letters = module.toLowerCase().replace(/[^a-z]/g, '');
  return entry.constructors.find((c) => letters.includes(c.name.toLowerCase()))?.name ?? 'default';
}

/** An SDK whose Python module starts with `prefix.` (`google` → google.genai). */
function findByPrefix(prefix: string): SdkEntry | undefined {
  return sdkForPythonModule(prefix) ?? undefined;
}

function stripTransparent(path: string[], entry: SdkEntry): string[] {
  const skip = entry.transparent ?? [];
  return path.filter((part, i) => i === path.length - 1 || !skip.includes(part));
}

/** A getter (`get client() {}`) or a Python property (`@property`, `@functools.cached_property`): read, not called. */
function isAccessor(fn: Node): boolean {
  if (fn.type === 'method_definition') return fn.children.some((c) => c?.type === 'get');
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : null;
  return !!decorated?.namedChildren.some(
    (d) => d?.type === 'decorator' && /^@\s*(functools\.)?(cached_)?property\s*$/.test(d.text),
  );
}

/**
 * A model factory handed its options (`makeChatOpenAI(config, { model: 'gpt-4o-mini' })`, whose body builds
 * `new ChatOpenAI({ ...opts, ... })`, often in another module): an options object with a model in it is the
 * model's settings too, the nearest ones (looked up first; a missing-limit fix writes there). JavaScript only: a
 * Python factory's keywords are read through its parameters.
 */
function withFactoryOptions(object: SdkObject, call: Node, python: boolean): SdkObject {
  if (python) return object;
  const models = object.entry.params.model;
  const options = call
    .childForFieldName('arguments')
    ?.namedChildren.filter(
      (a): a is Node =>
        a?.type === 'object' &&
        a.namedChildren.some((p) => p?.type === 'pair' && models.includes(p.childForFieldName('key')?.text ?? '')),
    );
  return options?.length ? { ...object, settings: [...object.settings, ...options] } : object;
}
