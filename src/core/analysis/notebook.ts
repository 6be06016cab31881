import type { CallRecord, LanguageId, TextRange } from './types';

/** A notebook larger than this (outputs included) is not read: a skip with the reason, in bounded time. */
export const maxNotebookBytes = 16 * 1024 * 1024;

/** Whether a path names a Jupyter notebook. */
export function isNotebookPath(file: string): boolean {
  // Only the extension is lowercased: a walk asks this of 20,000 long paths.
  return file.slice(-6).toLowerCase() === '.ipynb';
}

/** A code cell's place in the joined text. */
export interface CellSpan {
  /** The cell's position among all the notebook's cells, 1-based (markdown cells count). */
  cell: number;
  start: number;
  end: number;
  /** The 0-based line of the joined text the cell starts on. */
  firstLine: number;
}

/**
 * A notebook's code cells joined in order (so a name defined in an earlier cell resolves in a later one), with
 * where each cell sits. IPython magics and shell escapes (`%pip`, `!ls`, a `%%bash` cell) are commented out in
 * place: lengths and lines do not move.
 */
export interface NotebookCode {
  text: string;
  languageId: LanguageId;
  cells: CellSpan[];
}

export interface NotebookCell {
  /** 1-based position among all cells. */
  cell: number;
  source: string;
}

/** Cell magics whose cell is still Python (timing, capturing); any other `%%` cell is not analysed. */
const pythonCellMagic = /^%%(time|timeit|capture|prun|debug|memit|skip)\b/;

/** Joins code cells; `languageId` is the notebook's (Python for Jupyter kernels). */
export function joinCells(cells: readonly NotebookCell[], languageId: LanguageId): NotebookCode {
  let text = '';
  let line = 0;
  const spans: CellSpan[] = [];
  for (const { cell, source } of cells) {
    const code = languageId === 'python' ? neutralizeMagics(source) : source;
    if (spans.length > 0) {
      text += '\n';
      line++;
    }
    spans.push({ cell, start: text.length, end: text.length + code.length, firstLine: line });
    text += code;
    for (let i = code.indexOf('\n'); i >= 0; i = code.indexOf('\n', i + 1)) line++;
  }
  return { text, languageId, cells: spans };
}

function neutralizeMagics(source: string): string {
  const lines = source.split('\n');
  const wholeCell = /^\s*%%/.test(lines[0] ?? '') && !pythonCellMagic.test((lines[0] ?? '').trim());
  return lines
    .map((line, i) =>
      wholeCell || (i === 0 && /^\s*%%/.test(line)) || /^\s*[%!]/.test(line) ? line.replace(/^(\s*)\S?/, '$1#') : line,
    )
    .join('\n');
}

/**
 * Kernels whose cells are Python: IPython's names, and Coconut (a superset of Python whose kernel some notebooks
 * carry though their cells are plain Python, as in Anthropic's cookbook).
 */
const pythonKernelLanguage = /^(i?python[23]?|coconut)$/;

/** The notebook's language from its metadata; Python when it says none. Null for kernels we do not analyse (R, Julia). */
function notebookLanguage(metadata: unknown): LanguageId | null {
  const meta = (metadata ?? {}) as { kernelspec?: { language?: unknown }; language_info?: { name?: unknown } };
  const name = String(meta.language_info?.name ?? meta.kernelspec?.language ?? 'python').toLowerCase();
  if (pythonKernelLanguage.test(name)) return 'python';
  if (name === 'typescript') return 'typescript';
  if (name === 'javascript') return 'javascript';
  return null;
}

/** The code cells of an `.ipynb` file's JSON and its language, or why it is not read. */
export function notebookCells(json: string): { cells: NotebookCell[]; languageId: LanguageId } | { skipped: string } {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (error) {
    return { skipped: `not a valid notebook (JSON: ${error instanceof Error ? error.message : String(error)})` };
  }
  const notebook = document as { cells?: unknown; metadata?: unknown };
  if (!notebook || typeof notebook !== 'object' || !Array.isArray(notebook.cells)) {
    return { skipped: 'not a valid notebook (no cells)' };
  }
  const languageId = notebookLanguage(notebook.metadata);
  if (!languageId) return { skipped: 'a notebook in a language that is not analysed' };
  const cells: NotebookCell[] = [];
  notebook.cells.forEach((raw: unknown, index) => {
    const cell = raw as { cell_type?: unknown; source?: unknown };
    if (!cell || cell.cell_type !== 'code') return;
    const source = Array.isArray(cell.source)
      ? cell.source.filter((s): s is string => typeof s === 'string').join('')
      : typeof cell.source === 'string'
        ? cell.source
        : '';
    cells.push({ cell: index + 1, source });
  });
  return { cells, languageId };
}

/** The code of an `.ipynb` file's JSON, or why it is not read. */
export function notebookFromJson(json: string): NotebookCode | { skipped: string } {
  const found = notebookCells(json);
  return 'skipped' in found ? found : joinCells(found.cells, found.languageId);
}

/** The cell a joined-text line falls in. */
function cellAtLine(code: NotebookCode, line: number): CellSpan | undefined {
  let found: CellSpan | undefined;
  for (const span of code.cells) if (span.firstLine <= line) found = span;
  return found;
}

/**
 * Records of the joined text as the user sees the notebook: `cell` set, `line` counted from the cell's start,
 * offsets into the cell's own text (ranges in other cells are left out), and a model written in another cell of
 * the notebook located in that cell.
 */
export function recordsInCells(records: readonly CallRecord[], code: NotebookCode): CallRecord[] {
  const mapped: CallRecord[] = [];
  for (const record of records) {
    const span = code.cells.find((c) => c.start <= record.range.start && record.range.end <= c.end);
    if (!span) continue;
    const inCell = within(span);
    const copy = inCell(record) as CallRecord;
    copy.cell = span.cell;
    copy.line = record.line - span.firstLine;
    const source = record.modelSource;
    if (source && source.file === record.file) {
      const sourceSpan = cellAtLine(code, source.line - 1);
      if (sourceSpan)
        copy.modelSource = { file: source.file, line: source.line - sourceSpan.firstLine, cell: sourceSpan.cell };
    }
    mapped.push(copy);
  }
  return mapped;
}

function isTextRange(value: object): value is TextRange {
  const keys = Object.keys(value);
  return (
    keys.length === 2 && typeof (value as TextRange).start === 'number' && typeof (value as TextRange).end === 'number'
  );
}

/**
 * Objects that keep their shape when one of their ranges lies in another cell (only that range goes): the
 * record, its argument ranges, prompts, messages (a template written in another cell) and their segments,
 * caching. Any other object with such a range (a fix site) goes whole, but for a parameter's `literal`: a fix
 * cannot edit another cell.
 */
function keepsShape(value: object): boolean {
  return (
    'sdk' in value ||
    'args' in value ||
    'explicit' in value ||
    'segments' in value ||
    ('kind' in value && !('where' in value))
  );
}

/** A deep copy with ranges inside the cell made cell-relative, and those outside it dropped. */
function within(span: CellSpan): (value: unknown) => unknown {
  const map = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(map).filter((item) => item !== undefined);
    if (isTextRange(value)) {
      if (value.start < span.start || value.end > span.end) return undefined;
      return { start: value.start - span.start, end: value.end - span.start };
    }
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const mapped = map(item);
      if (mapped !== undefined) copy[key] = mapped;
      else if (
        item !== undefined &&
        item !== null &&
        typeof item === 'object' &&
        isTextRange(item) &&
        !keepsShape(value) &&
        // A parameter set through a constant of another cell is still a parameter of this call (the rules need
        // it to see the limit); only the constant's literal is out of the cell's reach.
        key !== 'literal'
      )
        return undefined;
    }
    return copy;
  };
  return map;
}
