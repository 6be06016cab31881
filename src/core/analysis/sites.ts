import type { Node } from 'web-tree-sitter';
import type { Resolver } from './resolver';
import {
  calleeOf,
  contains,
  enclosingFunction,
  isCall,
  isMember,
  isStringLike,
  memberName,
  memberObject,
  numberLiteral,
  rangeOf,
  sameNode,
  subscriptKeys,
  unwrap,
  fallbackSides,
} from './syntax';
import type { OptionsSite, ParamSite, SiteLocation } from './types';
import { isNullish } from './values';

/** Where fixes edit: the entries of parameters and the argument lists new ones go into. */

const spreads = new Set(['dictionary_splat', 'spread_element']);

/** The entries of an argument list or a dict / object literal, comments left out. */
function entriesOf(node: Node): Node[] {
  return node.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
}

/** `where` for a node found among a call's parameters: written in the call, or built elsewhere in the file. */
export function locationOf(call: Node, node: Node, onConstructor: boolean): SiteLocation {
  if (onConstructor) return 'constructor';
  return contains(call, node) ? 'call' : 'options';
}

/** A node of the analysed file: fixes edit this file's text only, never a value read from another file. */
function local(resolver: Resolver, node: Node): boolean {
  return node.tree === resolver.root.tree;
}

/** The site of a parameter whose value expression is `value` (none when it is written in another file). */
export function paramSite(
  resolver: Resolver,
  name: string,
  value: Node,
  where: SiteLocation,
  literalNode?: Node | null,
): ParamSite | undefined {
  if (!local(resolver, value)) return undefined;
  const parent = value.parent;
  const site: ParamSite = { name, value: rangeOf(value), entry: rangeOf(value), where };
  if (value.type === 'shorthand_property_identifier') {
    site.key = rangeOf(value);
    site.shorthand = true;
  } else if (parent && (parent.type === 'keyword_argument' || parent.type === 'pair')) {
    const key = parent.childForFieldName(parent.type === 'pair' ? 'key' : 'name');
    if (key && sameNode(parent.childForFieldName('value'), value)) {
      site.key = rangeOf(key);
      site.entry = rangeOf(parent);
    }
  } else if (parent && (parent.type === 'assignment' || parent.type === 'assignment_expression')) {
    // `params["max_tokens"] = 100` / `params.max_tokens = 100`: the key is the subscript or the property.
    const target = parent.childForFieldName('left');
    const key =
      target?.childForFieldName('subscript') ??
      target?.childForFieldName('index') ??
      target?.childForFieldName('property') ??
      target?.childForFieldName('attribute');
    if (key) {
      site.key = rangeOf(key);
      site.entry = rangeOf(parent);
    }
  }
  const literal = literalNode ?? resolvedLiteral(resolver, value);
  if (literal && local(resolver, literal) && !sameNode(literal, value) && !contains(value, literal))
    site.literal = rangeOf(literal);
  return site;
}

function resolvedLiteral(resolver: Resolver, value: Node): Node | null {
  const resolved = resolver.resolve(value)?.node;
  if (!resolved) return null;
  return isStringLike(resolved) || numberLiteral(resolved) !== null ? resolved : null;
}

/**
 * The options an expression stands for: a dict / object literal, the keyword arguments of a call (a config
 * constructor such as `types.GenerateContentConfig(...)`, a LangChain model), or a name bound to one in this
 * file (then `where` is `options`: the edit goes where the value is built).
 */
export function optionsSite(resolver: Resolver, expr: Node, where: SiteLocation, depth = 0): OptionsSite | null {
  const node = unwrap(expr);
  if (!local(resolver, node)) return null;
  if (node.type === 'dictionary' || node.type === 'object') {
    return {
      range: rangeOf(node),
      syntax: node.type === 'object' ? 'object' : 'dict',
      entries: entriesOf(node).map(rangeOf),
      where,
    };
  }
  if (isCall(node)) {
    const args = node.childForFieldName('arguments');
    if (!args) return null;
    if (resolver.python)
      return { range: rangeOf(args), syntax: 'keywords', entries: entriesOf(args).map(rangeOf), where };
    const object = entriesOf(args).find((n) => unwrap(n).type === 'object' || n.type === 'identifier');
    return object && depth < 4 ? optionsSite(resolver, object, where, depth + 1) : null;
  }
  if ((node.type === 'identifier' || node.type === 'attribute' || node.type === 'member_expression') && depth < 4) {
    const resolved = resolver.resolve(node);
    if (!resolved || sameNode(resolved.node, node)) return null;
    return optionsSite(resolver, resolved.node, where === 'call' ? 'options' : where, depth + 1);
  }
  return null;
}

/**
 * The options of a call itself: Python keyword arguments, or the JS options object (inline, or the literal a
 * name passed in is bound to). Null when a JS call passes no options the file shows.
 */
export function callOptions(resolver: Resolver, call: Node): OptionsSite | null {
  const args = call.childForFieldName('arguments');
  if (!args) return null;
  if (resolver.python)
    return { range: rangeOf(args), syntax: 'keywords', entries: entriesOf(args).map(rangeOf), where: 'call' };
  for (const argument of entriesOf(args)) {
    const node = unwrap(argument);
    if (node.type === 'object') return optionsSite(resolver, node, 'call');
    if (node.type === 'identifier') {
      const site = optionsSite(resolver, node, 'options');
      if (site) return site;
    }
  }
  return null;
}

/**
 * Whether every named argument of the call is in sight: each `**spread` / `...spread` resolves to entries in
 * this file, and a JS options argument passed by name resolves to an object. `promptFirst`: the call's first
 * argument is the prompt (LangChain `invoke`, a chat's `sendMessage`), so a name there hides no options.
 * `callersHide`: a parameter known only by its default hides what callers pass (the request's own arguments; a
 * model a factory builds from its options is followed to the factory's call by the receiver instead).
 */
export function optionsComplete(resolver: Resolver, call: Node, promptFirst: boolean, callersHide = false): boolean {
  const args = call.childForFieldName('arguments');
  if (!args) return true;
  const visible = (container: Node, depth: number): boolean => {
    for (const entry of entriesOf(container)) {
      if (!spreads.has(entry.type)) continue;
      const inner = entry.firstNamedChild;
      if (!inner || !shown(inner, depth)) return false;
    }
    return true;
  };
  const shown = (expression: Node, depth: number): boolean => {
    if (setInSeveralPlaces(resolver, expression) || (callersHide && passedIn(resolver, expression, 0))) return false;
    const resolved = resolver.resolve(expression)?.node;
    if (!resolved) return false;
    // `**dict(a=1)` shows its entries; any other call's result (`**json.loads(request)`) may hold any setting.
    const dictCall = resolver.python && isDictCall(resolved);
    if (resolved.type !== 'dictionary' && resolved.type !== 'object' && !dictCall) return false;
    // `params.update(extra)` after the dict is bound: `extra` must be shown too (a `dict(...)` of an unseen mapping is not).
    const merged = resolver.python ? mergedMappings(resolver, resolved) : [];
    if (merged === null || (depth < 4 && !merged.every((mapping) => shown(mapping, depth + 1)))) return false;
    const entries = dictCall ? resolved.childForFieldName('arguments') : resolved;
    if (depth >= 4 || !entries) return true;
    if (!visible(entries, depth + 1)) return false;
    // `dict(request)` copies a mapping: its entries are the mapping's.
    const copied = dictCall
      ? entriesOf(entries).filter((e) => e.type !== 'keyword_argument' && !spreads.has(e.type))
      : [];
    return copied.every((mapping) => shown(mapping, depth + 1));
  };
  if (!visible(args, 0)) return false;
  if (resolver.python) return true;
  for (const argument of entriesOf(args)) {
    const node = unwrap(argument);
    if (node.type === 'object') return visible(node, 0);
    if (node.type === 'identifier') {
      const resolved = resolver.resolve(node)?.node;
      if (resolved?.type === 'object') return visible(resolved, 0);
      // Options a function builds where the analysis cannot follow it (`buildAnthropicParams({ maxTokens })` in
      // anything-llm) may hold any setting, under names the function maps. A command object (`new
      // ConverseCommand(input)`) is not one: its input is followed as the options.
      if (!promptFirst && (!resolved || unwrap(resolved).type === 'call_expression')) return false;
    }
    if (node.type === 'call_expression' && !promptFirst) return false;
  }
  return true;
}

/**
 * An attribute with more than one definition (a dataclass field's default and a branch that sets it): the resolver
 * picks the likeliest value, but which one a call sends is not in sight, nor what a caller passed for the field.
 */
function setInSeveralPlaces(resolver: Resolver, expression: Node): boolean {
  const node = unwrap(expression);
  return isMember(node) && resolver.members.everyDefinition(node).length > 1;
}

/**
 * A name bound to a parameter, also through `x = x or {}`, that the resolver knows only by its default
 * (`model_kwargs: dict = {}`, khoj): what the callers pass is not in sight.
 */
function passedIn(resolver: Resolver, expression: Node, depth: number): boolean {
  const node = unwrap(expression);
  if (node.type !== 'identifier' || depth > 4) return false;
  const definition = resolver.bindings.lookup(node.text, node);
  if (definition?.kind === 'param') {
    // Followed to the one call that passes it (a factory's options), it is in sight; a default alone is not.
    const resolved = resolver.resolve(node);
    return !resolved || resolved.via === 'default-param' || isNullish(resolved.node);
  }
  if (definition?.kind !== 'value') return false;
  const left = fallbackSides(unwrap(definition.value))?.left;
  return left ? passedIn(resolver, left, depth + 1) : false;
}

/** A Python `dict(...)` call: its keywords and the mappings it copies are its entries. */
function isDictCall(node: Node): boolean {
  return isCall(node) && calleeOf(node)?.text === 'dict';
}

/**
 * The mappings a dict is updated with after it is bound, in the same scope (`params.update(extra)`,
 * `params.update(**extra)`); null when one is not a name or expression the analysis can follow, or an entry is
 * set under a computed key.
 */
function mergedMappings(resolver: Resolver, dict: Node): Node[] | null {
  const owner = resolver.owner(dict);
  const assignment = dict.parent;
  const name = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
  if (!owner || !assignment || name?.type !== 'identifier') return [];
  const scope = enclosingFunction(assignment) ?? owner.root;
  const mappings: Node[] = [];
  for (const offset of owner.bindings.occurrences(name.text, dict.endIndex, scope.endIndex)) {
    const node = owner.root.descendantForIndex(offset, offset + name.text.length);
    const member = node?.parent;
    // `params[key] = value` with a key the code computes (`for key in (...): params[key] = source[key]`) may set any.
    if (node && member?.type === 'subscript' && sameNode(member.childForFieldName('value'), node)) {
      const key = member.childForFieldName('subscript');
      const assigned =
        member.parent?.type === 'assignment' && sameNode(member.parent.childForFieldName('left'), member);
      if (assigned && (!key || subscriptKeys(key) === null)) return null;
      continue;
    }
    if (!node || !member || !isMember(member) || memberName(member) !== 'update') continue;
    const call = member.parent;
    const args = call && isCall(call) ? call.childForFieldName('arguments') : null;
    if (!args || !sameNode(memberObject(member), node)) continue;
    for (const argument of entriesOf(args)) {
      if (argument.type === 'keyword_argument') continue;
      const mapping = spreads.has(argument.type) ? argument.firstNamedChild : argument;
      if (!mapping) return null;
      mappings.push(mapping);
    }
  }
  return mappings;
}
