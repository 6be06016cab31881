import type { Node } from 'web-tree-sitter';
import type { Definition } from './bindings';
import type { Resolved, Resolver } from './resolver';
import { calleeOf, enclosingFunction, isFunction, isMember, memberObject, sameNode, unwrap } from './syntax';
import { isNullish, isStaticValue, stronger } from './values';

/**
 * What a call to a function the workspace defines returns (`get_llm()`, `getModel()`, `self._params()`), when
 * its returns agree. Returns inside a branch for tests (`if (isTestEnvironment)`) do not count, and returns the
 * code does not show are left out: the rest must give the same value, else the call stays unknown.
 */
export function functionReturn(resolver: Resolver, call: Node, depth: number): Resolved | null {
  const callee = calleeOf(call);
  if (!callee || call.type === 'new_expression') return null;
  const fn = visibleFunction(resolver, unwrap(callee), depth);
  if (!fn) return null;
  const owner = resolver.owner(fn);
  if (!owner) return null;
  owner.tracker.range(fn.startIndex, fn.endIndex);
  let agreed: Resolved | null = null;
  const parameters = parameterNames(fn);
  for (const value of returnedExpressions(owner, fn)) {
    // `def get_config_value(value): return value`: the call's own argument, read where the call is.
    const returned = unwrap(value);
    const index = returned.type === 'identifier' ? parameters.indexOf(returned.text) : -1;
    const argument = index >= 0 ? argumentFor(call, parameters, index, isMember(unwrap(callee))) : null;
    const resolved = argument ? resolver.resolve(argument, depth + 1) : owner.resolve(value, depth + 1);
    if (!resolved || isNullish(resolved.node)) continue;
    if (!agreed) {
      agreed = resolved;
      continue;
    }
    if (sameValue(owner, agreed, resolved)) continue;
    return null;
  }
  if (!agreed || owner === resolver) return agreed;
  return { node: agreed.node, via: stronger(agreed.via, owner.origin) };
}

/** The parameter names of a function, in order (`self`/`cls` included, as written). */
export function parameterNames(fn: Node): string[] {
  const names: string[] = [];
  for (const parameter of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!parameter) continue;
    const name =
      parameter.type === 'identifier'
        ? parameter
        : (parameter.childForFieldName('name') ??
          parameter.childForFieldName('pattern') ??
          parameter.childForFieldName('left') ??
          parameter.firstNamedChild);
    names.push(name?.type === 'identifier' ? name.text : '');
  }
  return names;
}

/** The argument a call passes for parameter `index` (by position or keyword); a method's `self` is not passed. */
export function argumentFor(call: Node, parameters: string[], index: number, method: boolean): Node | null {
  const name = parameters[index];
  const shift = method && (parameters[0] === 'self' || parameters[0] === 'cls') ? 1 : 0;
  let position = 0;
  for (const argument of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!argument || argument.type === 'comment') continue;
    if (argument.type === 'keyword_argument') {
      if (argument.childForFieldName('name')?.text === name) return argument.childForFieldName('value');
      continue;
    }
    if (argument.type === 'list_splat' || argument.type === 'dictionary_splat' || argument.type === 'spread_element')
      return null;
    if (position++ === index - shift) return argument;
  }
  return null;
}

function sameValue(resolver: Resolver, a: Resolved, b: Resolved): boolean {
  if (sameNode(a.node, b.node) && a.node.tree === b.node.tree) return true;
  if (isStaticValue(a.node) && isStaticValue(b.node)) {
    return resolver.string(a.node)?.value === resolver.string(b.node)?.value;
  }
  return a.node.text === b.node.text;
}

/**
 * The function a callee names when the workspace shows it: local or imported (`get_llm()`), a method of
 * `self`/`this` (`self._params()`), or a function of an imported module or a class (`providers.get_model()`).
 * Other member calls (`client.chat.completions.create`) are not looked into: that is where time would go.
 */
export function visibleFunction(resolver: Resolver, callee: Node, depth: number): Node | null {
  if (isMember(callee) && !ownFunctionCallee(resolver, callee)) return null;
  let definition: Definition | null = null;
  if (callee.type === 'identifier') {
    definition = resolver.bindings.lookup(callee.text, callee);
    for (let hops = 0; definition?.kind === 'import' && hops < 12; hops++) {
      const target = resolver.workspace?.imported(resolver, definition.module, definition.member);
      definition = target && 'definition' in target ? target.definition : null;
    }
  } else if (isMember(callee)) {
    definition = resolver.memberDefinition(callee, depth + 1);
  }
  if (!definition) return null;
  if (definition.kind === 'function') return definition.node;
  if (definition.kind === 'value') {
    const value = unwrap(definition.value);
    if (isFunction(value)) return value;
  }
  return null;
}

function ownFunctionCallee(resolver: Resolver, callee: Node): boolean {
  const object = memberObject(callee);
  const base = object ? unwrap(object) : null;
  if (!base) return false;
  if (base.type === 'this' || (resolver.python && (base.text === 'self' || base.text === 'cls'))) return true;
  if (base.type !== 'identifier') return false;
  const definition = resolver.bindings.lookup(base.text, base);
  return definition?.kind === 'import' || definition?.kind === 'class';
}

/** The expressions a function returns: an arrow's body, or its own `return` statements (not nested functions'). */
export function returnedExpressions(resolver: Resolver, fn: Node): Node[] {
  const body = fn.childForFieldName('body');
  if (body && fn.type === 'arrow_function' && body.type !== 'statement_block') return [body];
  const found: Node[] = [];
  for (const offset of resolver.bindings.occurrences('return', fn.startIndex, fn.endIndex)) {
    const keyword = resolver.root.descendantForIndex(offset, offset + 6);
    const statement = keyword?.parent;
    if (statement?.type !== 'return_statement' || !sameNode(enclosingFunction(statement), fn)) continue;
    if (inTestBranch(statement, fn)) continue;
    const value = statement.firstNamedChild;
    if (value && value.type !== 'comment') found.push(value);
  }
  return found;
}

const testCondition = /test|mock|fake|stub/i;

/** Inside `if (isTestEnvironment) { ... }` (or a mock/test condition) within the function. */
function inTestBranch(node: Node, fn: Node): boolean {
  let child: Node = node;
  for (let p = node.parent; p && !sameNode(p, fn); child = p, p = p.parent) {
    if (p.type !== 'if_statement') continue;
    const condition = p.childForFieldName('condition');
    const consequence = p.childForFieldName('consequence');
    if (condition && consequence && sameNode(consequence, child) && testCondition.test(condition.text)) return true;
  }
  return false;
}
