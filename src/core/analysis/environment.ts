import type { Node } from 'web-tree-sitter';
import { calleeOf, isMember, keyText, memberName, memberObject, unwrap } from './syntax';
import { callArguments } from './values';

/** A read of an environment variable, with the default the code gives when it is unset. */
export interface EnvironmentRead {
  name: string;
  fallback: Node | null;
}

const getterCallee = /(^|\.)getenv$|(^|\.)environ\.get$|^Deno\.env\.get$/;
const environObject = /^(os\.)?environ$|^(process|Bun)\.env$|^import\.meta\.env$/;

/**
 * `os.getenv("X", "d")`, `os.environ.get("X", "d")`, `os.environ["X"]`, `process.env.X`, `process.env["X"]`,
 * `import.meta.env.X`: the variable and the default, or null for anything else.
 */
export function environmentRead(expr: Node): EnvironmentRead | null {
  const node = unwrap(expr);
  switch (node.type) {
    case 'call':
    case 'call_expression': {
      const callee = calleeOf(node);
      if (!callee || !getterCallee.test(callee.text.replace(/\s/g, ''))) return null;
      const { positional, keywords } = callArguments(node);
      const name = positional[0] ? keyText(positional[0]) : null;
      if (!name) return null;
      return { name, fallback: positional[1] ?? keywords.get('default') ?? null };
    }
    case 'subscript':
    case 'subscript_expression': {
      const object = node.childForFieldName(node.type === 'subscript' ? 'value' : 'object');
      const index = node.childForFieldName(node.type === 'subscript' ? 'subscript' : 'index');
      if (!object || !index || !environObject.test(object.text.replace(/\s/g, ''))) return null;
      const name = keyText(index);
      return name ? { name, fallback: null } : null;
    }
    case 'member_expression':
    case 'attribute': {
      if (!isMember(node)) return null;
      const object = memberObject(node);
      const name = memberName(node);
      if (!object || !name || !environObject.test(object.text.replace(/\s/g, ''))) return null;
      return { name, fallback: null };
    }
    default:
      return null;
  }
}

const secretName = /KEY|SECRET|TOKEN|PASSW|CREDENTIAL|AUTH|PRIVATE|COOKIE|SESSION|DSN|CONNECTION/i;

/**
 * Whether a variable may be read from the workspace's `.env` files: never one named like a secret, and only
 * values that look like a model or endpoint name (the value ends up in records and reports).
 */
export function mayReadVariable(name: string): boolean {
  return !secretName.test(name);
}

export function looksLikeSetting(value: string): boolean {
  if (value.length === 0 || value.length > 120) return false;
  if (/\s/.test(value) || /^sk-|^AKIA|^ghp_|^xox/.test(value)) return false;
  // Long runs of letters and digits without separators are keys, not names.
  return !/[A-Za-z0-9+/=_]{40,}/.test(value);
}
