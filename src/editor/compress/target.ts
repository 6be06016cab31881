import * as vscode from 'vscode';
import type { TextRange } from '../../core/analysis/types';
import { decodeLiteral, encodeLiteral, isHostLanguage, type LiteralResult } from '../../core/compression/literal';
import { replaceInLiteral } from '../../core/compression/literalEdit';
import type { LocatedLiteral } from '../../core/compression/locate';

/** A replacement in document offsets. */
export interface TargetEdit {
  start: number;
  end: number;
  text: string;
}

/** What the user asked to compress: the text value, and how to write a new value back. */
export interface CompressionTarget {
  /** Where the prompt text sits (the selection, or the whole literal). */
  range: TextRange;
  /** The prompt text (decoded: escapes resolved, template fields verbatim). */
  value: string;
  /** Template fields (f-string `{expr}`, `${expr}`) that must survive verbatim. */
  fields: string[];
  /** Describes the target for messages ("the string on line 12"). */
  label: string;
  /** The edit that writes a new value, in the host language's quoting; it may cover the whole literal. */
  encode(value: string): LiteralResult<TargetEdit>;
}

/** Finds the string literal containing an offset in a document's text; undefined when there is none. */
export type LiteralLocator = (text: string, languageId: string, offset: number) => Promise<LocatedLiteral | undefined>;

/**
 * The selection when there is one, else the string literal under the cursor. A selection inside a literal is
 * decoded and written back with that literal's quoting (core `replaceInLiteral`), so escapes stay valid; any
 * other selection is taken as plain text.
 */
export async function resolveTarget(
  document: vscode.TextDocument,
  selection: vscode.Selection,
  locate: LiteralLocator,
): Promise<LiteralResult<CompressionTarget>> {
  const text = document.getText();
  const language = document.languageId;
  const start = document.offsetAt(selection.start);
  const end = document.offsetAt(selection.end);
  const literal = isHostLanguage(language) ? await locate(text, language, start) : undefined;

  if (selection.isEmpty) {
    if (!literal || !isHostLanguage(language)) {
      return { ok: false, reason: 'Put the cursor on a string literal or select the prompt text to compress.' };
    }
    const { range } = literal;
    const decoded = decodeLiteral(text.slice(range.start, range.end), language, literal);
    if (!decoded.ok) return decoded;
    return {
      ok: true,
      value: {
        range,
        value: decoded.value.value,
        fields: decoded.value.fields,
        label: `the string on line ${document.positionAt(range.start).line + 1}`,
        encode: (value) => {
          const encoded = encodeLiteral(value, decoded.value);
          return encoded.ok ? { ok: true, value: { ...range, text: encoded.value } } : encoded;
        },
      },
    };
  }

  const insideLiteral = literal && isHostLanguage(language) && literal.range.start < start && end < literal.range.end;
  if (!insideLiteral) {
    // Plain text (a prompt file, a comment, a whole statement): replaced as it is.
    const selected = text.slice(start, end);
    return {
      ok: true,
      value: {
        range: { start, end },
        value: selected,
        fields: [],
        label: 'the selection',
        encode: (value) => ({ ok: true, value: { start, end, text: value } }),
      },
    };
  }
  const source = text.slice(literal.range.start, literal.range.end);
  const whole = decodeLiteral(source, language, literal);
  if (!whole.ok) return whole;
  // Reading the selection: decoded as if it were a literal of its own, between the same prefix and quotes.
  const opening = source.slice(0, whole.value.style.prefix.length + whole.value.style.quote.length);
  const part = decodeLiteral(opening + text.slice(start, end) + whole.value.style.quote, language, literal);
  if (!part.ok)
    return { ok: false, reason: `The selection cuts an escape sequence or a template field: ${part.reason}` };
  const base = literal.range.start;
  return {
    ok: true,
    value: {
      range: { start, end },
      value: part.value.value,
      fields: part.value.fields,
      label: 'the selection',
      encode: (value) => {
        const edit = replaceInLiteral(source, language, start - base, end - base, value, literal);
        return edit.ok
          ? { ok: true, value: { start: base + edit.value.start, end: base + edit.value.end, text: edit.value.text } }
          : edit;
      },
    },
  };
}
