import type { Node } from 'web-tree-sitter';
import type { Resolver, SegmentsResult } from './resolver';
import { expressionName, calleeOf, mergeSegments, rangeOf, unwrap } from './syntax';
import type { PromptMessage, PromptSegment, TextRange } from './types';

export interface ReadMessages {
  messages: PromptMessage[];
  /** The first system/developer message, taken out of `messages` (it is the system prompt). */
  system: SegmentsResult | null;
  sources: Node[];
}

const roleOfClass: Record<string, string> = {
  SystemMessage: 'system',
  HumanMessage: 'user',
  AIMessage: 'assistant',
  ToolMessage: 'tool',
  ChatMessage: 'unknown',
};

const roleAliases: Record<string, string> = { human: 'user', ai: 'assistant', model: 'assistant' };

/** The messages a call sends: a list of role/content dicts, LangChain messages or tuples, or a single text. */
export function readMessages(resolver: Resolver, expr: Node): ReadMessages {
  const items = resolver.elements(expr);
  if (!items) {
    const single = resolver.segments(expr);
    const role =
      single.via === 'dynamic' && single.segments.length === 1 && !isStringish(unwrap(expr)) ? 'unknown' : 'user';
    return {
      messages: [{ role, segments: single.segments, range: single.range }],
      system: null,
      sources: single.sources,
    };
  }
  const messages: PromptMessage[] = [];
  const sources: Node[] = [];
  let system: SegmentsResult | null = null;
  for (const item of items) {
    const message = readMessage(resolver, item);
    sources.push(...message.content.sources);
    if (!system && (message.role === 'system' || message.role === 'developer')) {
      system = message.content;
      continue;
    }
    messages.push({ role: message.role, segments: message.content.segments, range: message.content.range });
  }
  return { messages, system, sources };
}

function isStringish(node: Node): boolean {
  return (
    node.type === 'string' ||
    node.type === 'template_string' ||
    node.type === 'concatenated_string' ||
    node.type === 'binary_operator' ||
    node.type === 'binary_expression'
  );
}

function readMessage(resolver: Resolver, item: Node): { role: string; content: SegmentsResult } {
  const node = unwrap(item);
  const literalType = node.type;
  const resolved =
    literalType === 'dictionary' || literalType === 'object' ? node : (resolver.resolve(node)?.node ?? node);
  const type = resolved === node ? literalType : resolved.type;
  if (type === 'tuple' || type === 'array' || type === 'list') {
    const [role, content] = resolved.namedChildren;
    const roleText = role ? resolver.string(role)?.value : undefined;
    if (roleText && content) return { role: roleAliases[roleText] ?? roleText, content: resolver.segments(content) };
  }
  if (type === 'call' || type === 'call_expression' || type === 'new_expression') {
    const callee = calleeOf(resolved);
    const name = callee ? expressionName(callee) : null;
    const role = name ? roleOfClass[name] : undefined;
    if (role) {
      const entries = resolver.entries(resolved);
      const content = entries?.get('content') ?? resolved.childForFieldName('arguments')?.firstNamedChild;
      if (content) return { role, content: contentSegments(resolver, content) };
    }
  }
  const entries = type === 'dictionary' || type === 'object' ? resolver.entries(resolved) : null;
  if (entries) {
    const roleNode = entries.get('role');
    const role = roleNode ? (resolver.string(roleNode)?.value ?? 'unknown') : 'unknown';
    const content = entries.get('content') ?? entries.get('parts') ?? entries.get('message') ?? entries.get('text');
    if (content) return { role: roleAliases[role] ?? role, content: contentSegments(resolver, content) };
  }
  if (type === 'string' || type === 'template_string' || type === 'concatenated_string') {
    return { role: 'user', content: resolver.segments(node) };
  }
  return { role: 'unknown', content: dynamic(node) };
}

/** A message content: a string, or a list of blocks of which the text ones count. */
export function contentSegments(resolver: Resolver, content: Node): SegmentsResult {
  // Most contents are a string literal or a name: no need to look for a list of blocks first.
  const type = content.type;
  if (type === 'string' || type === 'template_string' || type === 'concatenated_string' || type === 'binary_operator') {
    return resolver.segments(content);
  }
  const blocks = resolver.elements(content);
  if (!blocks) return resolver.segments(content);
  const segments: PromptSegment[] = [];
  const sources: Node[] = [content];
  let via: SegmentsResult['via'] = 'literal';
  let range: TextRange | undefined = rangeOf(unwrap(content));
  let parts = 0;
  for (const block of blocks) {
    const entries = resolver.entries(block);
    const text = entries ? entries.get('text') : block;
    if (!text) continue;
    const part = resolver.segments(text);
    if (++parts === 1) range = part.range;
    else range = rangeOf(unwrap(content));
    if (segments.length > 0) segments.push({ kind: 'static', text: '\n' });
    segments.push(...part.segments);
    sources.push(resolver.resolve(block)?.node ?? block, ...part.sources);
    if (part.via === 'dynamic') via = 'dynamic';
    else if (part.via === 'constant' && via === 'literal') via = 'constant';
  }
  return { segments: mergeSegments(segments), via, range, sources };
}

function dynamic(node: Node): SegmentsResult {
  return {
    segments: [{ kind: 'dynamic', expression: node.text, range: rangeOf(node) }],
    via: 'dynamic',
    range: rangeOf(node),
    sources: [node],
  };
}
