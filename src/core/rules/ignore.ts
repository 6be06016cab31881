import type { TextRange } from '../analysis/types';
import type { TextEdit } from './types';

/** `llm-cost-lens-ignore`, then optionally rule codes (spaces or commas), then optionally `-- why`. */
const directive = /(?:#|\/\/|\/\*|^\s*\*)[^\n]*?\bllm-cost-lens-ignore(?![\w-])([^\n]*)/;

/** The word every ignore comment holds (see `directive`): a text without it has none, and no call needs a look. */
export const ignoreDirective = 'llm-cost-lens-ignore';

/** What an ignore comment silences: every rule, or the codes it names. */
export type Ignored = 'all' | ReadonlySet<string>;

function parse(rest: string): Ignored {
  const codes = rest
    .replace(/\*\/.*$/, '')
    .replace(/\s--\s.*$/, '')
    .split(/[\s,]+/)
    .filter((word) => /^[a-z][a-z0-9-]*$/.test(word));
  return codes.length === 0 ? 'all' : new Set(codes);
}

/**
 * The ignore comments that apply to a call: on any line of the call, or in the comment lines directly above its
 * first line (blank lines and decorators do not break the block). Null when there is none.
 */
export function ignoredAt(text: string, call: TextRange): Ignored | null {
  const found: Ignored[] = [];
  const firstLine = text.lastIndexOf('\n', call.start - 1) + 1;
  let end = text.indexOf('\n', call.end);
  if (end < 0) end = text.length;
  for (const line of text.slice(firstLine, end).split('\n')) {
    const match = directive.exec(line);
    if (match) found.push(parse(match[1]));
  }
  let above = firstLine - 1;
  for (let i = 0; i < 4 && above > 0; i++) {
    const start = text.lastIndexOf('\n', above - 1) + 1;
    const line = text.slice(start, above).trim();
    const isComment = /^(#|\/\/|\/\*|\*)/.test(line);
    if (!isComment && line !== '' && !line.startsWith('@')) break;
    const match = isComment ? directive.exec(line) : null;
    if (match) found.push(parse(match[1]));
    above = start - 1;
  }
  if (found.length === 0) return null;
  if (found.includes('all')) return 'all';
  return new Set(found.flatMap((f) => [...(f as ReadonlySet<string>)]));
}

export function silences(ignored: Ignored | null, code: string): boolean {
  return ignored === 'all' || (ignored !== null && ignored.has(code));
}

/**
 * The edit that silences `code` for a call: the code added to an ignore comment directly above the call's first
 * line, or a new comment line there at the line's indentation (at the end of the line when the line above
 * continues onto it with a backslash).
 */
export function ignoreEdit(text: string, languageId: string, call: TextRange, code: string): TextEdit {
  const marker = languageId === 'python' ? '#' : '//';
  const lineStart = text.lastIndexOf('\n', call.start - 1) + 1;
  const aboveEnd = lineStart - 1;
  const aboveStart = aboveEnd > 0 ? text.lastIndexOf('\n', aboveEnd - 1) + 1 : -1;
  const above = aboveStart >= 0 ? text.slice(aboveStart, aboveEnd).replace(/\r$/, '') : '';
  const existing = /^(\s*(?:#|\/\/)\s*llm-cost-lens-ignore)([ \t]+[a-z][\w-]*(?:[ \t]*,[ \t]*[a-z][\w-]*)*)?(.*)$/.exec(
    above,
  );
  if (existing && existing[2]) {
    // `# llm-cost-lens-ignore a -- why` gains `, code` after its codes.
    const at = aboveStart + existing[1].length + existing[2].length;
    return { start: at, end: at, newText: `, ${code}` };
  }
  const lineEnd = text.indexOf('\n', call.start);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  if (above.endsWith('\\')) {
    const end = lineEnd < 0 ? text.length : text.charAt(lineEnd - 1) === '\r' ? lineEnd - 1 : lineEnd;
    return { start: end, end, newText: `  ${marker} llm-cost-lens-ignore ${code}` };
  }
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  return { start: lineStart, end: lineStart, newText: `${indent}${marker} llm-cost-lens-ignore ${code}${newline}` };
}
