/** Template fields inside literals: finding where one ends, and telling them apart from text. */

/** Splits a value into text and field parts, taking the longest known field at each `{` / `${`. */
export function splitFields(value: string, fields: readonly string[]): { text: string; field: boolean }[] {
  const known = [...new Set(fields)].sort((a, b) => b.length - a.length);
  const parts: { text: string; field: boolean }[] = [];
  let text = '';
  for (let i = 0; i < value.length;) {
    const ch = value[i];
    const field = ch === '{' || ch === '$' ? known.find((f) => value.startsWith(f, i)) : undefined;
    if (field) {
      if (text) parts.push({ text, field: false });
      parts.push({ text: field, field: true });
      text = '';
      i += field.length;
    } else {
      text += ch;
      i++;
    }
  }
  if (text) parts.push({ text, field: false });
  return parts;
}

/**
 * End (exclusive) of the field opening at `start` (at its `{`): braces are balanced, and quoted strings inside the
 * expression are skipped so a `}` in them does not count. -1 when unbalanced.
 */
export function fieldEnd(source: string, start: number): number {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const ch = source[i];
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) return i + 1;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      const close = skipQuoted(source, i);
      if (close < 0) return -1;
      i = close;
    }
  }
  return -1;
}

function skipQuoted(source: string, start: number): number {
  const q = source[start];
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === q) return i;
  }
  return -1;
}
