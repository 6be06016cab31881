import type { Node } from 'web-tree-sitter';
import type { Candidate } from './candidates';
import type { ParamNames } from '../sdk';
import { functionNameOf } from './functionName';
import { findAnnotation } from './annotation';
import { callsPerDayAnnotation, innermostLoop, loopFeedsPrompt } from './context';
import { callFeatures } from './features';
import { isInRequestHandler } from './handlers';
import { hiddenServer } from './hiddenServer';
import { historyGrowth } from './history';
import { visibleFunction } from './returns';
import { contentSegments, readMessages } from './prompts';
import { cloudOfClient, providerOfName, providerPrefixed } from './providers';
import type { SdkObject } from './receiver';
import type { Resolver, SegmentsResult } from './resolver';
import { callOptions, locationOf, optionsComplete, optionsSite, paramSite } from './sites';
import {
  booleanLiteral,
  calleeOf,
  contains,
  enclosingFunction,
  expressionName,
  isFunction,
  isCall,
  isMember,
  rangeOf,
  sameNode,
  unwrap,
} from './syntax';
import type {
  ArgumentRanges,
  CallRecord,
  CallSites,
  ModelVia,
  OptionsSite,
  PromptBlock,
  PromptCaching,
  SourceLocation,
  PromptMessage,
  PromptSegment,
  SystemPrompt,
  TextRange,
} from './types';

/** Where a parameter was found: in the call itself, or on the constructor/factory that carries settings. */
interface Found {
  node: Node;
  inCall: boolean;
}

export interface BuiltRecord {
  record: CallRecord;
  /** Where the model name is written, when in this file (its line moves with edits above it). */
  modelOffset: number | null;
}

/**
 * The parameter names of a call on a wrapped client: the client's SDK's, then the wrapper's (instructor takes
 * OpenAI-style `messages`, `system` and `max_tokens` on a Gemini client too).
 */
function wrappedParams(own: ParamNames, wrapper: ParamNames): ParamNames {
  const both = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];
  return {
    ...own,
    model: both(own.model, wrapper.model),
    system: both(own.system, wrapper.system),
    messages: both(own.messages, wrapper.messages),
    outputLimit: both(own.outputLimit, wrapper.outputLimit),
    stream: both(own.stream, wrapper.stream),
  };
}

/** The call record of one candidate call. */
export function buildRecord(candidate: Candidate, resolver: Resolver, file: string): BuiltRecord {
  const { call, nameNode, entry, object, command } = candidate;
  // A command-sending call (`send(new ConverseCommand(input))`) is the command's api, with the input's parameters.
  const method = command ? { ...candidate.method, api: command.api, stream: command.stream } : candidate.method;
  const args = call.childForFieldName('arguments');
  // A method handed to a helper (`asyncio.to_thread(client.x.create, ...)`) is no part of the request.
  const argList =
    args?.namedChildren.filter(
      (n): n is Node => !!n && n.type !== 'comment' && !(candidate.handed && sameNode(n, candidate.handed)),
    ) ?? [];
  const positional = argList.filter((n) => !['keyword_argument', 'dictionary_splat', 'list_splat'].includes(n.type));
  const named = command
    ? ((command.input && resolver.entries(command.input)) ?? new Map<string, Node>())
    : callEntries(resolver, call, positional);
  const settings = (object?.settings ?? []).map((s) => resolver.entries(s) ?? new Map<string, Node>()).reverse();
  let batchParams: Node | null = null;
  let batchRequests: number | null = null;
  if (method.batch) {
    // Anthropic batches: each request's `params` are Messages parameters; the first one stands for all.
    const requests = named.get('requests');
    const list = requests ?? named.get('src');
    if (list) batchRequests = writtenCount(resolver, list);
    const first = requests ? resolver.elements(requests)?.[0] : undefined;
    const inner = first ? resolver.entries(first)?.get('params') : undefined;
    const innerEntries = inner ? resolver.entries(inner) : null;
    if (inner && innerEntries) {
      settings.unshift(innerEntries);
      batchParams = inner;
    }
  }
  const lookup = (names: readonly string[]): { found: Found; name: string } | null => {
    for (const name of names) {
      const found = lookupDotted(resolver, named, settings, name);
      if (found) return { found, name };
    }
    return null;
  };
  const params = object?.wrapper ? wrappedParams(entry.params, object.wrapper.params) : entry.params;
  const ranges: ArgumentRanges = { args: rangeOf(args ?? call) };
  // Batch request params are looked up like settings, but they are written where the requests are built.
  const where = (found: Found) => locationOf(call, found.node, !found.inCall && batchParams === null);
  const sites: CallSites = {
    options: batchParams
      ? optionsSite(resolver, batchParams, 'call')
      : command
        ? command.input && optionsSite(resolver, command.input, locationOf(call, command.input, false))
        : callOptions(resolver, call),
    constructorOptions: null,
    complete: true,
  };
  const inCallRange = (
    found: Found | null | undefined,
    key: Exclude<keyof ArgumentRanges, 'args' | 'lastArgument' | 'constructorArgs'>,
  ): void => {
    if (found && within(call, found.node)) ranges[key] = rangeOf(found.node);
  };

  // A factory returning objects built differently: a setting they do not share is not known.
  const variantSettings = (object?.variants ?? []).map((variant) =>
    variant.settings.map((s) => resolver.entries(s) ?? new Map<string, Node>()).reverse(),
  );
  const varies = (names: readonly string[], found: Found | null): boolean =>
    !found?.inCall &&
    variantSettings.some((other) => {
      const theirs = names.map((name) => lookupDotted(resolver, named, other, name)).find((f) => f) ?? null;
      return (theirs?.node.text ?? null) !== (found?.node.text ?? null);
    });

  // Model
  const modelParam = lookup(params.model);
  let modelNode: Found | null = modelParam?.found ?? null;
  // What each of the factory's objects names, shown as candidates in place of the first one's model.
  const variantModels: string[] = [];
  if (variantSettings.length > 0 && varies(params.model, modelNode)) {
    for (const settingsOf of [settings, ...variantSettings]) {
      const found = params.model.map((name) => lookupDotted(resolver, named, settingsOf, name)).find((f) => f);
      const value = found ? resolver.string(found.node)?.value : undefined;
      if (value) addCandidate(variantModels, value);
    }
    modelNode = null;
  }
  if (!modelNode && candidate.object === null && entry.sdk === 'litellm' && positional[0])
    modelNode = { node: positional[0], inCall: true };
  if (!modelNode && object) {
    const constructor = object.settings[0];
    const positionalModel =
      constructor && entry.constructors.some((c) => c.positionalModel && calleeOf(constructor)?.text.endsWith(c.name));
    const first = positionalModel ? constructor.childForFieldName('arguments')?.firstNamedChild : null;
    if (first && first.type !== 'keyword_argument' && first.type !== 'object')
      modelNode = { node: first, inCall: false };
  }
  let model: string | null = null;
  let modelVia: ModelVia = 'unresolved';
  let modelSource: SourceLocation | null = null;
  let modelProvider: string | undefined;
  let makerProvider: string | undefined;
  let modelOffset: number | null = null;
  let providerBaseUrl: string | null = null;
  if (modelNode) {
    inCallRange(modelNode, 'model');
    const found =
      entry.sdk === 'vercel-ai' ? vercelModel(resolver, modelNode.node) : stringWithVia(resolver, modelNode.node);
    const named = found ? providerPrefixed(found.value) : null;
    // An empty name is a placeholder (`id || ""`, `let deployment = ""` set later), never a model to price.
    const resolved = named && named.model.trim() !== '' ? found : null;
    if (resolved && named) {
      model = named.model;
      // `openai/gpt-oss-120b` names the model's maker; where the call goes (a Groq client, a base URL) comes first.
      if (named.model === resolved.value) makerProvider = named.provider;
      else modelProvider = named.provider;
      // A literal in a dict spread into the call (`**params`) is written elsewhere: a constant, for the call.
      modelVia =
        resolved.via === 'literal' && modelNode.inCall && !within(call, modelNode.node) ? 'constant' : resolved.via;
      modelSource = sourceOf(resolver, resolved.node);
      if (resolved.node.tree === call.tree) modelOffset = resolved.node.startIndex;
      providerBaseUrl = resolved.baseUrl ?? null;
    }
    // A loop over models the code lists (`for model in ["gpt-4o", "o3"]`): each of them, as candidates.
    if (!resolved) for (const listed of loopModels(resolver, modelNode.node)) addCandidate(variantModels, listed);
    // Named as written (`engine`, `model_name`, the Interactions API's `agent`); a positional model is `model`.
    const name = modelParam ? lastPart(modelParam.name) : 'model';
    sites.model = paramSite(resolver, name, modelNode.node, where(modelNode), resolved?.node);
  }

  // The provider a LangChain class or a Vercel provider factory names (`ChatAnthropic`, `openai(...)`), for the
  // candidates and assumed models of calls whose model is not known.
  modelProvider ??= providerHint(resolver, entry.sdk, modelNode?.node ?? null, object);

  // What a `llm-cost-lens: model=…` comment says wins: the user wrote it because the code does not say it.
  const annotation = findAnnotation(resolver.text, call.startIndex);
  if (annotation?.model) {
    const named = providerPrefixed(annotation.model);
    model = named.model;
    modelProvider = named.provider;
    modelVia = 'annotation';
    modelOffset = annotation.line.start;
    modelSource = { file, line: resolver.text.slice(0, annotation.line.start).split('\n').length };
  }

  // Output limit
  const firstLimit = lookup(params.outputLimit);
  const limitVaries = variantSettings.length > 0 && varies(params.outputLimit, firstLimit?.found ?? null);
  const limit = limitVaries ? null : firstLimit;
  const limitSet = !!limit && !isNone(resolver, limit.found.node);
  if (limit) {
    inCallRange(limit.found, 'outputLimit');
    sites.outputLimit = paramSite(resolver, lastPart(limit.name), limit.found.node, where(limit.found));
    const unset = unsetBranch(limit.found.node);
    if (sites.outputLimit && unset) sites.outputLimit.unsetBranch = unset;
  }
  const effort = lookup(params.reasoningEffort ?? []);
  const budget = lookup(params.thinkingBudget ?? []);
  if (effort)
    sites.reasoningEffort = paramSite(resolver, lastPart(effort.name), effort.found.node, where(effort.found));
  const config = lookup(params.config ?? []);
  if (config) {
    sites.config = paramSite(resolver, config.name, config.found.node, where(config.found));
    // A config a helper of the code's own builds (`config=build_config(params)`) is edited there or not at all: the
    // helper's arguments are not the config's.
    if (sites.config && !builtByOwnHelper(resolver, config.found.node))
      sites.configOptions = optionsSite(resolver, config.found.node, sites.config.where) ?? undefined;
  }

  // Stream
  const streamParam = lookup(params.stream);
  const stream = !!method.stream || (!!streamParam && resolvesTrue(resolver, streamParam.found.node));

  // Messages and system prompt
  const sources: Node[] = [call];
  let messages: PromptMessage[] = [];
  let system: SegmentsResult | null = null;
  const messagesParam = lookup(params.messages);
  let messagesNode: Found | null = messagesParam?.found ?? null;
  if (!messagesNode) {
    const index = entry.sdk === 'litellm' && !lookup(params.model) ? 1 : 0;
    const first = positional[index];
    if (first && first.type !== 'object' && first.type !== 'dictionary') messagesNode = { node: first, inCall: true };
  }
  const messageSources: Node[] = [];
  if (messagesNode) {
    inCallRange(messagesNode, 'messages');
    const read = readMessages(resolver, messagesNode.node);
    messages = read.messages;
    system = read.system;
    sources.push(...read.sources);
    messageSources.push(messagesNode.node, ...read.sources);
    sites.messages = paramSite(
      resolver,
      // A positional argument is the SDK's first messages parameter (Gemini's `generate_content(prompt)`: contents).
      lastPart(messagesParam?.name ?? params.messages[0] ?? 'messages'),
      messagesNode.node,
      where(messagesNode),
    );
  }
  const systemParam = lookup(params.system);
  if (systemParam) {
    inCallRange(systemParam.found, 'system');
    system = contentSegments(resolver, systemParam.found.node);
    sites.system = paramSite(resolver, lastPart(systemParam.name), systemParam.found.node, where(systemParam.found));
    sites.systemBlocks = promptBlocks(resolver, call, systemParam.found.node);
    sources.push(...assignedMarkers(resolver, systemParam.found.node));
  }
  if (messagesNode) sources.push(...markedBefore(resolver, call, messagesNode.node));
  if (system) sources.push(...system.sources);
  const systemPrompt: SystemPrompt = system
    ? { kind: system.via, segments: system.segments, ...(system.range ? { range: system.range } : {}) }
    : { kind: 'none', segments: [] };

  // Base URL: the client's constructor, the model's provider, or the call itself (LiteLLM `api_base`).
  let baseUrl: string | null = null;
  // Only module functions (LiteLLM `api_base`) take the endpoint per call; elsewhere `endpoint` means something else.
  const baseUrlParam = lookup(params.baseUrl);
  if (baseUrlParam && (object === null || !baseUrlParam.found.inCall))
    baseUrl = resolver.string(baseUrlParam.found.node)?.value ?? null;
  // A client built with a base URL the code does not show (an environment variable, a setting, a spread mapping).
  let baseUrlHidden = false;
  let baseUrlServer: string | null = null;
  if (!baseUrl && object?.construction) {
    const constructorEntries = resolver.entries(object.construction);
    const found = constructorEntries
      ? params.baseUrl.map((n) => lookupDotted(resolver, constructorEntries, [], n)).find((f) => f)
      : undefined;
    if (found) baseUrl = resolver.string(found.node)?.value ?? null;
    baseUrlHidden = found ? baseUrl === null : !optionsComplete(resolver, object.construction, false);
    if (found && baseUrlHidden) baseUrlServer = hiddenServer(resolver, found.node);
  }
  baseUrl ??= providerBaseUrl;
  if (!baseUrl) modelProvider ??= makerProvider;

  const last = lastArgument(argList);
  if (last) ranges.lastArgument = rangeOf(last);
  const constructor = object?.settings[0];
  if (constructor && constructor.tree === call.tree) {
    const constructorArgs = constructor.childForFieldName('arguments');
    if (constructorArgs) ranges.constructorArgs = rangeOf(constructorArgs);
  }
  if (object) sites.constructorOptions = nearestConstructorOptions(resolver, object);
  const variantSites = (object?.variants ?? []).flatMap((variant) => {
    const nearest = constructorsNearestFirst(variant)[0];
    const site = nearest ? optionsSite(resolver, nearest, 'constructor') : null;
    return site ? [site] : [];
  });
  // A fix on the constructor edits every one the factory may return, or none (one is in another file).
  if (object?.variants && variantSites.length < object.variants.length) sites.constructorOptions = null;
  else if (sites.constructorOptions && variantSites.length > 0) sites.constructorVariants = variantSites;
  sites.complete = !limitVaries && settingsInSight(resolver, candidate, named, params.config ?? [], params.outputLimit);
  const loop = innermostLoop(call);
  const kind = loop?.kind ?? null;
  const promptNodes = [...messageSources, ...(systemParam ? [systemParam.found.node] : []), ...(system?.sources ?? [])];
  const feeds = loop && loop.kind !== 'while' ? loopFeedsPrompt(loop.node, call, promptNodes) : null;

  const functionName = functionNameOf(call, (start, end) => resolver.tracker.range(start, end));
  const record: CallRecord = {
    file,
    range: rangeOf(call),
    ...(functionName === null ? {} : { functionName }),
    line: nameNode.startPosition.row + 1,
    column: nameNode.startPosition.column + 1,
    sdk: entry.sdk,
    api: method.api,
    model,
    modelVia,
    modelSource,
    ...(model === null && variantModels.length > 0 ? { modelCandidates: variantModels } : {}),
    ...(modelProvider ? { modelProvider } : {}),
    outputLimit: limitSet,
    outputLimitParam: limitSet && limit ? (limit.name.split('.').pop() ?? limit.name) : null,
    outputLimitValue: limitSet && limit ? resolver.number(limit.found.node) : null,
    stream,
    inLoop: kind !== null,
    loopKind: kind,
    ...(feeds === false ? { loopFeedsPrompt: false } : {}),
    inRequestHandler: isInRequestHandler(call),
    batch: !!method.batch,
    batchRequests,
    systemPrompt,
    messages,
    baseUrl,
    ...(baseUrlHidden && baseUrl === null ? { baseUrlHidden: true as const } : {}),
    ...(baseUrlServer && baseUrl === null ? { baseUrlServer } : {}),
    caching: caching(resolver, sources, object?.settings ?? []),
    callsPerDay: callsPerDayAnnotation(resolver.text, call),
    argumentRanges: ranges,
    reasoningEffort: effort ? effortValue(resolver, effort.found.node) : null,
    ...(budget ? { thinkingBudget: budgetValue(resolver, budget.found.node) } : {}),
    ...toolDefinitionsOf(resolver, lookup(params.tools ?? [])?.found.node ?? null),
    features: callFeatures({
      resolver,
      api: method.api,
      params,
      lookup: (names) => lookup(names)?.found.node ?? null,
      derivations: object?.derivations ?? [],
      messageSources,
    }),
    history: messagesNode?.inCall ? historyGrowth(resolver, call, messagesNode.node) : null,
    sites,
  };
  return { record, modelOffset };
}

/**
 * How many items a list written in the file holds (the requests of a batch), when each one is written out: no
 * comprehension, spread or `.append` in sight, which would make the count a run-time number.
 */
function writtenCount(resolver: Resolver, expr: Node): number | null {
  const literal = resolver.resolve(expr)?.node;
  if (!literal || !['list', 'array', 'tuple'].includes(literal.type)) return null;
  const children = literal.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
  if (children.some((n) => n.type === 'list_splat' || n.type === 'spread_element')) return null;
  const items = resolver.elements(expr);
  return items && items.length === children.length ? children.length : null;
}

/** A reasoning effort as written (`"low"`), or `none` for a thinking budget of 0; null when not known. */
function effortValue(resolver: Resolver, node: Node): string | null {
  const written = resolver.string(node)?.value;
  if (written !== undefined) return written;
  return resolver.number(node) === 0 ? 'none' : null;
}

/** A thinking budget in tokens; null when it is not a constant or is Gemini's -1 (the model decides). */
function budgetValue(resolver: Resolver, node: Node): number | null {
  const tokens = resolver.number(node);
  return tokens !== null && tokens >= 0 ? tokens : null;
}

function lastPart(dotted: string): string {
  return dotted.split('.').pop() ?? dotted;
}

/**
 * Whether every setting of the call is in sight: its own arguments (no unresolved spread or options name), the
 * constructor of a model whose settings it uses, and a config object the limit would sit in.
 */
function settingsInSight(
  resolver: Resolver,
  candidate: Candidate,
  named: Map<string, Node>,
  configNames: readonly string[],
  limitNames: readonly string[],
): boolean {
  const { call, method, object } = candidate;
  const promptFirst = method.on === 'model' || method.on === 'chat';
  if (!optionsComplete(resolver, call, promptFirst, true)) return false;
  if (promptFirst && (!object || object.settings.length === 0)) return false;
  for (const settings of object?.settings ?? []) {
    if (!optionsComplete(resolver, settings, false)) return false;
    // Settings chosen at run time (`configurable_fields`) or passed through (`model_kwargs`) may hold a limit.
    const entries = resolver.entries(settings);
    if (entries?.has('configurable_fields') || entries?.has('configurableFields')) return false;
    const passed = entries?.get('model_kwargs') ?? entries?.get('modelKwargs');
    if (passed && !isLiteralDict(resolver, passed)) return false;
  }
  // A runnable that binds or configures call options (`.bind(max_tokens=...)`, `.with_config(config)`).
  if (object?.derivations.some((d) => /^(bind|with_config|withConfig)$/.test(calleeName(d)))) return false;
  for (const name of configNames) {
    const config = named.get(name);
    if (config && !configInSight(resolver, config)) return false;
  }
  // A limit nested in an argument the code passes but does not show: Bedrock's `body=json.dumps(request)`.
  for (const name of limitNames) {
    const dot = name.indexOf('.');
    const container = dot > 0 ? named.get(name.slice(0, dot)) : undefined;
    if (container && !resolver.entries(container)) return false;
  }
  return true;
}

/**
 * Whether a config argument's settings are all in sight: a literal, or a constructor such as
 * `types.GenerateContentConfig(...)` whose own arguments are (`GenerateContentConfig(**config_kwargs)` with a mapping
 * the code fills from elsewhere may hold the limit), followed through a helper of the code's own when its return
 * resolves. A helper whose result the analysis does not follow may set anything from what it is given.
 */
function configInSight(resolver: Resolver, config: Node): boolean {
  if (!resolver.entries(config)) return false;
  const value = resolver.resolve(config)?.node;
  if (!value || !isCall(value)) return true;
  if (builtByOwnHelper(resolver, value)) return false;
  return optionsComplete(resolver, value, false);
}

/** A call of a function the code defines (not an SDK constructor), whose result comes from what it is given. */
function builtByOwnHelper(resolver: Resolver, node: Node): boolean {
  const value = unwrap(node);
  const callee = isCall(value) && value.type !== 'new_expression' ? calleeOf(value) : null;
  return !!callee && visibleFunction(resolver, unwrap(callee), 0) !== null;
}

/**
 * The tool definitions a `tools` argument sends, as one static text (white space folded, as the SDK sends JSON),
 * when it is a list whose every item resolves to a dict or object written in the code. A list built at run time
 * (`[t.schema for t in tools]`), or an item the code does not show, gives none: a part would understate them.
 */
function toolDefinitionsOf(resolver: Resolver, tools: Node | null): { toolDefinitions?: PromptSegment[] } {
  const list = tools ? resolver.resolve(tools)?.node : null;
  if (!list || (list.type !== 'list' && list.type !== 'array')) return {};
  const texts: string[] = [];
  for (const item of list.namedChildren) {
    if (!item || item.type === 'comment') continue;
    const value = resolver.resolve(item)?.node;
    if (!value || (value.type !== 'dictionary' && value.type !== 'object')) return {};
    texts.push(value.text.replace(/\s+/g, ' '));
  }
  return texts.length > 0 ? { toolDefinitions: [{ kind: 'static', text: `[${texts.join(', ')}]` }] } : {};
}

/** A dict / object written in this file (a literal or `dict(...)`), not the result of some other call. */
function isLiteralDict(resolver: Resolver, node: Node): boolean {
  const value = resolver.resolve(node)?.node;
  if (!value) return false;
  if (value.type === 'dictionary' || value.type === 'object') return true;
  return isCall(value) && calleeName(value) === 'dict';
}

function calleeName(call: Node): string {
  const callee = calleeOf(call);
  return callee ? (expressionName(callee) ?? '') : '';
}

/** The content blocks of a system prompt written as a list of dicts / objects in this file. */
function promptBlocks(resolver: Resolver, call: Node, value: Node): PromptBlock[] | undefined {
  const elements = resolver.elements(value);
  if (!elements) return undefined;
  const blocks: PromptBlock[] = [];
  for (const element of elements) {
    const node = resolver.resolve(element)?.node ?? unwrap(element);
    const options = optionsSite(resolver, node, contains(call, node) ? 'call' : 'options');
    // Through the name the call uses: entries the function adds to the block before the call count too.
    const entries = resolver.entries(element);
    if (!options || !entries) return undefined;
    const text = entries.get('text');
    blocks.push({
      options,
      static: !!text && resolver.segments(text).via !== 'dynamic',
      cached: entries.has('cache_control') || entries.has('cacheControl'),
    });
  }
  return blocks;
}

/**
 * The statements that give a system block its `cache_control` after it is built (`system["cache_control"] = …`,
 * `block.cache_control = …`), as Anthropic's computer-use demo does: the caching markers are read from them.
 */
function assignedMarkers(resolver: Resolver, value: Node): Node[] {
  const statements: Node[] = [];
  for (const element of resolver.elements(value) ?? [value]) {
    const block = resolver.resolve(element)?.node;
    const entries = resolver.entries(element);
    const marker = entries?.get('cache_control') ?? entries?.get('cacheControl');
    const assignment = marker?.parent;
    if (block && marker && assignment && !contains(block, marker) && /assignment/.test(assignment.type)) {
      statements.push(assignment);
    }
  }
  return statements;
}

/** A `cache_control` (Python, the wire) or `cacheControl` (some JS wrappers) anywhere in a text. */
const cacheKey = /cache_control|cacheControl/;

/**
 * What marks a conversation for caching between its building and the call, in the calling function: an assignment
 * into it (`messages[-1]["content"][-1]["cache_control"] = …`), or a function of this file given it
 * (`_inject_prompt_caching(messages)`, Anthropic's computer-use demo) that writes `cache_control`.
 */
function markedBefore(resolver: Resolver, call: Node, messages: Node): Node[] {
  const name = unwrap(messages);
  const scope = enclosingFunction(call);
  if ((name.type !== 'identifier' && name.type !== 'shorthand_property_identifier') || !scope) return [];
  const found: Node[] = [];
  for (const offset of resolver.bindings.occurrences(name.text, scope.startIndex, call.startIndex)) {
    let node = resolver.root.descendantForIndex(offset, offset + name.text.length);
    if (node?.text !== name.text) continue;
    while (
      node.parent &&
      (node.parent.type === 'subscript' || node.parent.type === 'subscript_expression' || isMember(node.parent)) &&
      sameNode(node.parent.firstNamedChild, node)
    ) {
      node = node.parent;
    }
    const parent = node.parent;
    if (!parent) continue;
    if (
      /assignment/.test(parent.type) &&
      sameNode(parent.childForFieldName('left'), node) &&
      cacheKey.test(node.text)
    ) {
      found.push(parent);
    } else if (parent.type === 'argument_list' || parent.type === 'arguments') {
      const callee = parent.parent ? calleeOf(parent.parent) : null;
      const definition = callee?.type === 'identifier' ? resolver.bindings.lookup(callee.text, callee) : null;
      if (definition?.kind === 'function' && cacheKey.test(definition.node.text)) found.push(definition.node);
    }
  }
  return found;
}

/** Named arguments: Python keywords (and `**spread`), or the entries of a JS options object (and `...spread`). */
function callEntries(resolver: Resolver, call: Node, positional: Node[]): Map<string, Node> {
  if (resolver.python) return resolver.entries(call) ?? new Map();
  const options = positional.find((n) => {
    const resolved = resolver.resolve(n)?.node;
    return resolved?.type === 'object';
  });
  return (options && resolver.entries(options)) || new Map();
}

function lookupDotted(
  resolver: Resolver,
  named: Map<string, Node>,
  settings: Map<string, Node>[],
  dotted: string,
): Found | null {
  const parts = dotted.split('.');
  const sources: [Map<string, Node>, boolean][] = [
    [named, true],
    ...settings.map((s): [Map<string, Node>, boolean] => [s, false]),
  ];
  for (const [map, inCall] of sources) {
    let node = map.get(parts[0]);
    for (let i = 1; node && i < parts.length; i++) node = resolver.entries(node)?.get(parts[i]);
    if (node) return { node, inCall };
  }
  return null;
}

interface ModelName {
  value: string;
  via: ModelVia;
  /** The string literal the name was read from. */
  node: Node;
  baseUrl?: string | null;
}

function stringWithVia(resolver: Resolver, node: Node): ModelName | null {
  const resolved = resolver.string(node);
  if (!resolved) return null;
  return { value: resolved.value, via: resolved.via, node: resolved.node };
}

/**
 * The calls that built the object with settings, nearest first, where a new setting of the model goes: not a
 * runnable's `with_config` / `withConfig`, whose argument is a run config (a model setting there is a type error in
 * TypeScript and ignored at run time), though it may choose a configurable model.
 */
function constructorsNearestFirst(object: SdkObject): Node[] {
  return [...object.settings].reverse().filter((settings) => !/^(with_config|withConfig)$/.test(calleeName(settings)));
}

/**
 * The options of the nearest such call that shows some: a chat started with none (`model.startChat()`) sends its
 * model's, so a limit goes there.
 */
function nearestConstructorOptions(resolver: Resolver, object: SdkObject): OptionsSite | null {
  for (const settings of constructorsNearestFirst(object)) {
    const site = optionsSite(resolver, settings, 'constructor');
    if (site) return site;
  }
  return null;
}

function addCandidate(candidates: string[], model: string): void {
  if (!candidates.includes(model)) candidates.push(model);
}

/**
 * The models a loop takes a name from (`for model in MODELS:` / `for (const model of MODELS)`, a list of string
 * literals, through a constant): every one is called, none is the call's one model.
 */
function loopModels(resolver: Resolver, node: Node): string[] {
  const name = unwrap(node);
  if (name.type !== 'identifier' && name.type !== 'shorthand_property_identifier') return [];
  for (let loop = name.parent; loop; loop = loop.parent) {
    if (isFunction(loop)) return [];
    if (loop.type !== 'for_statement' && loop.type !== 'for_in_statement') continue;
    const target = loop.childForFieldName('left');
    const bound = target?.type === 'identifier' ? target : target?.descendantsOfType('identifier')[0];
    if (bound?.text !== name.text) continue;
    const iterable = loop.childForFieldName('right');
    const items = iterable ? resolver.elements(iterable) : null;
    const models = (items ?? []).map((item) => resolver.string(item)?.value ?? null);
    return models.every((m): m is string => m !== null && m.trim() !== '') ? models : [];
  }
  return [];
}

function providerHint(
  resolver: Resolver,
  sdk: string,
  modelNode: Node | null,
  object: SdkObject | null | undefined,
): string | undefined {
  const constructor = object?.settings[0];
  const className = object?.className ?? (constructor ? calleeOf(constructor)?.text : undefined);
  const cloud = className ? cloudOfClient(className) : undefined;
  if (cloud) return cloud;
  if (sdk === 'langchain' && constructor) return providerOfName(calleeOf(constructor)?.text ?? '');
  // A provider's own OpenAI-shaped client (`AsyncGroq`, `Together`, `OpenRouter`).
  if (sdk === 'other' && object?.className) return providerOfName(object.className);
  if (sdk !== 'vercel-ai' || !modelNode) return undefined;
  const value = resolver.resolve(modelNode)?.node;
  const callee = value && isCall(value) ? calleeOf(value) : null;
  return callee ? providerOfName(callee.text) : undefined;
}

/** Where a node is written, as a record path and line (another file's, for a value read across files). */
function sourceOf(resolver: Resolver, node: Node): SourceLocation | null {
  const owner = resolver.owner(node);
  return owner ? { file: owner.file, line: owner.lineOf(node) } : null;
}

/** `inner` is part of `outer` in the same file (offsets of two files say nothing about each other). */
function within(outer: Node, inner: Node): boolean {
  return outer.tree === inner.tree && contains(outer, inner);
}

/** Middleware wrapped in middleware: a bound on how deep `wrapLanguageModel` calls are followed. */
const maxWrapDepth = 4;

/** Vercel AI SDK: `model: openai('gpt-4o')`, `openai.chat('gpt-4o')`, `createOpenAI({ baseURL })('x')`, or a gateway string. */
function vercelModel(resolver: Resolver, node: Node, depth = 0): ModelName | null {
  const direct = resolver.string(node);
  if (direct) return { value: direct.value, via: direct.via, node: direct.node, baseUrl: null };
  const resolved = resolver.resolve(node);
  if (!resolved || !isCall(resolved.node)) return null;
  const owner = resolver.owner(resolved.node) ?? resolver;
  const callee = calleeOf(resolved.node);
  // Middleware (`wrapLanguageModel({ model: openai('gpt-4o'), middleware })`) runs the model it wraps.
  const inner =
    callee && expressionName(unwrap(callee)) === 'wrapLanguageModel'
      ? owner.entries(resolved.node)?.get('model')
      : undefined;
  if (inner) {
    const found = depth < maxWrapDepth ? vercelModel(owner, inner, depth + 1) : null;
    return found && resolved.via !== 'literal' && found.via === 'literal' ? { ...found, via: resolved.via } : found;
  }
  const first = resolved.node.childForFieldName('arguments')?.firstNamedChild;
  const name = first ? resolver.string(first) : null;
  if (!name) return null;
  const via: ModelVia = resolved.via !== 'literal' && name.via === 'literal' ? resolved.via : name.via;
  let baseUrl: string | null = null;
  const provider = callee
    ? unwrap(isMember(unwrap(callee)) ? (unwrap(callee).childForFieldName('object') ?? callee) : callee)
    : null;
  const providerValue = provider ? owner.resolve(provider)?.node : null;
  if (providerValue && isCall(providerValue)) {
    const url = owner.entries(providerValue)?.get('baseURL');
    baseUrl = url ? (owner.string(url)?.value ?? null) : null;
  }
  return { value: name.value, via, node: name.node, baseUrl };
}

/**
 * The branch of a conditional limit written as None / null / undefined (`4096 if vision else None`,
 * `model === "gpt-4o" ? 4096 : null`): the calls that take it have no limit.
 */
function unsetBranch(value: Node): TextRange | undefined {
  const node = unwrap(value);
  const branches =
    node.type === 'ternary_expression'
      ? [node.childForFieldName('consequence'), node.childForFieldName('alternative')]
      : node.type === 'conditional_expression'
        ? [node.namedChildren[0], node.namedChildren[2]]
        : [];
  const none = branches.find((branch) => branch && isNoneLiteral(unwrap(branch)));
  return none ? rangeOf(none) : undefined;
}

function isNone(resolver: Resolver, node: Node): boolean {
  return isNoneLiteral(resolver.resolve(node)?.node ?? unwrap(node));
}

function isNoneLiteral(node: Node): boolean {
  return node.type === 'none' || node.type === 'null' || node.type === 'undefined';
}

function resolvesTrue(resolver: Resolver, node: Node): boolean {
  const value = resolver.resolve(node)?.node ?? unwrap(node);
  return booleanLiteral(value) === true;
}

/** The last argument, or the last property of a JS options object (where a new one is appended). */
function lastArgument(argList: Node[]): Node | null {
  const last = argList[argList.length - 1];
  if (!last) return null;
  if (last.type === 'object') {
    const properties = last.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
    return properties[properties.length - 1] ?? last;
  }
  return last;
}

const marker = /(["']?)(cache_control|cacheControl)\1\]?\s*[:=]/g;

/** Anthropic `cache_control` markers in the call, its constants, or the model's settings: one entry per breakpoint. */
function caching(resolver: Resolver, sources: Node[], settings: Node[]): PromptCaching {
  let ttl: PromptCaching['ttl'] = null;
  let elsewhere = false;
  const seen = new Set<string>();
  const markers = new Map<number, TextRange>();
  for (const node of [...sources, ...settings]) {
    const key = `${node.startIndex}:${node.endIndex}`;
    if (node.tree === resolver.root.tree && seen.has(key)) continue;
    seen.add(key);
    const text = node.text;
    if (!cacheKey.test(text)) continue;
    // A marker written in another file caches as well; only this file's markers get ranges for fixes.
    if (node.tree !== resolver.root.tree) elsewhere = true;
    else
      for (const match of text.matchAll(marker)) {
        const offset = node.startIndex + (match.index ?? 0);
        if (!markers.has(offset)) markers.set(offset, markerEntry(resolver, offset, match[0].length));
      }
    if (/["']?ttl["']?\s*[:=]\s*["']1h["']/.test(text)) ttl = '1h';
    else ttl ??= /["']?ttl["']?\s*[:=]\s*["']5m["']/.test(text) ? '5m' : null;
  }
  const ranges = [...markers.values()].sort((a, b) => a.start - b.start);
  return { explicit: ranges.length > 0 || elsewhere, ttl, markers: ranges };
}

/** The whole `cache_control` entry (key and value) starting at `offset`. */
function markerEntry(resolver: Resolver, offset: number, length: number): TextRange {
  let node: Node | null = resolver.root.descendantForIndex(offset, offset + Math.max(1, length - 1));
  for (let i = 0; node && i < 4; i++, node = node.parent) {
    if (node.type === 'pair' || node.type === 'keyword_argument') return rangeOf(node);
  }
  return { start: offset, end: offset + length };
}
