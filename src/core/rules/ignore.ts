import type { TextRange } from '../analysis/types';

/** `llm-cost-lens-ignore`, then optionally rule codes (spaces or commas), then optionally `-- why`. */
const directive = /(?:#|\/\/|\/\*|^\s*\*)[^\n]*?\bllm-cost-lens-ignore(?![\w-])([^\n]*)/;

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
