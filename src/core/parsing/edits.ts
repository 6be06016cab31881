import { Edit, type Point } from 'web-tree-sitter';

/** One text change, in UTF-16 offsets of the text it applies to (VS Code's `rangeOffset`, `rangeLength`, `text`). */
export interface TextChange {
  /** Offset where the replaced text starts. */
  start: number;
  /** Offset just past the replaced text (in the text before this change). */
  oldEnd: number;
  newText: string;
}

/** The row/column of `offset` in `text`; columns are UTF-16 code units, as web-tree-sitter counts them. */
export function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The point reached after writing `inserted` starting at `from`. */
function advance(from: Point, inserted: string): Point {
  const lastNewline = inserted.lastIndexOf('\n');
  if (lastNewline < 0) return { row: from.row, column: from.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i >= 0; i = inserted.indexOf('\n', i + 1)) rows++;
  return { row: from.row + rows, column: inserted.length - lastNewline - 1 };
}

/**
 * The tree-sitter Edit for `change` applied to `oldText`, and the text after it. web-tree-sitter's "index"
 * fields are UTF-16 code units for trees parsed from JS strings, so offsets pass through unchanged.
 */
export function toTreeEdit(oldText: string, change: TextChange): { edit: Edit; text: string } {
  const start = clamp(change.start, 0, oldText.length);
  const oldEnd = clamp(change.oldEnd, start, oldText.length);
  const startPosition = pointAt(oldText, start);
  const oldEndPosition = advance(startPosition, oldText.slice(start, oldEnd));
  const newEndPosition = advance(startPosition, change.newText);
  const text = oldText.slice(0, start) + change.newText + oldText.slice(oldEnd);
  return {
    edit: new Edit({
      startIndex: start,
      oldEndIndex: oldEnd,
      newEndIndex: start + change.newText.length,
      startPosition,
      oldEndPosition,
      newEndPosition,
    }),
    text,
  };
}

function clamp(n: number, low: number, high: number): number {
  return Math.min(Math.max(n, low), high);
}
