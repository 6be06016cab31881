import { describe, type DecodeOptions, type HostLanguage, type LiteralResult } from './literal';
import { splitFields } from './literalFields';
import { decodeJs, encodeJs } from './literalJs';
import { decodePython, encodePython } from './literalPython';

/**
 * Replacing part of a literal (the user selected a sentence inside a long prompt). The new text is encoded in the
 * literal's style and spliced in; the whole edited literal is then decoded and must read exactly as the old value
 * with the selected part replaced. When splicing cannot give that (a quote run or `$` + `{` across the seam, a raw
 * string), the whole literal is rewritten instead, and when even that cannot, the edit is refused.
 */

export interface LiteralEdit {
  /** Offsets in the literal's source text of the span to replace (the selection, or the whole literal). */
  start: number;
  end: number;
  text: string;
}

/**
 * `start`/`end`: the selection as offsets in `source` (the literal's full source text, prefix and quotes
 * included). `value`: the new text for what the selection decodes to.
 */
export function replaceInLiteral(
  source: string,
  language: HostLanguage,
  start: number,
  end: number,
  value: string,
  options: DecodeOptions = {},
): LiteralResult<LiteralEdit> {
  const python = language === 'python';
  const decode = (text: string, boundaries?: number[]) =>
    python ? decodePython(text, boundaries) : decodeJs(text, boundaries, options.rawTemplate);
  const boundaries: number[] = [];
  const whole = decode(source, boundaries);
  if (!whole.ok) return whole;
  const { style, fields } = whole.value;
  const from = boundaries[start];
  const to = boundaries[end];
  if (from === undefined || to === undefined || start > end) {
    return { ok: false, reason: 'the selection cuts an escape sequence, a template field or the quotes' };
  }
  const expected = whole.value.value.slice(0, from) + value + whole.value.value.slice(to);
  const expectedFields = splitFields(expected, fields).filter((p) => p.field).length;
  const reads = (text: string): boolean => {
    const back = decode(text);
    return back.ok && back.value.value === expected && back.value.fields.length === expectedFields;
  };

  const part = python ? encodePython(value, { style, fields }, true) : encodeJs(value, { style, fields });
  if (part.ok) {
    const open = style.prefix.length + style.quote.length;
    const body = part.value.slice(open, part.value.length - style.quote.length);
    const spliced = source.slice(0, start) + body + source.slice(end);
    if (reads(spliced)) return { ok: true, value: { start, end, text: body } };
  }
  const rewritten = python ? encodePython(expected, { style, fields }) : encodeJs(expected, { style, fields });
  if (rewritten.ok && reads(rewritten.value)) {
    return { ok: true, value: { start: 0, end: source.length, text: rewritten.value } };
  }
  return { ok: false, reason: `the text cannot be written as ${describe(style)}` };
}
