import type { Node } from 'web-tree-sitter';
import { findAnnotation } from './annotation';
import { expressionName, calleeOf, isFunction, sameNode } from './syntax';
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
  let child: Node = call;
  for (let p = call.parent; p; child = p, p = p.parent) {
    if (loopTypes.has(p.type)) {
      if (p.type === 'for_statement' || p.type === 'for_in_statement') {
        const body = p.childForFieldName('body');
        if (body && sameNode(body, child)) return 'for';
        continue;
      }
      if (p.type === 'while_statement' || p.type === 'do_statement') return 'while';
      // Comprehensions: the element, not the first iterable.
      if (child.type !== 'for_in_clause') return 'comprehension';
      continue;
    }
    if (isFunction(p)) return isIteratingCallback(p) ? 'callback' : null;
  }
  return null;
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
