import * as vscode from 'vscode';
import {
  decodeLiteral,
  encodeLiteral,
  isHostLanguage,
  type DecodedLiteral,
  type LiteralResult,
} from '../../core/compression/literal';
import type { TextRange } from '../../core/analysis/types';

/** What the user asked to compress: the text value, where it sits, and how to write a new value back. */
export interface CompressionTarget {
  /** The document range replaced on apply. */
  range: vscode.Range;
  /** The prompt text (decoded: escapes resolved, template fields verbatim). */
  value: string;
  /** Template fields (f-string `{expr}`, `${expr}`) that must survive verbatim. */
  fields: string[];
  /** Describes the target for messages ("the triple-quoted f-string on line 12"). */
  label: string;
  /** The source text that replaces `range` for a new value, in the host language's quoting. */
  encode(value: string): LiteralResult<string>;
}

/** Finds the string literal containing an offset in a document's text; undefined when there is none. */
export type LiteralLocator = (text: string, languageId: string, offset: number) => Promise<TextRange | undefined>;

/**
 * The selection when there is one, else the string literal under the cursor. A selection inside a literal is
 * decoded and re-encoded with that literal's quoting, so escapes stay valid; any other selection is taken as
 * plain text.
 */
export async function resolveTarget(
  editor: vscode.TextEditor,
  locate: LiteralLocator,
): Promise<LiteralResult<CompressionTarget>> {
  const { document, selection } = editor;
  const text = document.getText();
  const language = document.languageId;
  const literalRange = isHostLanguage(language)
    ? await locate(text, language, document.offsetAt(selection.isEmpty ? selection.active : selection.start))
    : undefined;

  if (selection.isEmpty) {
    if (!literalRange || !isHostLanguage(language)) {
      return { ok: false, reason: 'Put the cursor on a string literal or select the prompt text to compress.' };
    }
    const source = text.slice(literalRange.start, literalRange.end);
    const decoded = decodeLiteral(source, language);
    if (!decoded.ok) return decoded;
    const range = new vscode.Range(document.positionAt(literalRange.start), document.positionAt(literalRange.end));
    return {
      ok: true,
      value: {
        range,
        value: decoded.value.value,
        fields: decoded.value.fields,
        label: `the string on line ${range.start.line + 1}`,
        encode: (value) => encodeLiteral(value, decoded.value),
      },
    };
  }

  const start = document.offsetAt(selection.start);
  const end = document.offsetAt(selection.end);
  const selected = text.slice(start, end);
  const insideLiteral =
    literalRange && isHostLanguage(language) && literalRange.start < start && end < literalRange.end;
  if (!insideLiteral) {
    // Plain text (a prompt file, a comment, a whole statement): replaced as it is.
    return {
      ok: true,
      value: {
        range: selection,
        value: selected,
        fields: [],
        label: 'the selection',
        encode: (value) => ({ ok: true, value }),
      },
    };
  }
  // Decode the selection as if it were the whole literal: same prefix and quotes around it.
  const whole = decodeLiteral(text.slice(literalRange.start, literalRange.end), language);
  if (!whole.ok) return whole;
  const opening = openingOf(text.slice(literalRange.start, literalRange.end), whole.value);
  const closing = whole.value.style.quote;
  const part = decodeLiteral(opening + selected + closing, language);
  if (!part.ok)
    return { ok: false, reason: `The selection cuts an escape sequence or a template field: ${part.reason}` };
  return {
    ok: true,
    value: {
      range: selection,
      value: part.value.value,
      fields: part.value.fields,
      label: 'the selection',
      encode: (value) => {
        const encoded = encodeLiteral(value, part.value);
        if (!encoded.ok) return encoded;
        const body = encoded.value.slice(opening.length, encoded.value.length - closing.length);
        return { ok: true, value: body };
      },
    },
  };
}

function openingOf(source: string, literal: DecodedLiteral): string {
  return source.slice(0, literal.style.prefix.length + literal.style.quote.length);
}
