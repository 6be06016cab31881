import type { Node } from 'web-tree-sitter';
import type { Candidate } from './candidates';
import { callsPerDayAnnotation, isInLoop } from './context';
import { contentSegments, readMessages } from './prompts';
import type { Resolver, SegmentsResult, Via } from './resolver';
import { booleanLiteral, calleeOf, contains, isCall, isMember, rangeOf, unwrap } from './syntax';
import type {
  ArgumentRanges,
  CallRecord,
  ModelVia,
  PromptCaching,
  PromptMessage,
  SystemPrompt,
  TextRange,
} from './types';

/** Where a parameter was found: in the call itself, or on the constructor/factory that carries settings. */
interface Found {
  node: Node;
  inCall: boolean;
}

/** The call record of one candidate call. */
export function buildRecord(candidate: Candidate, resolver: Resolver, file: string): CallRecord {
  const { call, nameNode, entry, method, object } = candidate;
  const args = call.childForFieldName('arguments');
  const argList = args?.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment') ?? [];
  const positional = argList.filter((n) => !['keyword_argument', 'dictionary_splat', 'list_splat'].includes(n.type));
  const named = callEntries(resolver, call, positional);
  const settings = (object?.settings ?? []).map((s) => resolver.entries(s) ?? new Map<string, Node>()).reverse();
  if (method.batch) {
    // Anthropic batches: each request's `params` are Messages parameters; the first one stands for all.
    const requests = named.get('requests');
    const first = requests ? resolver.elements(requests)?.[0] : undefined;
    const inner = first ? resolver.entries(first)?.get('params') : undefined;
    const innerEntries = inner ? resolver.entries(inner) : null;
    if (innerEntries) settings.unshift(innerEntries);
  }
  const lookup = (names: readonly string[]): { found: Found; name: string } | null => {
    for (const name of names) {
      const found = lookupDotted(resolver, named, settings, name);
      if (found) return { found, name };
    }
    return null;
  };
  const params = entry.params;
  const ranges: ArgumentRanges = { args: rangeOf(args ?? call) };
  const inCallRange = (
    found: Found | null | undefined,
    key: Exclude<keyof ArgumentRanges, 'args' | 'lastArgument' | 'constructorArgs'>,
  ): void => {
    if (found && contains(call, found.node)) ranges[key] = rangeOf(found.node);
  };

  // Model
  let modelNode: Found | null = lookup(params.model)?.found ?? null;
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
  let providerBaseUrl: string | null = null;
  if (modelNode) {
    inCallRange(modelNode, 'model');
    const resolved =
      entry.sdk === 'vercel-ai' ? vercelModel(resolver, modelNode.node) : stringWithVia(resolver, modelNode.node);
    if (resolved) {
      model = resolved.value;
      // A literal in a dict spread into the call (`**params`) is written elsewhere: a constant, for the call.
      modelVia =
        resolved.via === 'literal' && modelNode.inCall && !contains(call, modelNode.node) ? 'constant' : resolved.via;
      providerBaseUrl = resolved.baseUrl ?? null;
    }
  }

  // Output limit
  const limit = lookup(params.outputLimit);
  const limitSet = !!limit && !isNone(resolver, limit.found.node);
  if (limit) inCallRange(limit.found, 'outputLimit');

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
  if (messagesNode) {
    inCallRange(messagesNode, 'messages');
    const read = readMessages(resolver, messagesNode.node);
    messages = read.messages;
    system = read.system;
    sources.push(...read.sources);
  }
  const systemParam = lookup(params.system);
  if (systemParam) {
    inCallRange(systemParam.found, 'system');
    system = contentSegments(resolver, systemParam.found.node);
  }
  if (system) sources.push(...system.sources);
  const systemPrompt: SystemPrompt = system
    ? { kind: system.via, segments: system.segments, range: system.range }
    : { kind: 'none', segments: [] };

  // Base URL: the client's constructor, the model's provider, or the call itself (LiteLLM `api_base`).
  let baseUrl: string | null = null;
  // Only module functions (LiteLLM `api_base`) take the endpoint per call; elsewhere `endpoint` means something else.
  const baseUrlParam = lookup(params.baseUrl);
  if (baseUrlParam && (object === null || !baseUrlParam.found.inCall))
    baseUrl = resolver.string(baseUrlParam.found.node)?.value ?? null;
  if (!baseUrl && object?.construction) {
    const constructorEntries = resolver.entries(object.construction);
    if (constructorEntries) {
      const found = params.baseUrl.map((n) => lookupDotted(resolver, constructorEntries, [], n)).find((f) => f);
      if (found) baseUrl = resolver.string(found.node)?.value ?? null;
    }
  }
  baseUrl ??= providerBaseUrl;

  const last = lastArgument(argList);
  if (last) ranges.lastArgument = rangeOf(last);
  const constructor = object?.settings[0];
  if (constructor) {
    const constructorArgs = constructor.childForFieldName('arguments');
    if (constructorArgs) ranges.constructorArgs = rangeOf(constructorArgs);
  }

  return {
    file,
    range: rangeOf(call),
    line: nameNode.startPosition.row + 1,
    column: nameNode.startPosition.column + 1,
    sdk: entry.sdk,
    api: method.api,
    model,
    modelVia,
    outputLimit: limitSet,
    outputLimitParam: limitSet && limit ? (limit.name.split('.').pop() ?? limit.name) : null,
    outputLimitValue: limitSet && limit ? resolver.number(limit.found.node) : null,
    stream,
    inLoop: isInLoop(call),
    batch: !!method.batch,
    systemPrompt,
    messages,
    baseUrl,
    caching: caching(sources, object?.settings ?? []),
    callsPerDay: callsPerDayAnnotation(resolver.text, call),
    argumentRanges: ranges,
  };
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

function stringWithVia(
  resolver: Resolver,
  node: Node,
): { value: string; via: ModelVia; baseUrl?: string | null } | null {
  const resolved = resolver.string(node);
  if (!resolved) return null;
  return { value: resolved.value, via: resolved.via as Via };
}

/** Vercel AI SDK: `model: openai('gpt-4o')`, `openai.chat('gpt-4o')`, `createOpenAI({ baseURL })('x')`, or a gateway string. */
function vercelModel(resolver: Resolver, node: Node): { value: string; via: ModelVia; baseUrl: string | null } | null {
  const direct = resolver.string(node);
  if (direct) return { value: direct.value, via: direct.via, baseUrl: null };
  const resolved = resolver.resolve(node);
  if (!resolved || !isCall(resolved.node)) return null;
  const first = resolved.node.childForFieldName('arguments')?.firstNamedChild;
  const name = first ? resolver.string(first) : null;
  if (!name) return null;
  const via: ModelVia = resolved.via !== 'literal' && name.via === 'literal' ? resolved.via : name.via;
  let baseUrl: string | null = null;
  const callee = calleeOf(resolved.node);
  const provider = callee
    ? unwrap(isMember(unwrap(callee)) ? (unwrap(callee).childForFieldName('object') ?? callee) : callee)
    : null;
  const providerValue = provider ? resolver.resolve(provider)?.node : null;
  if (providerValue && isCall(providerValue)) {
    const url = resolver.entries(providerValue)?.get('baseURL');
    baseUrl = url ? (resolver.string(url)?.value ?? null) : null;
  }
  return { value: name.value, via, baseUrl };
}

function isNone(resolver: Resolver, node: Node): boolean {
  const value = resolver.resolve(node)?.node ?? unwrap(node);
  return value.type === 'none' || value.type === 'null' || value.type === 'undefined';
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

/** An Anthropic `cache_control` marker in the call, its constants, or the model's settings. */
function caching(sources: Node[], settings: Node[]): PromptCaching {
  let explicit = false;
  let ttl: PromptCaching['ttl'] = null;
  const seen = new Set<string>();
  for (const node of [...sources, ...settings]) {
    const key = `${node.startIndex}:${node.endIndex}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const text = node.text;
    if (!/cache_control|cacheControl/.test(text)) continue;
    explicit = true;
    if (/["']?ttl["']?\s*[:=]\s*["']1h["']/.test(text)) ttl = '1h';
    else ttl ??= /["']?ttl["']?\s*[:=]\s*["']5m["']/.test(text) ? '5m' : null;
  }
  return { explicit, ttl };
}

export type { TextRange };
