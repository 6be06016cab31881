import type { Node } from 'web-tree-sitter';
import { billableNames, catalog, qualifiedBillableNames, type MethodEntry, type SdkEntry } from '../sdk';
import type { Dependencies } from './dependencies';
import type { Resolver } from './resolver';
import { Receivers, type SdkObject } from './receiver';
import { trieSource } from './trie';
import { expressionName, calleeOf, flatten, isCall, isMember, memberName, sameNode, unwrap } from './syntax';

/** A call that sends a billable request, before its arguments are read. */
export interface Candidate {
  call: Node;
  /** The final method-name token (`create` in `.create(`). */
  nameNode: Node;
  entry: SdkEntry;
  method: MethodEntry;
  /** The receiver, when the file shows where it comes from (null for functions and unresolved receivers). */
  object: SdkObject | null;
  /** What recognising the call read (names, definitions), for reuse after edits. */
  dependencies?: Dependencies;
  /** For a method that sends a command (`client.send(new ConverseCommand(input))`): the command's api and input. */
  command?: { api: string; stream: boolean; input: Node | null };
  /** The SDK method handed to `call` as its argument (`asyncio.to_thread(client.x.create, ...)`): not a request part. */
  handed?: Node;
}

export interface CandidateOptions {
  /** A test file that mocks or patches: receivers the file does not construct are fakes. */
  mocking: boolean;
  /** Only look in these offset ranges (re-analysis after an edit); the whole text otherwise. */
  within?: readonly { start: number; end: number }[];
  /** Receives calls that end with a billable name but were not recognised, with what deciding that read. */
  onRejected?: (call: Node, dependencies: Dependencies) => void;
}

let namePattern: RegExp | undefined;
let calledNames: RegExp | undefined;
let handedNames: RegExp | undefined;

/** `name = receiver.path.method` alone on its line (a bound method, not a call): name and method. */
function boundMethodPattern(): RegExp {
  return /^[ \t]*(?:(?:export\s+)?(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*=\s*[^=\n;]*\.([A-Za-z_$][\w$]*)[ \t]*;?[ \t]*$/gm;
}

function billableNamePattern(): RegExp {
  if (!namePattern) {
    // A name too common alone counts only after the segment before it (`conversations.append`).
    const qualified = qualifiedBillableNames().map(
      ([before, name]) => [name, `(?<=(?<![\\w$])${before}\\s*\\.\\s*${name})`] as const,
    );
    // Nothing before the names, not even a lookbehind for the start of a name: V8 then picks the trie's branch by
    // the first character, where it tried every name at every offset (20 times slower). `startsName` checks it.
    namePattern = new RegExp(`${trieSource([...billableNames(), ...qualified])}(?![\\w$])`, 'g');
  }
  return namePattern;
}

/** Whether a name found at `index` starts there, not inside a longer one (`create` in `recreate`, `$create`). */
function startsName(text: string, index: number): boolean {
  if (index === 0) return true;
  const c = text.charCodeAt(index - 1);
  return !(
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x5f ||
    c === 0x24
  );
}

/**
 * Billable calls in a parsed file. The text is searched for the method names that can end a billable call
 * and only those tokens are looked at in the tree: comments and strings fall out because their tokens are not
 * identifiers, and the cost follows the number of such names, not the size of the file.
 */
export function findCandidates(text: string, root: Node, resolver: Resolver, options: CandidateOptions): Candidate[] {
  const receivers = resolver.receivers;
  const found: Candidate[] = [];
  const seen = new Set<number>();
  const pattern = new RegExp(billableNamePattern().source, 'g');
  const aliases = aliasNames(text, resolver.python);
  const visit = (offset: number, length: number): void => {
    const node = root.descendantForIndex(offset, offset + length);
    if (!node || (node.type !== 'identifier' && node.type !== 'property_identifier')) return;
    const called = callOf(node);
    const handed = called ? null : handedMethodOf(node, resolver.python);
    const call = called ?? handed?.call;
    if (!call || seen.has(call.startIndex * 4 + call.endIndex)) return;
    const frame = resolver.tracker.begin();
    const candidate = classify(call, node, receivers, resolver, { ...options, boundTo: handed?.method });
    resolver.tracker.end(frame);
    if (!candidate) options.onRejected?.(call, frame);
    if (candidate) {
      candidate.dependencies = frame;
      if (handed) candidate.handed = handed.method;
      seen.add(call.startIndex * 4 + call.endIndex);
      found.push(candidate);
    }
  };
  const windows = options.within ?? [{ start: 0, end: text.length }];
  for (const window of windows) {
    pattern.lastIndex = window.start;
    for (let match = pattern.exec(text); match && match.index < window.end; match = pattern.exec(text)) {
      if (startsName(text, match.index)) visit(match.index, match[0].length);
    }
    for (const alias of aliases) {
      for (const offset of resolver.bindings.occurrences(alias, window.start, window.end)) visit(offset, alias.length);
    }
  }
  return found.sort((a, b) => a.call.startIndex - b.call.startIndex);
}

/**
 * Whether `findCandidates` can find anything in this text: it looks only at the names that can end a billable call
 * and at local aliases of them, so a file that has neither holds no call and needs no parse (a file that imports
 * an SDK for its types, say).
 */
export function mayHoldCandidates(text: string, python: boolean): boolean {
  const called = calledNamePattern();
  called.lastIndex = 0;
  for (let match = called.exec(text); match; match = called.exec(text)) {
    if (startsName(text, match.index) && !definition.test(text.slice(Math.max(0, match.index - 24), match.index)))
      return true;
  }
  if (python && holdsName(handedNamePattern(), text)) return true;
  return aliasNames(text, python).length > 0;
}

/** Whether `pattern` (a billable-name pattern, global) matches a whole name in `text`. */
function holdsName(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (startsName(text, match.index)) return true;
  }
  return false;
}

/** A billable method handed to a helper with keyword arguments after it (`to_thread(client.x.create, model=...`). */
function handedNamePattern(): RegExp {
  // The dot is looked for behind the name once it has matched, for the speed of a pattern that starts with the names.
  handedNames ??= new RegExp(
    `${billableNamePattern().source}(?<=\\.\\s*[\\w$]+)(?=\\s*,\\s*(?:\\*\\*|\\w+\\s*=(?!=)))`,
    'g',
  );
  return handedNames;
}

/** What comes before the name a definition gives (`def create(`, `function generateText(`): no call. */
const definition = /(?:^|[^\w$])(?:def\s+|function\s*\*?\s*)$/;

/**
 * The billable names where they can be called: their arguments come next (`(`, after spaces, line breaks, a `\`
 * continuation or a short block comment), or type arguments (`<`), an optional call (`?.(`), a tagged template.
 * So `from openai.types.chat import` and `def create(self, ...)` leave a file that imports an SDK for its types
 * unparsed. The comment is bounded: one left open after each of many names must not be sought to the end of the
 * text from each of them.
 */
function calledNamePattern(): RegExp {
  calledNames ??= new RegExp(
    `${billableNamePattern().source}(?=[\\s\\\\]*(?:\\/\\*[^*]{0,200}\\*\\/[\\s\\\\]*)*(?:\\(|<|\\?\\.\\(|\`))`,
    'g',
  );
  return calledNames;
}

/** The call whose callee ends with `name`, if `name` is the called method or function. */
function callOf(name: Node): Node | null {
  const parent = name.parent;
  if (!parent) return null;
  if (isMember(parent)) {
    if (memberName(parent) !== name.text || !sameNode(parent.lastNamedChild, name)) return null;
    const call = parent.parent;
    return call && isCall(call) && call.type !== 'new_expression' && sameNode(calleeOf(call), parent) ? call : null;
  }
  if (isCall(parent) && parent.type !== 'new_expression' && sameNode(calleeOf(parent), name)) return parent;
  return null;
}

/**
 * A Python call handed an SDK method to call with its keyword arguments: `asyncio.to_thread(client.models.
 * generate_content, model=..., contents=...)`, `functools.partial(...)`, a retry helper's `retryer(self.client.chat.
 * completions.create, **kwargs)`. The keywords are the request. Only when the method is the sole positional argument
 * and keywords follow: `helper(client.x.create, params, model)` may do anything with its arguments.
 */
function handedMethodOf(name: Node, python: boolean): { call: Node; method: Node } | null {
  const method = name.parent;
  if (!python || method?.type !== 'attribute' || !sameNode(method.lastNamedChild, name)) return null;
  const args = method.parent;
  const call = args?.type === 'argument_list' ? args.parent : null;
  if (!args || call?.type !== 'call') return null;
  let keywords = false;
  for (const argument of args.namedChildren) {
    if (!argument || argument.type === 'comment') continue;
    if (argument.type === 'keyword_argument' || argument.type === 'dictionary_splat') keywords = true;
    else if (!sameNode(argument, method)) return null;
  }
  return keywords ? { call, method } : null;
}

function classify(
  call: Node,
  nameNode: Node,
  receivers: Receivers,
  resolver: Resolver,
  options: CandidateOptions & { boundTo?: Node },
): Candidate | null {
  const candidate = recognise(call, nameNode, receivers, resolver, options);
  return candidate?.method.commands ? withCommand(candidate, resolver) : candidate;
}

/** A command-sending call is billable only with a command the SDK entry lists (`ConverseCommand`, not `ListModels`). */
function withCommand(candidate: Candidate, resolver: Resolver): Candidate | null {
  const commands = candidate.method.commands ?? {};
  const first = candidate.call.childForFieldName('arguments')?.namedChildren.find((n) => n && n.type !== 'comment');
  const value = first ? unwrap(resolver.resolve(first)?.node ?? first) : null;
  if (!value || value.type !== 'new_expression') return null;
  const constructor = calleeOf(value);
  const name = constructor ? expressionName(constructor) : null;
  const command = name ? commands[name] : undefined;
  if (!command) return null;
  const input = value.childForFieldName('arguments')?.namedChildren.find((n) => n && n.type !== 'comment') ?? null;
  return { ...candidate, command: { api: command.api, stream: !!command.stream, input } };
}

function recognise(
  call: Node,
  nameNode: Node,
  receivers: Receivers,
  resolver: Resolver,
  options: CandidateOptions & { boundTo?: Node },
): Candidate | null {
  const callee = options.boundTo ?? calleeOf(call);
  if (!callee) return null;
  const calleeNode = unwrap(callee);
  if (!isMember(calleeNode)) {
    const symbol = receivers.symbol(calleeNode);
    const name = symbol?.path[symbol.path.length - 1];
    const method = name ? symbol?.entry.functions?.find((f) => f.path === name) : undefined;
    if (symbol && method) return { call, nameNode, entry: symbol.entry, method, object: null };
    const bound = boundMethod(calleeNode, resolver);
    return bound ? recognise(call, nameNode, receivers, resolver, { ...options, boundTo: bound }) : null;
  }
  const found = receivers.objectAndPath(calleeNode);
  if (found) {
    const path = found.path.join('.');
    const { entry, kind } = found.object;
    const method =
      entry.methods.find((m) => m.path === path && m.on === kind) ??
      (kind === 'module' ? entry.functions?.find((f) => f.path === path) : undefined) ??
      wrapperMethod(found.object, path);
    return method ? { call, nameNode, entry, method, object: found.object } : null;
  }
  return (
    importedModuleMember(call, nameNode, calleeNode, receivers) ??
    moduleNamesake(call, nameNode, calleeNode) ??
    unresolvedReceiver(call, nameNode, calleeNode, resolver, options)
  );
}

/**
 * A module function reached through a name imported from the SDK's module (openai 0.x's `from openai import
 * ChatCompletion`, then `ChatCompletion.create(...)`): the import's path and the call's make the function's.
 */
function importedModuleMember(call: Node, nameNode: Node, callee: Node, receivers: Receivers): Candidate | null {
  const chain = flatten(callee);
  const symbol = receivers.symbol(chain.root);
  if (!symbol || symbol.path.length === 0) return null;
  const path = [...symbol.path, ...chain.path].join('.');
  const method = symbol.entry.methods.find((m) => m.on === 'module' && m.path === path);
  return method ? { call, nameNode, entry: symbol.entry, method, object: null } : null;
}

/**
 * A method the wrapper adds to the client it hands back (instructor's `create`, or `chat.completions.create` on an
 * Anthropic client), as the chat call it sends through that client's SDK.
 */
function wrapperMethod(object: SdkObject, path: string): MethodEntry | undefined {
  const api = object.wrapper?.wrapperApis?.[object.entry.sdk];
  const method = api ? object.wrapper?.methods.find((m) => m.path === path) : undefined;
  return method && api ? { ...method, api, on: object.kind } : undefined;
}

/**
 * The SDK method a name is bound to (`completion = client.chat.completions.create`, then `completion(...)`), when
 * the file binds it once to a method path; null otherwise.
 */
function boundMethod(callee: Node, resolver: Resolver): Node | null {
  if (callee.type !== 'identifier') return null;
  resolver.tracker.name(callee.text);
  const definition = resolver.bindings.lookup(callee.text, callee);
  if (definition?.kind !== 'value') return null;
  const value = unwrap(definition.value);
  return isMember(value) ? value : null;
}

/**
 * A name spelled like an SDK module but bound elsewhere, such as a lazy-import proxy
 * (`from app.llm import litellm`; `litellm.completion(...)`): its module functions still send requests.
 */
function moduleNamesake(call: Node, nameNode: Node, callee: Node): Candidate | null {
  const chain = flatten(callee);
  if (chain.root.type !== 'identifier') return null;
  const root = chain.root.text;
  const entry = catalog.find((e) => e.pythonModules.includes(root) || e.jsModules.includes(root));
  if (!entry) return null;
  const path = chain.path.join('.');
  const method =
    entry.methods.find((m) => m.on === 'module' && m.path === path) ?? entry.functions?.find((f) => f.path === path);
  return method ? { call, nameNode, entry, method, object: null } : null;
}

/**
 * A receiver the file does not construct (a client passed in without a type, `self.client` set elsewhere):
 * counted when the method path is specific to one SDK the file imports, or the arguments look like that SDK's.
 */
function unresolvedReceiver(
  call: Node,
  nameNode: Node,
  callee: Node,
  resolver: Resolver,
  options: CandidateOptions,
): Candidate | null {
  if (options.mocking) return null;
  const chain = flatten(callee);
  if (/mock|fake|stub|dummy|spy/i.test(chain.root.text) || chain.path.some((p) => /mock|fake|stub/i.test(p)))
    return null;
  if (definedAsOther(chain.root, resolver)) return null;
  const argumentText = call.childForFieldName('arguments')?.text ?? '';
  for (const entry of catalog) {
    if (!importsSdk(resolver, entry)) continue;
    const skip = entry.transparent ?? [];
    const path = chain.path.filter((p, i) => i === chain.path.length - 1 || !skip.includes(p));
    for (const method of entry.methods) {
      if (method.on === 'module' || method.needsReceiver) continue;
      const parts = method.path.split('.');
      if (parts.length > path.length || path.slice(path.length - parts.length).join('.') !== method.path) continue;
      if (parts.length === 1 && method.on !== 'model' && !method.distinctive) continue;
      // The client is what comes before the method path: `self.messages.create` has none (an ORM manager).
      const clientParts = chain.path.length - parts.length;
      const bareSelf = clientParts === 0 && /^(self|this|cls)$/.test(chain.root.text);
      if (bareSelf) continue;
      const looksLike =
        /\bmodel\b/.test(argumentText) &&
        entry.params.messages.some((m) => new RegExp(`\\b${m}\\b`).test(argumentText));
      if (method.distinctive || (parts.length > 1 && looksLike)) return { call, nameNode, entry, method, object: null };
      // A chat model handed in from elsewhere (`self.llm = llm`; `await self.llm.ainvoke(...)`) in a LangChain file:
      // only receivers named like a model, since tools, retrievers and agents have `invoke` too.
      const receiver = chain.path.length > 1 ? chain.path[chain.path.length - 2] : chain.root.text;
      if (method.on === 'model' && /llm|chat_?model|(^|_)model$/i.test(receiver)) {
        return { call, nameNode, entry, method, object: null };
      }
    }
  }
  return null;
}

/**
 * The receiver's root is bound in this file to something that is not an SDK object: a literal, an instance of
 * a class (`Database()`, `MagicMock()`), a typed parameter of another type. A value from an unknown function
 * (`get_client()`) or an untyped parameter may still be a client.
 */
function definedAsOther(root: Node, resolver: Resolver): boolean {
  const node = unwrap(root);
  let definition = null;
  if (node.type === 'identifier') definition = resolver.bindings.lookup(node.text, node);
  else if (isMember(node)) definition = resolver.memberDefinition(node);
  if (!definition) return false;
  switch (definition.kind) {
    case 'param':
      return definition.annotation !== null;
    case 'annotation':
      return true;
    case 'value': {
      const value = unwrap(definition.value);
      if (!isCall(value)) return !isMember(value) && value.type !== 'identifier' && value.type !== 'await';
      const callee = calleeOf(value);
      const name = callee ? expressionName(callee) : null;
      return name !== null && /^[A-Z]/.test(name);
    }
    default:
      return true;
  }
}

const importsCache = new WeakMap<Resolver, Map<SdkEntry, boolean>>();

function importsSdk(resolver: Resolver, entry: SdkEntry): boolean {
  let cache = importsCache.get(resolver);
  if (!cache) importsCache.set(resolver, (cache = new Map()));
  let found = cache.get(entry);
  if (found === undefined) {
    found = [...entry.pythonModules, ...entry.jsModules].some((m) => resolver.text.includes(m.replace(/\/$/, '')));
    cache.set(entry, found);
  }
  return found;
}

/**
 * Local names bound to billable SDK functions under another name (`import { generateText as gen }`), or to a
 * billable method (`ask = client.messages.create`).
 */
function aliasNames(text: string, python: boolean): string[] {
  const names: string[] = [];
  const billable = billableNames();
  for (const match of text.matchAll(boundMethodPattern())) {
    if (billable.has(match[2]) && !billable.has(match[1])) names.push(match[1]);
  }
  const statements = python ? text.match(/\bimport\s[^\n]*\bas\s[^\n]*/g) : text.match(/\bimport\s*\{[^}]*\}/g);
  for (const statement of statements ?? []) {
    for (const match of statement.matchAll(/\bas\s+([A-Za-z_$][\w$]*)/g))
      if (!billable.has(match[1])) names.push(match[1]);
  }
  return [...new Set(names)];
}
