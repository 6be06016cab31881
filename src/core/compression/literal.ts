import { splitFields } from './literalFields';
import { decodeJs, encodeJs } from './literalJs';
import { decodePython, encodePython } from './literalPython';

/**
 * A string literal of the host language, as text value and back, so an edit can replace the literal's source
 * with valid code in the same quoting style. Template fields (f-string `{expr}`, JS `${expr}`) are code: they
 * appear verbatim in the value and are listed in `fields`, and encoding writes them back untouched.
 */

export type HostLanguage = 'python' | 'typescript' | 'typescriptreact' | 'javascript' | 'javascriptreact';

export interface LiteralStyle {
  family: 'python' | 'js';
  /** The Python prefix exactly as written ('', 'f', 'Rb', ...); always '' for JS. */
  prefix: string;
  quote: "'" | '"' | "'''" | '"""' | '`';
  raw: boolean;
  bytes: boolean;
  /** f-string (or t-string) or template literal: `{...}` / `${...}` parts are code. */
  interpolated: boolean;
}

export interface DecodedLiteral {
  style: LiteralStyle;
  /** The text value; fields appear in it exactly as in the source. */
  value: string;
  /** Source text of each field, in order of appearance (e.g. `{user.name!r}`, `${id}`). */
  fields: string[];
}

export type LiteralResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export function isHostLanguage(language: string): language is HostLanguage {
  return ['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'].includes(language);
}

/** Decodes the source text of one literal (prefix and quotes included). */
export interface DecodeOptions {
  /** The template literal is tagged `String.raw` (see `templateTag` in findLiteral.ts): backslashes are text. */
  rawTemplate?: boolean;
}

export function decodeLiteral(
  source: string,
  language: HostLanguage,
  options: DecodeOptions = {},
): LiteralResult<DecodedLiteral> {
  const decoded = language === 'python' ? decodePython(source) : decodeJs(source, undefined, options.rawTemplate);
  if (!decoded.ok) return decoded;
  const lookalike = fieldLookalike(decoded.value);
  if (lookalike) {
    return {
      ok: false,
      reason: `the literal holds text that reads like its own field ${lookalike}; a rewrite could turn that text into code`,
    };
  }
  return decoded;
}

/**
 * Fields are told apart from text by their source text only, so a value where a field's text also appears as
 * plain text (f"{x} {{x}}", `${x} \${x}`) cannot be written back unambiguously.
 */
function fieldLookalike({ value, fields }: DecodedLiteral): string | undefined {
  for (const field of new Set(fields)) {
    const inValue = value.split(field).length - 1;
    if (inValue !== fields.filter((f) => f === field).length) return field;
  }
  return undefined;
}

/**
 * Writes `value` as a literal in `literal.style`. The output is decoded again and must give back the same value
 * and fields; anything else (e.g. a raw string that would need a quote or a trailing backslash) is refused.
 */
export function encodeLiteral(
  value: string,
  literal: { style: LiteralStyle; fields: readonly string[] },
): LiteralResult<string> {
  const { style } = literal;
  const encoded = style.family === 'python' ? encodePython(value, literal) : encodeJs(value, literal);
  if (!encoded.ok) return encoded;
  const back = style.family === 'python' ? decodePython(encoded.value) : decodeJs(encoded.value, undefined, style.raw);
  // Same value and as many fields: text that merely looks like a field must not have become one.
  const fieldCount = splitFields(value, literal.fields).filter((p) => p.field).length;
  if (!back.ok || back.value.value !== value || back.value.fields.length !== fieldCount) {
    return {
      ok: false,
      reason: `the text cannot be written as ${describe(style)}${back.ok ? '' : ` (${back.reason})`}`,
    };
  }
  return encoded;
}

export function describe(style: LiteralStyle): string {
  if (style.family === 'js') {
    if (style.quote !== '`') return `a ${style.quote}-quoted string`;
    return style.raw ? 'a String.raw template literal' : 'a template literal';
  }
  const kind = `${style.raw ? 'raw ' : ''}${style.interpolated ? 'f-' : ''}${style.bytes ? 'bytes' : 'string'}`;
  return `a ${style.quote.length === 3 ? 'triple-quoted ' : ''}${kind}`;
}
