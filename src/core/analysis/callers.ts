import type { Node } from 'web-tree-sitter';
import type { Resolver } from './resolver';
import { argumentFor, parameterNames } from './returns';
import { calleeOf, isCall, isMember, memberName, sameNode } from './syntax';

/** Past this many call sites a parameter's value is not worked out from its callers. */
const maxCallers = 16;

/**
 * What every call of the function in this file passes for its parameter `name` (a function called only here:
 * `summarize(model, text)` called once with `summarization_model`). Null when any use of the function is not a
 * call whose argument the code shows (it is passed around, called with a spread, or the parameter is left out).
 */
export function callerArguments(resolver: Resolver, parameter: Node): Node[] | null {
  const fn = functionOf(parameter);
  const fnName = fn ? nameOf(fn) : null;
  if (!fn || !fnName) return null;
  const parameters = parameterNames(fn);
  const index = parameters.indexOf(parameter.text);
  if (index < 0) return null;
  resolver.tracker.name(fnName);
  const found: Node[] = [];
  for (const offset of resolver.bindings.occurrences(fnName)) {
    const node = resolver.root.descendantForIndex(offset, offset + fnName.length);
    if (!node || (node.type !== 'identifier' && node.type !== 'property_identifier')) continue;
    const parent = node.parent;
    if (parent && sameNode(parent.childForFieldName('name'), node) && sameNode(parent, fn)) continue;
    const callee = parent && isMember(parent) && memberName(parent) === fnName ? parent : node;
    const call = callee.parent;
    if (!call || !isCall(call) || !sameNode(calleeOf(call), callee)) return null;
    const argument = argumentFor(call, parameters, index, callee !== node);
    if (!argument || found.length >= maxCallers) return null;
    resolver.tracker.range(call.startIndex, call.endIndex);
    found.push(argument);
  }
  return found.length > 0 ? found : null;
}

/** The function a parameter belongs to. */
function functionOf(parameter: Node): Node | null {
  for (let p = parameter.parent; p; p = p.parent) {
    if (p.type === 'parameters' || p.type === 'formal_parameters') return p.parent;
  }
  return null;
}

/** A function's name: its own, or the variable an arrow function is assigned to. */
function nameOf(fn: Node): string | null {
  const own = fn.childForFieldName('name');
  if (own) return own.text;
  const declarator = fn.parent;
  return declarator?.type === 'variable_declarator' ? (declarator.childForFieldName('name')?.text ?? null) : null;
}
