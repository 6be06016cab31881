import type { TextRange } from './types';

/**
 * The `llm-cost-lens:` annotation comment a user writes just above a call (or at the end of its first line) to
 * tell the analysis what the code cannot: `# llm-cost-lens: model=gpt-4o-mini, 5000/day`. Either part may be
 * left out; `5k/day` and `5_000/day` are read too. Text in, plain data out: the editor writes new annotations
 * with `annotationEdit`.
 */
export interface Annotation {
  model: string | null;
  callsPerDay: number | null;
}

/** An annotation found for a call: its values and where its comment line is. */
export interface FoundAnnotation extends Annotation {
  /** The whole line holding the comment (without its line break). */
  line: TextRange;
  /** True for a comment at the end of the call's own first line. */
  sameLine: boolean;
}

const marker = /llm-cost-lens:/i;
const perDay = /(?:^|[\s,])(\d[\d_,.]*)\s*(k)?\s*\/\s*day\b/i;
const modelItem = /(?:^|[\s,])model\s*=\s*([^\s,]+)/i;
/** How many lines above a call an annotation may sit (other comments and blank lines in between are fine). */
const linesAbove = 4;

/** The values of one comment line, or null when it carries no annotation. */
export function parseAnnotation(line: string): Annotation | null {
  const at = line.search(marker);
  if (at < 0) return null;
  const rest = line.slice(at + 'llm-cost-lens:'.length).replace(/\*\/\s*$/, '');
  const day = perDay.exec(rest);
  let callsPerDay: number | null = null;
  if (day) {
    const value = Number(day[1].replace(/[_,]/g, ''));
    if (Number.isFinite(value)) callsPerDay = day[2] ? value * 1000 : value;
  }
  const model = modelItem.exec(rest)?.[1] ?? null;
  if (model === null && callsPerDay === null) return null;
  return { model, callsPerDay };
}

function isComment(trimmed: string): boolean {
  return trimmed.startsWith('#') || trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('/*');
}

/**
 * The annotation of the call starting at `callStart`: a comment at the end of its first line, or on the comment
 * lines just above it (blank lines in between; any code ends the search).
 */
export function findAnnotation(text: string, callStart: number): FoundAnnotation | null {
  const lineStart = text.lastIndexOf('\n', callStart - 1) + 1;
  let lineEnd = text.indexOf('\n', callStart);
  if (lineEnd < 0) lineEnd = text.length;
  const trailing = parseAnnotation(text.slice(callStart, lineEnd));
  if (trailing) return { ...trailing, line: { start: lineStart, end: lineEnd }, sameLine: true };
  let end = lineStart - 1;
  for (let i = 0; i < linesAbove && end > 0; i++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    const trimmed = line.trim();
    if (trimmed !== '' && !isComment(trimmed)) break;
    const found = isComment(trimmed) ? parseAnnotation(line) : null;
    if (found) return { ...found, line: { start, end }, sameLine: false };
    end = start - 1;
  }
  return null;
}

/** The annotation as written: `model=X, N/day` (each part only when set). */
export function formatAnnotation(annotation: Annotation): string {
  const parts: string[] = [];
  if (annotation.model) parts.push(`model=${annotation.model}`);
  if (annotation.callsPerDay !== null) parts.push(`${annotation.callsPerDay}/day`);
  return `llm-cost-lens: ${parts.join(', ')}`;
}

/** A text edit in offsets of the text it applies to. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * The edit that sets the model of the call starting at `callStart` by annotation. An existing annotation is
 * rewritten in place (its `N/day` kept); otherwise a comment line in the language's style is inserted above the
 * call's first line, with that line's indentation.
 */
export function annotationEdit(text: string, callStart: number, python: boolean, model: string): TextEdit {
  const clean = model.trim().replace(/[\s,]+/g, '');
  const found = findAnnotation(text, callStart);
  if (found) {
    const line = text.slice(found.line.start, found.line.end);
    const at = found.line.start + line.search(marker);
    // Keep whatever closes the comment (` */`) after the annotation.
    const close = /\s*\*\/\s*$/.exec(line);
    const end = close ? found.line.start + close.index : found.line.end;
    return { start: at, end, newText: formatAnnotation({ model: clean, callsPerDay: found.callsPerDay }) };
  }
  const lineStart = text.lastIndexOf('\n', callStart - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, callStart))?.[0] ?? '';
  const comment = python ? '#' : '//';
  return {
    start: lineStart,
    end: lineStart,
    newText: `${indent}${comment} ${formatAnnotation({ model: clean, callsPerDay: null })}\n`,
  };
}
