import type { Node } from 'web-tree-sitter';
import type { Resolver } from './resolver';
import {
  countedRange,
  contains,
  enclosingClass,
  enclosingFunction,
  isCall,
  isFunction,
  isMember,
  memberName,
  memberObject,
  rangeOf,
  sameNode,
  unwrap,
} from './syntax';
import type { HistoryGrowth, TextRange } from './types';

const growing = new Set(['append', 'push', 'extend', 'insert', 'add_message', 'add_messages', 'concat']);
const shrinking = new Set(['pop', 'shift', 'splice', 'clear', 'popleft', 'remove']);
/** A helper that bounds the history: trimming, windowing, summarising. */
const bounding = /trim|truncat|summar|window|compact|prune|limit|shorten|condense|compress|last_n|lastN|tail/i;
const loops = new Set(['for_statement', 'for_in_statement', 'while_statement', 'do_statement']);

interface ListName {
  /** The identifier, or the attribute name of `self.x` / `this.x`. */
  name: string;
  member: boolean;
  /** Where the list lives: the class of `self.x`, the function of a local, or the file for a module name. */
  region: Node;
  /** The binding the call reads (null for members and parameters). */
  definition: Node | null;
  persistent: boolean;
}

/**
 * A messages list that grows with every turn and is sent whole: appended to in a loop around the call, or kept
 * across calls (an instance attribute, a module list, a list passed in) and appended to per turn, with nothing
 * in sight that trims it (slicing back, popping, clearing, a `trim`/`summarise` helper, a reset).
 */
export function historyGrowth(resolver: Resolver, call: Node, messages: Node | null): HistoryGrowth | null {
  if (!messages) return null;
  const list = listName(resolver, unwrap(messages));
  if (!list) return null;
  resolver.tracker.name(list.name);
  const appends: TextRange[] = [];
  const appendNodes: Node[] = [];
  for (const offset of resolver.bindings.occurrences(list.name, list.region.startIndex, list.region.endIndex)) {
    const token = resolver.root.descendantForIndex(offset, offset + list.name.length);
    const target = token ? useOf(token, list) : null;
    if (!target) continue;
    const use = classify(target, list, call);
    if (use === 'shrink') return null;
    if (use && use !== 'read') {
      appends.push(rangeOf(use));
      appendNodes.push(use);
    }
  }
  if (appends.length === 0) return null;
  const loop = innermostLoop(call);
  if (loop && appendNodes.some((n) => contains(loop, n)) && !(list.definition && contains(loop, list.definition))) {
    const maxTurns = loopBound(resolver, loop);
    return { variable: unwrap(messages).text, per: 'loop', appends, ...(maxTurns === null ? {} : { maxTurns }) };
  }
  return list.persistent ? { variable: unwrap(messages).text, per: 'turns', appends } : null;
}

function listName(resolver: Resolver, node: Node): ListName | null {
  if (node.type === 'identifier' || node.type === 'shorthand_property_identifier') {
    const definition = resolver.bindings.lookup(node.text, node);
    if (!definition || (definition.kind !== 'value' && definition.kind !== 'param')) return null;
    const scope = enclosingFunction(definition.name);
    const region = scope ?? resolver.root;
    const persistent = definition.kind === 'param' || (scope === null && enclosingFunction(node) !== null);
    return { name: node.text, member: false, region, definition: definition.name, persistent };
  }
  if (isMember(node)) {
    const object = memberObject(node);
    const name = memberName(node);
    if (!object || !name || !/^(self|this)$/.test(object.text)) return null;
    return { name, member: true, region: enclosingClass(node) ?? resolver.root, definition: null, persistent: true };
  }
  return null;
}

/** The expression that stands for the list at this occurrence (`x`, or `self.x`), or null for another name. */
function useOf(token: Node, list: ListName): Node | null {
  if (!list.member) return token.type === 'identifier' ? token : null;
  const member = token.parent;
  if (!member || !isMember(member) || memberName(member) !== list.name) return null;
  const object = memberObject(member);
  return object && /^(self|this)$/.test(object.text) ? member : null;
}

/** What one occurrence does to the list: grows it (the growing node), shrinks or resets it, or only reads it. */
function classify(target: Node, list: ListName, call: Node): Node | 'shrink' | 'read' | null {
  const parent = target.parent;
  if (!parent) return null;
  if (isMember(parent) && sameNode(memberObject(parent), target)) {
    const method = memberName(parent) ?? '';
    const invoked = parent.parent && isCall(parent.parent) ? parent.parent : null;
    if (invoked && growing.has(method)) return invoked;
    if (invoked && shrinking.has(method)) return 'shrink';
    return 'read';
  }
  if (parent.type === 'subscript' && parent.parent?.type === 'delete_statement') return 'shrink';
  if (parent.type === 'augmented_assignment' && sameNode(parent.childForFieldName('left'), target)) return parent;
  if (
    (parent.type === 'assignment' || parent.type === 'assignment_expression') &&
    sameNode(parent.childForFieldName('left'), target)
  ) {
    const right = parent.childForFieldName('right');
    if (list.definition && contains(parent, list.definition)) return 'read';
    if (!right || !mentions(right, list)) {
      // `self.history = []` in the constructor starts the list; anywhere else it resets it.
      return isConstructor(enclosingFunction(parent)) ? 'read' : 'shrink';
    }
    if (/\[[^\]]*:[^\]]*\]|\.slice\(/.test(right.text) || bounding.test(right.text)) return 'shrink';
    return parent;
  }
  // Handed to a helper that bounds it.
  const args = parent.type === 'argument_list' || parent.type === 'arguments' ? parent : null;
  const helper = args?.parent && isCall(args.parent) && !sameNode(args.parent, call) ? args.parent : null;
  const callee = helper?.childForFieldName('function');
  if (callee && bounding.test(callee.text)) return 'shrink';
  return 'read';
}

function mentions(node: Node, list: ListName): boolean {
  return new RegExp(`(^|[^\\w$])${list.member ? '(self|this)\\.' : ''}${list.name}(?![\\w$])`).test(node.text);
}

function isConstructor(fn: Node | null): boolean {
  const name = fn?.childForFieldName('name')?.text;
  return name === '__init__' || name === 'constructor' || (fn?.type === 'method_definition' && name === 'constructor');
}

/**
 * How many times a loop runs at most, when a constant bounds it: `for _ in range(5)`, `while i < max_iterations`
 * with `max_iterations = 5` (a counter from 0: `<` runs N times, `<=` N + 1), `for (let i = 0; i < 5; i++)`.
 */
function loopBound(resolver: Resolver, loop: Node): number | null {
  if (loop.type === 'for_statement' && loop.childForFieldName('right')) {
    const range = countedRange(loop);
    const args = range?.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => !!n) ?? [];
    if (args.length === 1) return positive(resolver.number(args[0]));
    if (args.length !== 2) return null;
    const start = resolver.number(args[0]);
    const stop = resolver.number(args[1]);
    return start === null || stop === null ? null : positive(stop - start);
  }
  const condition = loop.childForFieldName('condition');
  // A JavaScript `for (;;)` holds its test as an expression statement.
  const test = condition
    ? unwrap(condition.type === 'expression_statement' ? (condition.firstNamedChild ?? condition) : condition)
    : null;
  if (!test || (test.type !== 'comparison_operator' && test.type !== 'binary_expression')) return null;
  const [left, right] = [test.namedChildren[0], test.namedChildren[1]];
  const operator = test.type === 'binary_expression' ? test.childForFieldName('operator')?.type : test.child(1)?.type;
  if (left?.type !== 'identifier' || !right || (operator !== '<' && operator !== '<=')) return null;
  const bound = resolver.number(right);
  return bound === null ? null : positive(operator === '<' ? bound : bound + 1);
}

function positive(count: number | null): number | null {
  return count !== null && Number.isInteger(count) && count > 0 ? count : null;
}

function innermostLoop(call: Node): Node | null {
  for (let p = call.parent; p; p = p.parent) {
    if (loops.has(p.type)) return p;
    if (isFunction(p)) return null;
  }
  return null;
}
