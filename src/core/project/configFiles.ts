import { posix as path } from 'node:path';
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { looksLikeSetting, mayReadVariable } from '../analysis/environment';
import { lineOfOffset, lineStarts } from '../analysis/lines';

// smol-toml declares ESM types only; its CommonJS build (the `require` export) is what Node and the bundle load.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse: parseToml } = require('smol-toml') as { parse(text: string): Record<string, unknown> };

/**
 * A config file rewritten as a JavaScript module (`export default { ... }`) so that the resolver reads its
 * values like any object literal; `lines[row]` is the line of the original file a generated row comes from.
 */
export interface ConfigModule {
  text: string;
  lines: number[];
}

export type ConfigKind = 'json' | 'yaml' | 'toml' | 'env';

/** Values past this many are left out: a settings file is small; a data file is not read for settings. */
const maxValues = 20_000;
const maxNesting = 32;

/** The kind of config file a path names, or null. */
export function configKind(file: string): ConfigKind | null {
  const name = path.basename(file).toLowerCase();
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'env';
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'yaml';
  if (name.endsWith('.toml')) return 'toml';
  return null;
}

/** The module of a config file's text, or why it cannot be read. */
export function configModule(kind: ConfigKind, text: string): ConfigModule | { skipped: string } {
  const lines = lineStarts(text);
  const lineAt = (offset: number): number => lineOfOffset(lines, offset);
  try {
    switch (kind) {
      case 'json': {
        const errors: ParseError[] = [];
        const tree = parseTree(text, errors, { allowTrailingComma: true });
        if (!tree) return { skipped: 'not valid JSON' };
        return render(jsonValue(tree), jsonLines(tree, lineAt));
      }
      case 'yaml': {
        const document = parseDocument(text, { uniqueKeys: false });
        if (document.errors.length > 0)
          return { skipped: `not valid YAML: ${document.errors[0].message.split('\n')[0]}` };
        const byPath = new Map<string, number>();
        yamlLines(document.contents, [], lineAt, byPath, 0);
        return render(document.toJS({ maxAliasCount: 100 }) as unknown, byPath);
      }
      case 'toml':
        return render(parseToml(text), tomlLines(text));
      case 'env':
        return envModule(text);
    }
  } catch (error) {
    return {
      skipped: `could not be read as ${kind.toUpperCase()}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    };
  }
}

const pathKey = (parts: readonly (string | number)[]): string => parts.join('\u0000');

/** Writes `export default { ... };` one value per row, mapping each row to its original line. */
function render(value: unknown, byPath: Map<string, number>): ConfigModule {
  const rows: string[] = ['export default '];
  const lines: number[] = [1];
  let count = 0;
  const original = (parts: (string | number)[]): number => {
    for (let i = parts.length; i > 0; i--) {
      const line = byPath.get(pathKey(parts.slice(0, i)));
      if (line !== undefined) return line;
    }
    return 1;
  };
  const write = (key: string | null, item: unknown, parts: (string | number)[], depth: number): void => {
    if (count++ > maxValues || depth > maxNesting) return;
    const label = key === null ? '' : `${JSON.stringify(key)}: `;
    const line = original(parts);
    if (item !== null && typeof item === 'object' && !(item instanceof Date)) {
      const isArray = Array.isArray(item);
      rows.push(`${label}${isArray ? '[' : '{'}`);
      lines.push(line);
      const entries: [string | number, unknown][] = isArray
        ? (item as unknown[]).map((v, i) => [i, v])
        : Object.entries(item as Record<string, unknown>);
      for (const [k, v] of entries) write(isArray ? null : String(k), v, [...parts, k], depth + 1);
      rows.push(`${isArray ? ']' : '}'},`);
      lines.push(line);
      return;
    }
    rows.push(`${label}${scalar(item)},`);
    lines.push(line);
  };
  write(null, value, [], 0);
  // `export default {` sits on the first row; the closing brace of the root ends the statement.
  const text = `${rows[0]}${rows.slice(1).join('\n').replace(/,$/, ';')}\n`;
  return { text, lines: [lines[1] ?? 1, ...lines.slice(2)] };
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return String(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  return 'null';
}

function jsonValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) out[String(key.value)] = jsonValue(value);
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(jsonValue);
    default:
      return node.value;
  }
}

function jsonLines(root: JsonNode, lineAt: (offset: number) => number): Map<string, number> {
  const byPath = new Map<string, number>();
  const visit = (node: JsonNode, parts: (string | number)[], depth: number): void => {
    if (depth > maxNesting || byPath.size > maxValues) return;
    byPath.set(pathKey(parts), lineAt(node.offset));
    if (node.type === 'object') {
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) visit(value, [...parts, String(key.value)], depth + 1);
      }
    } else if (node.type === 'array') (node.children ?? []).forEach((c, i) => visit(c, [...parts, i], depth + 1));
  };
  visit(root, [], 0);
  return byPath;
}

function yamlLines(
  node: unknown,
  parts: (string | number)[],
  lineAt: (offset: number) => number,
  byPath: Map<string, number>,
  depth: number,
): void {
  if (depth > maxNesting || byPath.size > maxValues || !node) return;
  const range = (node as YamlNode).range;
  if (range) byPath.set(pathKey(parts), lineAt(range[0]));
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : null;
      if (key === null) continue;
      const keyRange = (pair.key as YamlNode).range;
      if (keyRange) byPath.set(pathKey([...parts, key]), lineAt(keyRange[0]));
      if (pair.value && (isMap(pair.value) || isSeq(pair.value)))
        yamlLines(pair.value, [...parts, key], lineAt, byPath, depth + 1);
      else if (isScalar(pair.value) && pair.value.range)
        byPath.set(pathKey([...parts, key]), lineAt(pair.value.range[0]));
    }
  } else if (isSeq(node)) node.items.forEach((item, i) => yamlLines(item, [...parts, i], lineAt, byPath, depth + 1));
}

/** TOML keeps no positions: the line of each `key =` under the `[table]` headers above it. */
function tomlLines(text: string): Map<string, number> {
  const byPath = new Map<string, number>();
  let table: string[] = [];
  const arrayCounts = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const header = /^\[\[?\s*([^\]]+?)\s*\]\]?/.exec(line);
    if (header) {
      table = splitKey(header[1]);
      if (line.startsWith('[[')) {
        const key = pathKey(table);
        const count = arrayCounts.get(key) ?? 0;
        arrayCounts.set(key, count + 1);
        table = [...table, String(count)];
      }
      byPath.set(pathKey(table), index + 1);
      return;
    }
    const assignment = /^([A-Za-z0-9_."' -]+?)\s*=/.exec(line);
    if (assignment) byPath.set(pathKey([...table, ...splitKey(assignment[1])]), index + 1);
  });
  return byPath;
}

function splitKey(key: string): string[] {
  return key.split('.').map((part) => part.trim().replace(/^["']|["']$/g, ''));
}

/** `.env` files: `KEY=value` lines; names that look like secrets and values that are not names are left out. */
function envModule(text: string): ConfigModule {
  const values: Record<string, string> = {};
  const byPath = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(raw);
    if (!match) return;
    const [, name, rawValue] = match;
    const quoted = /^(["'])(.*)\1\s*(#.*)?$/.exec(rawValue.trim());
    const value = quoted ? quoted[2] : rawValue.replace(/\s+#.*$/, '').trim();
    if (!mayReadVariable(name) || !looksLikeSetting(value)) return;
    values[name] = value;
    byPath.set(pathKey([name]), index + 1);
  });
  return render(values, byPath);
}
