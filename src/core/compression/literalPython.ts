import type { DecodedLiteral, LiteralResult, LiteralStyle } from './literal';
import { fieldEnd, splitFields } from './literalFields';

/** Python string literals: '...', "...", '''...''', """...""" with r/b/u/f/t prefixes. */

const simpleEscapes: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** `boundaries[i]`, when given, is set to the value's length at each source index `i` between two tokens. */
export function decodePython(source: string, boundaries?: number[]): LiteralResult<DecodedLiteral> {
  const match = /^([rRbBuUfFtT]{0,2})('''|"""|'|")/.exec(source);
  if (!match) return { ok: false, reason: 'not a Python string literal' };
  const [, prefix, quote] = match;
  const lower = prefix.toLowerCase();
  const style: LiteralStyle = {
    family: 'python',
    prefix,
    quote: quote as LiteralStyle['quote'],
    raw: lower.includes('r'),
    bytes: lower.includes('b'),
    interpolated: lower.includes('f') || lower.includes('t'),
  };
  if (source.length < prefix.length + quote.length * 2 || !source.endsWith(quote)) {
    return { ok: false, reason: 'the literal is not closed' };
  }
  const body = source.slice(prefix.length + quote.length, source.length - quote.length);
  const triple = quote.length === 3;
  const q = quote[0];
  let value = '';
  const fields: string[] = [];
  const open = prefix.length + quote.length;
  for (let i = 0; i < body.length;) {
    if (boundaries) boundaries[open + i] = value.length;
    const ch = body[i];
    // An unescaped quote that closes the literal early, or runs into the closing quotes (`"""a""""`).
    if (ch === q && (!triple || (body + quote).startsWith(quote, i)))
      return { ok: false, reason: 'the literal ends early' };
    if ((ch === '\n' || ch === '\r') && !triple) return { ok: false, reason: 'a line break in a single-line string' };
    if (ch === '\r') {
      // Python reads CRLF and CR in source as LF; the value must not carry the file's line endings.
      value += '\n';
      i += body[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (style.interpolated && ch === '{') {
      if (body[i + 1] === '{') {
        value += '{';
        i += 2;
        continue;
      }
      const end = fieldEnd(body, i);
      if (end < 0) return { ok: false, reason: 'an f-string field is not closed' };
      const field = body.slice(i, end);
      value += field;
      fields.push(field);
      i = end;
      continue;
    }
    if (style.interpolated && ch === '}') {
      if (body[i + 1] !== '}') return { ok: false, reason: "a single '}' in an f-string" };
      value += '}';
      i += 2;
      continue;
    }
    if (ch !== '\\') {
      value += ch;
      i++;
      continue;
    }
    if (i + 1 >= body.length) return { ok: false, reason: 'the literal ends with a backslash' };
    if (style.raw) {
      // A raw string keeps the backslash; it still stops the next quote from closing the literal.
      value += ch + body[i + 1];
      i += 2;
      continue;
    }
    const escape = decodeEscape(body, i, style.bytes);
    if (!escape.ok) return escape;
    value += escape.value.text;
    i = escape.value.next;
  }
  if (boundaries) boundaries[open + body.length] = value.length;
  return { ok: true, value: { style, value, fields } };
}

function decodeEscape(body: string, at: number, bytes: boolean): LiteralResult<{ text: string; next: number }> {
  const c = body[at + 1];
  if (c === '\n') return { ok: true, value: { text: '', next: at + 2 } };
  if (c === '\r') return { ok: true, value: { text: '', next: body[at + 2] === '\n' ? at + 3 : at + 2 } };
  if (c in simpleEscapes) return { ok: true, value: { text: simpleEscapes[c], next: at + 2 } };
  const octal = /^[0-7]{1,3}/.exec(body.slice(at + 1, at + 4));
  if (octal)
    return { ok: true, value: { text: String.fromCharCode(parseInt(octal[0], 8)), next: at + 1 + octal[0].length } };
  const hexLength = c === 'x' ? 2 : !bytes && c === 'u' ? 4 : !bytes && c === 'U' ? 8 : 0;
  if (hexLength) {
    const hex = body.slice(at + 2, at + 2 + hexLength);
    if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) return { ok: false, reason: `a malformed \\${c} escape` };
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) return { ok: false, reason: `an out-of-range \\${c} escape` };
    return { ok: true, value: { text: String.fromCodePoint(code), next: at + 2 + hexLength } };
  }
  if (!bytes && c === 'N') return { ok: false, reason: 'named \\N{...} escapes are not supported' };
  // Python keeps unknown escapes as they are (backslash included).
  return { ok: true, value: { text: `\\${c}`, next: at + 2 } };
}

/** `allQuotes`: escape every quote character, for text spliced between other parts of a literal. */
export function encodePython(
  value: string,
  literal: { style: LiteralStyle; fields: readonly string[] },
  allQuotes = false,
): LiteralResult<string> {
  const { style } = literal;
  const triple = style.quote.length === 3;
  const q = style.quote[0];
  const parts = style.interpolated ? splitFields(value, literal.fields) : [{ text: value, field: false }];
  let body = '';
  for (const [index, part] of parts.entries()) {
    if (part.field) {
      body += part.text;
      continue;
    }
    const quotes = allQuotes ? 'all' : index === parts.length - 1 ? 'runs-and-end' : 'runs';
    const encoded = style.raw ? encodeRaw(part.text, style) : encodeText(part.text, style, q, triple, quotes);
    if (!encoded.ok) return encoded;
    body += encoded.value;
  }
  return { ok: true, value: `${style.prefix}${style.quote}${body}${style.quote}` };
}

function encodeRaw(text: string, style: LiteralStyle): LiteralResult<string> {
  // Nothing can be escaped in a raw string; whether the text fits is checked by decoding the result.
  return { ok: true, value: style.interpolated ? text.replace(/[{}]/g, (b) => b + b) : text };
}

function encodeText(
  text: string,
  style: LiteralStyle,
  q: string,
  triple: boolean,
  /** Which quote characters a triple-quoted string escapes: those starting a run of three, also the last, or all. */
  quotes: 'runs' | 'runs-and-end' | 'all',
): LiteralResult<string> {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = ch.charCodeAt(0);
    if (ch === '\\') out += '\\\\';
    else if (ch === q) {
      // In a triple-quoted string only a quote that would start a run of three (or touch the end) needs escaping.
      const needs =
        !triple ||
        quotes === 'all' ||
        (text[i + 1] === q && text[i + 2] === q) ||
        (quotes === 'runs-and-end' && i === text.length - 1);
      out += needs ? `\\${q}` : q;
    } else if (ch === '\n') out += triple ? '\n' : '\\n';
    else if (ch === '\r') out += '\\r';
    else if (style.interpolated && (ch === '{' || ch === '}')) out += ch + ch;
    else if (ch === '\t') out += '\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (style.bytes && code > 0x7f) {
      if (code > 0xff) return { ok: false, reason: `the character '${ch}' cannot be written in a bytes literal` };
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    } else out += ch;
  }
  return { ok: true, value: out };
}
