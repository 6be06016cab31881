import type { Node } from 'web-tree-sitter';
import type { Definition } from '../analysis/bindings';
import type { ImportTarget, Resolver } from '../analysis/resolver';
import { keyText, sameNode } from '../analysis/syntax';

/** Follows an import written in `module` (`export ... from 'spec'`, `from .x import *`) to what it binds. */
export type Follow = (module: Resolver, specifier: string, member: string | null) => ImportTarget | null;

/**
 * What a module exports under `name`: a module-level definition; JS `export default`, `export { a as name }`,
 * `export { name } from './x'`, `export * from './x'`, `module.exports`/`exports.name`; Python `from .x import *`.
 */
export function exportedDefinition(module: Resolver, name: string, follow: Follow): ImportTarget | null {
  if (!module.python && name === 'default') return defaultExport(module);
  const local = module.bindings.moduleLevel(name);
  if (local) return { definition: local };
  return module.python ? fromStarImports(module, name, follow) : fromExportStatements(module, name, follow);
}

function defaultExport(module: Resolver): ImportTarget | null {
  for (const statement of module.root.namedChildren) {
    if (statement?.type === 'export_statement' && statement.children.some((c) => c?.type === 'default')) {
      const value = statement.childForFieldName('value');
      const declaration = statement.childForFieldName('declaration');
      const keyword = statement.firstChild as Node;
      if (value) return { definition: { kind: 'value', name: keyword, value } };
      const declared = declaration?.childForFieldName('name');
      if (declaration && declared) {
        const kind = declaration.type.includes('class') ? 'class' : 'function';
        return { definition: { kind, name: declared, node: declaration } };
      }
    }
    const commonJs = commonJsExport(statement, null);
    if (commonJs) return { definition: commonJs };
  }
  return null;
}

function fromExportStatements(module: Resolver, name: string, follow: Follow): ImportTarget | null {
  const stars: string[] = [];
  for (const statement of module.root.namedChildren) {
    if (!statement) continue;
    const commonJs = commonJsExport(statement, name);
    if (commonJs) return { definition: commonJs };
    if (statement.type !== 'export_statement') continue;
    const source = statement.childForFieldName('source');
    const specifier = source ? keyText(source) : null;
    const clause = statement.namedChildren.find((c) => c?.type === 'export_clause');
    if (!clause) {
      if (specifier && statement.children.some((c) => c?.type === '*')) stars.push(specifier);
      continue;
    }
    for (const exported of clause.namedChildren) {
      if (exported?.type !== 'export_specifier') continue;
      const local = exported.childForFieldName('name');
      const alias = exported.childForFieldName('alias');
      const localName = local ? (keyText(local) ?? local.text) : null;
      if (!localName || (alias ? (keyText(alias) ?? alias.text) : localName) !== name) continue;
      if (specifier) return follow(module, specifier, localName);
      const definition = module.bindings.moduleLevel(localName);
      return definition ? { definition } : null;
    }
  }
  for (const specifier of stars) {
    const found = follow(module, specifier, name);
    if (found) return found;
  }
  return null;
}

/** `module.exports = value` (the default, `name` null), `module.exports = { name: v }`, `exports.name = v`. */
function commonJsExport(statement: Node | null, name: string | null): Definition | null {
  const assignment = statement?.type === 'expression_statement' ? statement.firstNamedChild : null;
  if (assignment?.type !== 'assignment_expression') return null;
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  if (!left || !right) return null;
  const target = left.text.replace(/\s/g, '');
  if (target === 'module.exports') {
    if (name === null) return { kind: 'value', name: left, value: right };
    if (right.type !== 'object') return null;
    for (const child of right.namedChildren) {
      if (child?.type === 'pair' && keyText(child.childForFieldName('key') as Node) === name) {
        return {
          kind: 'value',
          name: child.childForFieldName('key') as Node,
          value: child.childForFieldName('value') as Node,
        };
      }
    }
    return null;
  }
  if (name !== null && (target === `module.exports.${name}` || target === `exports.${name}`)) {
    const property = left.childForFieldName('property');
    return property && !sameNode(property, right) ? { kind: 'value', name: property, value: right } : null;
  }
  return null;
}

function fromStarImports(module: Resolver, name: string, follow: Follow): ImportTarget | null {
  for (const statement of module.root.namedChildren) {
    if (statement?.type !== 'import_from_statement') continue;
    if (!statement.namedChildren.some((c) => c?.type === 'wildcard_import')) continue;
    const source = statement.childForFieldName('module_name')?.text;
    if (!source) continue;
    const found = follow(module, source, name);
    if (found) return found;
  }
  return null;
}
