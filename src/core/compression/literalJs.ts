import type { DecodedLiteral, LiteralResult, LiteralStyle } from './literal';
import { fieldEnd, splitFields } from './literalFields';

/** JavaScript / TypeScript string literals: '...', "..." and template literals `...${expr}...`. */

const simpleEscapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v' };

/**
 * `boundaries[i]`, when given, is set to the value's length at each source index `i` between two tokens.
 * `rawTemplate`: a template tagged `String.raw`, whose value keeps every backslash as written.
 */
export function decodeJs(source: string, boundaries?: number[], rawTemplate = false): LiteralResult<DecodedLiteral> {
  const quote = source[0];
  if ((quote !== "'" && quote !== '"' && quote !== '`') || source.length < 2 || !source.endsWith(quote)) {
    return { ok: false, reason: 'not a JavaScript string literal' };
  }
  const template = quote === '`';
  const raw = template && rawTemplate;
  const style: LiteralStyle = {
    family: 'js',
    prefix: '',
    quote: quote as LiteralStyle['quote'],
    raw,
    bytes: false,
    interpolated: template,
  };
  const body = source.slice(1, -1);
  let value = '';
  const fields: string[] = [];
  for (let i = 0; i < body.length;) {
    if (boundaries) boundaries[1 + i] = value.length;
    const ch = body[i];
    if (ch === quote) return { ok: false, reason: 'the literal ends early' };
    if (!template && (ch === '\n' || ch === '\r')) return { ok: false, reason: 'a line break in a single-line string' };
    if (template && ch === '$' && body[i + 1] === '{') {
      const end = fieldEnd(body, i + 1);
      if (end < 0) return { ok: false, reason: 'a ${...} substitution is not closed' };
      const field = body.slice(i, end);
      value += field;
      fields.push(field);
      i = end;
      continue;
    }
    if (template && ch === '\r') {
      // Template literals read CR and CRLF as LF.
      value += '\n';
      i += body[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (ch !== '\\') {
      value += ch;
      i++;
      continue;
    }
    if (i + 1 >= body.length) return { ok: false, reason: 'the literal ends with a backslash' };
    if (raw) {
      // String.raw keeps the backslash and the character after it (which it stops from closing or substituting).
      value += ch + body[i + 1];
      i += 2;
      continue;
    }
    const escape = decodeEscape(body, i, template);
    if (!escape.ok) return escape;
    value += escape.value.text;
    i = escape.value.next;
  }
  if (boundaries) boundaries[1 + body.length] = value.length;
  return { ok: true, value: { style, value, fields } };
}

function decodeEscape(body: string, at: number, template: boolean): LiteralResult<{ text: string; next: number }> {
  const c = body[at + 1];
  if (c === '\n' || c === '\u2028' || c === '\u2029') return { ok: true, value: { text: '', next: at + 2 } };
  if (c === '\r') return { ok: true, value: { text: '', next: body[at + 2] === '\n' ? at + 3 : at + 2 } };
  if (c in simpleEscapes) return { ok: true, value: { text: simpleEscapes[c], next: at + 2 } };
  if (c === '0' && !/[0-9]/.test(body[at + 2] ?? '')) return { ok: true, value: { text: '\0', next: at + 2 } };
  if (/[0-9]/.test(c)) {
    // Legacy octal escapes are a syntax error in templates and strict code: refuse rather than guess.
    return {
      ok: false,
      reason: `the legacy escape \\${c} is not supported${template ? ' in a template literal' : ''}`,
    };
  }
  if (c === 'x') return hex(body, at, body.slice(at + 2, at + 4), 4, /^[0-9a-fA-F]{2}$/);
  if (c === 'u' && body[at + 2] === '{') {
    const close = body.indexOf('}', at + 3);
    const digits = close < 0 ? '' : body.slice(at + 3, close);
    return hex(body, at, digits, close + 1 - at, /^[0-9a-fA-F]{1,6}$/);
  }
  if (c === 'u') return hex(body, at, body.slice(at + 2, at + 6), 6, /^[0-9a-fA-F]{4}$/);
  // Any other escaped character stands for itself (\' \" \\ \` \$ ...).
  const cp = body.codePointAt(at + 1) ?? 0;
  const char = String.fromCodePoint(cp);
  return { ok: true, value: { text: char, next: at + 1 + char.length } };
}

function hex(
  body: string,
  at: number,
  digits: string,
  length: number,
  pattern: RegExp,
): LiteralResult<{ text: string; next: number }> {
  if (!pattern.test(digits)) return { ok: false, reason: `a malformed \\${body[at + 1]} escape` };
  const code = parseInt(digits, 16);
  if (code > 0x10ffff) return { ok: false, reason: 'an out-of-range \\u escape' };
  return { ok: true, value: { text: String.fromCodePoint(code), next: at + length } };
}

export function encodeJs(
  value: string,
  literal: { style: LiteralStyle; fields: readonly string[] },
): LiteralResult<string> {
  const { style } = literal;
  const template = style.quote === '`';
  const parts = template ? splitFields(value, literal.fields) : [{ text: value, field: false }];
  let body = '';
  for (const part of parts) {
    if (part.field || style.raw) {
      // Nothing can be escaped in a String.raw template; whether the text fits is checked by decoding the result.
      body += part.text;
      continue;
    }
    for (let i = 0; i < part.text.length; i++) {
      const ch = part.text[i];
      const code = ch.charCodeAt(0);
      if (ch === '\\') body += '\\\\';
      else if (ch === style.quote) body += `\\${ch}`;
      else if (template && ch === '$' && part.text[i + 1] === '{') body += '\\$';
      else if (ch === '\n') body += template ? '\n' : '\\n';
      else if (ch === '\r') body += '\\r';
      else if (ch === '\u2028' || ch === '\u2029') body += `\\u${code.toString(16)}`;
      else if (ch === '\t') body += '\t';
      else if (code < 0x20 || code === 0x7f) body += `\\x${code.toString(16).padStart(2, '0')}`;
      else body += ch;
    }
  }
  return { ok: true, value: `${style.quote}${body}${style.quote}` };
}
