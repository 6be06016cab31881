import type { Node } from 'web-tree-sitter';
import { findAnnotation } from './annotation';
import { expressionName, calleeOf, countedRange, isFunction, sameNode } from './syntax';
import type { LoopKind } from './types';

const loopTypes = new Set([
  'for_statement',
  'while_statement',
  'for_in_statement',
  'do_statement',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);

const iterating = new Set([
  'map',
  'forEach',
  'flatMap',
  'filter',
  'reduce',
  'some',
  'every',
  'starmap',
  'imap',
  'imap_unordered',
]);

/**
 * Inside a loop body, a comprehension, or a callback of `.map/.forEach/...` (or Python `map(fn, xs)`) within the
 * same function: the innermost one's kind. The iterable of a `for` (e.g. `for chunk in client.stream(...)`) is
 * not the body.
 */
export function loopKind(call: Node): LoopKind | null {
  return innermostLoop(call)?.kind ?? null;
}

/** The innermost loop around a call (see `loopKind`), with its node: the loop statement, comprehension or callback. */
export function innermostLoop(call: Node): { kind: LoopKind; node: Node } | null {
  let child: Node = call;
  let tried: Node | null = null;
  for (let p = call.parent; p; child = p, p = p.parent) {
    if (p.type === 'try_statement' && sameNode(p.childForFieldName('body'), child)) tried ??= p;
    if (loopTypes.has(p.type)) {
      if (p.type === 'for_statement' || p.type === 'for_in_statement') {
        const body = p.childForFieldName('body');
        // A retry loop runs the one request again on failure: the loop that matters is the one around it.
        if (body && sameNode(body, child) && !(tried && isRetryLoop(p, tried, call))) return { kind: 'for', node: p };
        continue;
      }
      if (p.type === 'while_statement' || p.type === 'do_statement') return { kind: 'while', node: p };
      // Comprehensions: the element, not the first iterable.
      if (child.type !== 'for_in_clause') return { kind: 'comprehension', node: p };
      continue;
    }
    if (isFunction(p)) return isIteratingCallback(p) ? { kind: 'callback', node: p } : null;
  }
  return null;
}

/**
 * Whether what a loop iterates reaches the prompt: a name the loop binds (`for row in rows`, `(doc) => ...`, a
 * comprehension's target), or one assigned from such a name in the loop before the call, appears in the text the
 * prompt was read from. A loop that sweeps a setting (`for temperature in [0, 1]`, `max_tokens=n`) or repeats one
 * request (`for _ in range(3)`) sends the same prompt each time: no batch of data. True when the loop binds no
 * name the analysis can see (a `while`).
 */
export function loopFeedsPrompt(loop: Node, call: Node, prompt: readonly Node[]): boolean {
  const names = boundByLoop(loop);
  if (names.size === 0) return true;
  // Names assigned in the loop from a loop name, in text order up to the call (`prompt = f"... {row}"`).
  for (const assignment of loop.descendantsOfType(['assignment', 'variable_declarator', 'assignment_expression'])) {
    if (!assignment || assignment.startIndex >= call.startIndex) continue;
    const left = assignment.childForFieldName(assignment.type === 'variable_declarator' ? 'name' : 'left');
    const right = assignment.childForFieldName(assignment.type === 'variable_declarator' ? 'value' : 'right');
    if (left && right && mentionsAny(right.text, names)) for (const name of identifiersIn(left)) names.add(name);
  }
  return prompt.some((node) => mentionsAny(node.text, names));
}

/** The names a loop binds per turn: its target(s), a classic `for`'s counter, a callback's parameters. */
function boundByLoop(loop: Node): Set<string> {
  const targets: Node[] = [];
  if (loop.type === 'for_statement') {
    const left = loop.childForFieldName('left');
    if (left) targets.push(left);
    for (const declarator of loop.childForFieldName('initializer')?.namedChildren ?? []) {
      const name = declarator?.type === 'variable_declarator' ? declarator.childForFieldName('name') : null;
      if (name) targets.push(name);
    }
  } else if (loop.type === 'for_in_statement') {
    const left = loop.childForFieldName('left');
    if (left) targets.push(left);
  } else if (isFunction(loop)) {
    const parameters = loop.childForFieldName('parameters') ?? loop.childForFieldName('parameter');
    if (parameters) targets.push(parameters);
  } else {
    for (const clause of loop.descendantsOfType('for_in_clause')) {
      const left = clause?.childForFieldName('left');
      if (left) targets.push(left);
    }
  }
  return new Set(targets.flatMap(identifiersIn));
}

function identifiersIn(node: Node): string[] {
  if (node.type === 'identifier' || node.type === 'shorthand_property_identifier_pattern') return [node.text];
  return node
    .descendantsOfType(['identifier', 'shorthand_property_identifier_pattern'])
    .flatMap((n) => (n && !/^(const|let|var)$/.test(n.text) ? [n.text] : []));
}

function mentionsAny(text: string, names: ReadonlySet<string>): boolean {
  for (const name of names) {
    if (new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(text)) return true;
  }
  return false;
}

/**
 * A loop that counts attempts: `for attempt in range(3)` (Python) or `for (let i = 0; i < retries; i++)`, whose
 * counter the call does not read, around a `try` that holds the call and leaves the loop once it succeeds
 * (`return`, `break`). A loop over data reads its variable (`texts[i]`) or iterates something other than a count;
 * one making N answers (`for i in range(num_images)`) goes on after each.
 */
function isRetryLoop(loop: Node, tried: Node, call: Node): boolean {
  if (!leavesOnSuccess(loop, tried)) return false;
  let counter: Node | null = null;
  if (loop.type === 'for_statement' && loop.childForFieldName('right')) {
    if (!countedRange(loop)) return false;
    counter = loop.childForFieldName('left');
  } else if (loop.type === 'for_statement') {
    const declarator = loop
      .childForFieldName('initializer')
      ?.namedChildren.find((c) => c?.type === 'variable_declarator');
    counter = declarator?.childForFieldName('name') ?? null;
  }
  if (counter?.type !== 'identifier') return false;
  return !new RegExp(`(?<![\\w$])${counter.text.replace(/\$/g, '\\$')}(?![\\w$])`).test(call.text);
}

/** Whether the `try` block holds a `return` or `break` of the loop itself (not of a loop or function inside it). */
function leavesOnSuccess(loop: Node, tried: Node): boolean {
  const exits = tried.childForFieldName('body')?.descendantsOfType(['break_statement', 'return_statement']) ?? [];
  return exits.some((exit) => {
    let owner = exit?.parent ?? null;
    while (owner && !loopTypes.has(owner.type) && !isFunction(owner)) owner = owner.parent;
    return owner !== null && sameNode(owner, loop);
  });
}

export function isInLoop(call: Node): boolean {
  return loopKind(call) !== null;
}

function isIteratingCallback(fn: Node): boolean {
  const args = fn.parent;
  if (!args || (args.type !== 'arguments' && args.type !== 'argument_list')) return false;
  const call = args.parent;
  const callee = call ? calleeOf(call) : null;
  if (!callee) return false;
  const name = expressionName(callee);
  return name !== null && iterating.has(name);
}

/**
 * Calls per day from an annotation comment on the lines just above the call's statement
 * (`# llm-cost-lens: 5000/day`, `// llm-cost-lens: 20/day`), or at the end of the call's first line.
 */
export function callsPerDayAnnotation(text: string, call: Node): number | null {
  return findAnnotation(text, call.startIndex)?.callsPerDay ?? null;
}
