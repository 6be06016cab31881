import { applyEdits as applyJsonEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import { joinCells, notebookCells, type CellSpan } from '../analysis/notebook';
import type { ParserHost } from '../parsing/host';
import { applyEdits } from './apply';
import { fixText, type FixOptions } from './fixText';
import type { TextRange } from '../analysis/types';
import type { Finding, Fix, TextEdit } from './types';

export interface NotebookFixResult {
  /** The notebook's new JSON: the input when nothing applied or the fixes were refused. */
  json: string;
  /** The fixes applied; each finding located by `cell`, its line within the cell and offsets into the cell. */
  applied: { finding: Finding; fix: Fix }[];
  /** The findings of the notebook as given, located in their cells. */
  initial: Finding[];
  /** Findings left after fixing (those without a safe fix), located in their cells. */
  remaining: Finding[];
  refused?: string;
  /** Fixes left out because they did not take, located in their cells (see `FixTextResult.notTaken`). */
  notTaken?: { finding: Finding; reason: string }[];
}

const linesBefore = (text: string, offset: number): number => {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) count++;
  return count;
};

/** A finding of the joined code as the user sees the notebook: in its cell, lines and offsets the cell's own. */
function locate(finding: Finding, spans: readonly CellSpan[], text: string): Finding {
  const span = spans.find((s) => s.start <= finding.range.start && finding.range.start <= s.end);
  if (!span) return finding;
  const inside = (r: TextRange): boolean => span.start <= r.start && r.end <= span.end;
  const shift = <T extends TextRange>(r: T): T => ({ ...r, start: r.start - span.start, end: r.end - span.start });
  return {
    ...finding,
    cell: span.cell,
    line: finding.line - linesBefore(text, span.start),
    range: shift(finding.range),
    // A fix that edits another cell (a constant set there) is the editor's to offer.
    fixes: finding.fixes.filter((f) => f.edits.every(inside)).map((f) => ({ ...f, edits: f.edits.map(shift) })),
  };
}

/** The cells' places after edits that each lie inside one cell. */
function shifted(spans: readonly CellSpan[], edits: readonly TextEdit[], text: string): CellSpan[] {
  let delta = 0;
  return spans.map((span) => {
    const start = span.start + delta;
    for (const e of edits)
      if (span.start <= e.start && e.end <= span.end) delta += e.newText.length - (e.end - e.start);
    return { cell: span.cell, start, end: span.end + delta, firstLine: linesBefore(text, start) };
  });
}

/** The file's own indentation and line breaks, so that a rewritten cell looks like the rest of it. */
function formattingOf(json: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const indent = /\n([ \t]+)\S/.exec(json)?.[1] ?? ' ';
  return {
    insertSpaces: !indent.startsWith('\t'),
    tabSize: indent.startsWith('\t') ? 1 : indent.length,
    eol: json.includes('\r\n') ? '\r\n' : '\n',
  };
}

/**
 * Applies the safe fixes of a Jupyter notebook's findings, like `fixText` for a source file: the code cells are
 * fixed joined in order (the way they are analysed), each edit must stay inside one cell and off the IPython
 * magics, and only the changed cells' `source` is rewritten in the JSON (one string per line, as nbformat
 * writes it; the rest of the file byte for byte). The result is read back and must give exactly the fixed cells.
 */
export async function fixNotebook(
  json: string,
  file: string,
  host: ParserHost,
  options: FixOptions,
): Promise<NotebookFixResult | { skipped: string }> {
  const found = notebookCells(json);
  if ('skipped' in found) return found;
  const code = joinCells(found.cells, found.languageId);
  // The cells as written: the same length as the analysed text, which has the magics commented out.
  const original = found.cells.map((c) => c.source).join('\n');
  let written = original;
  let current = code.text;
  let spans = code.cells;
  let applied: NotebookFixResult['applied'] = [];
  const result = await fixText(code.text, code.languageId, file, host, {
    ...options,
    onRestart() {
      written = original;
      current = code.text;
      spans = code.cells;
      applied = [];
    },
    checkPass(edits, taken) {
      for (const edit of edits) {
        if (!spans.some((s) => s.start <= edit.start && edit.end <= s.end)) return 'a fix would edit across cells';
        for (let i = edit.start; i < edit.end; i++) {
          if (current[i] !== written[i]) return 'a fix would edit an IPython magic';
        }
      }
      applied.push(...taken.map(({ finding, fix }) => ({ finding: locate(finding, spans, current), fix })));
      written = applyEdits(written, edits);
      current = applyEdits(current, edits);
      spans = shifted(spans, edits, current);
      return undefined;
    },
  });
  const initial = result.initial.map((f) => locate(f, code.cells, code.text));
  if (result.refused) return { json, applied: [], initial, remaining: initial, refused: result.refused };
  const remaining = result.remaining.map((f) => locate(f, spans, current));
  const notTaken = result.notTaken?.map(({ finding, reason }) => ({
    finding: locate(finding, code.cells, code.text),
    reason,
  }));
  const left = notTaken ? { notTaken } : {};
  if (result.applied.length === 0) return { json, applied: [], initial, remaining, ...left };
  if (result.text !== current) throw new Error('notebook fix: the cells lost track of the fixed text');
  const tree = parseTree(json);
  const formattingOptions = formattingOf(json);
  let out = json;
  spans.forEach((span, i) => {
    const source = written.slice(span.start, span.end);
    if (source === found.cells[i]?.source) return;
    const path = ['cells', span.cell - 1, 'source'];
    const node = tree && findNodeAtLocation(tree, path);
    const value = node?.type === 'string' ? source : source.split(/(?<=\n)/).filter((line) => line !== '');
    out = applyJsonEdits(out, modify(out, path, value, { formattingOptions }));
  });
  const check = notebookCells(out);
  const expected = spans.map((span) => written.slice(span.start, span.end));
  if ('skipped' in check || check.cells.some((c, i) => c.source !== expected[i])) {
    return { json, applied: [], initial, remaining: initial, refused: 'the fixed notebook did not read back the same' };
  }
  return { json: out, applied, initial, remaining, ...left };
}
