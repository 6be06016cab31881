import type { CallSites, LanguageId, OptionsSite, ParamSite, TextRange } from '../analysis/types';
import type { TextEdit } from './types';

/**
 * Text edits written the way the surrounding code is written: the quotes it uses, its indentation, its
 * trailing commas, the line breaks of a multi-line call.
 */

type Quote = '"' | "'";

/** The quote most string literals in `sample` use; `fallback` when it has none. */
function dominantQuote(sample: string, fallback: Quote): Quote {
  const double = (sample.match(/(^|[^\w\\])"/g) ?? []).length;
  const single = (sample.match(/(^|[^\w\\])'/g) ?? []).length;
  if (double === single) return fallback;
  return double > single ? '"' : "'";
}

/** The quote to write a new string in: that of the strings near `around`, else the file's, else the language's usual. */
export function quoteFor(text: string, languageId: LanguageId, around?: TextRange): Quote {
  const fallback = dominantQuote(text, languageId === 'python' ? '"' : "'");
  return around ? dominantQuote(text.slice(around.start, around.end), fallback) : fallback;
}

/** A string literal of plain text (a model name, `ephemeral`) in the given quote. */
export function stringLiteral(value: string, quote: Quote): string {
  return `${quote}${value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`)}${quote}`;
}

/** The key of a new entry in `site`: a bare keyword, a quoted dict key, an object key quoted only if its neighbours are. */
export function keyFor(text: string, languageId: LanguageId, site: OptionsSite, name: string): string {
  if (site.syntax === 'keywords') return name;
  const first = site.entries.map((r) => text.charAt(r.start)).find((c) => c === '"' || c === "'" || /[\w$]/.test(c));
  if (site.syntax === 'object' && !(first === '"' || first === "'")) return name;
  const quote = first === '"' || first === "'" ? first : quoteFor(text, languageId, site.range);
  return stringLiteral(name, quote);
}

/** `name=value`, `"name": value` or `name: value`, as the site writes entries. */
export function entryFor(text: string, languageId: LanguageId, site: OptionsSite, name: string, value: string): string {
  const key = keyFor(text, languageId, site, name);
  return site.syntax === 'keywords' ? `${key}=${value}` : `${key}: ${value}`;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Where `offset`'s line ends, before its line break (`\r\n` or `\n`). */
function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  if (end < 0) return text.length;
  return end > 0 && text.charAt(end - 1) === '\r' ? end - 1 : end;
}

/** The line break the file uses. */
export function lineBreak(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The whitespace `offset`'s line starts with. */
function indentOf(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, offset)))?.[0] ?? '';
}

/** Whether only whitespace precedes `offset` on its line. */
function startsLine(text: string, offset: number): boolean {
  return text.slice(lineStart(text, offset), offset).trim() === '';
}

/** One level of indentation as the file writes it. */
function indentUnit(text: string, languageId: LanguageId): string {
  const tabs = (text.match(/^\t+\S/gm) ?? []).length;
  const spaced = [...text.matchAll(/^( +)\S/gm)].map((m) => m[1].length);
  if (tabs > spaced.length) return '\t';
  const smallest = spaced.filter((n) => n > 0).reduce((a, b) => Math.min(a, b), Infinity);
  if (Number.isFinite(smallest) && smallest <= 8) return ' '.repeat(smallest);
  return languageId === 'python' ? '    ' : '  ';
}

const comment = /^[ \t]*(#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/;

/** The offset of the comma that follows `offset` (skipping spaces and comments), or -1. */
function commaAfter(text: string, offset: number, limit: number): number {
  let i = offset;
  for (let guard = 0; guard < 64 && i < limit; guard++) {
    const rest = text.slice(i, limit);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const skipped = comment.exec(rest);
    if (skipped && skipped[0].length > 0) {
      i += skipped[0].length;
      continue;
    }
    return text.charAt(i) === ',' ? i : -1;
  }
  return -1;
}

/**
 * Adds `entry` (as `entryFor` writes it) at the end of an argument list or dict/object literal, following its
 * layout: on its own line at the others' indentation in a multi-line one (keeping a trailing comma if the list
 * has one, after a comment that ends the last line), `, entry` in a one-line one. Null when the list holds
 * something other than entries (a comment alone).
 */
export function insertEntry(text: string, languageId: LanguageId, site: OptionsSite, entry: string): TextEdit[] | null {
  const open = site.range.start;
  const close = site.range.end - 1;
  const last = site.entries[site.entries.length - 1];
  if (!last) {
    const inner = text.slice(open + 1, close);
    if (inner.trim() !== '') return null;
    const padded = site.syntax === 'object' ? ` ${entry} ` : entry;
    return [{ start: open + 1, end: close, newText: padded }];
  }
  const comma = commaAfter(text, last.end, close);
  const multiLine = text.slice(open, last.start).includes('\n');
  if (!multiLine) {
    return comma >= 0
      ? [{ start: comma + 1, end: comma + 1, newText: ` ${entry},` }]
      : [{ start: last.end, end: last.end, newText: `, ${entry}` }];
  }
  const newline = lineBreak(text);
  const firstOnOwnLine = site.entries.find((r) => startsLine(text, r.start));
  const indent = startsLine(text, last.start)
    ? indentOf(text, last.start)
    : firstOnOwnLine
      ? indentOf(text, firstOnOwnLine.start)
      : indentOf(text, open) + indentUnit(text, languageId);
  if (comma >= 0) {
    const end = lineEnd(text, comma);
    // `a=1, )`: the list closes on the comma's line, so the new entry goes right after the comma.
    if (end > close) return [{ start: comma + 1, end: comma + 1, newText: `${newline}${indent}${entry},` }];
    return [{ start: end, end, newText: `${newline}${indent}${entry},` }];
  }
  const end = lineEnd(text, last.end);
  const trailingComment = end <= close && comment.test(text.slice(last.end, end));
  if (trailingComment) {
    return [
      { start: last.end, end: last.end, newText: ',' },
      { start: end, end, newText: `${newline}${indent}${entry}` },
    ];
  }
  return [{ start: last.end, end: last.end, newText: `,${newline}${indent}${entry}` }];
}

/** Renames a parameter's key in place, keeping its quotes; a shorthand `{ max_tokens }` becomes `{ new: max_tokens }`. */
export function renameKey(text: string, site: ParamSite, newName: string): TextEdit | null {
  if (!site.key) return null;
  if (site.shorthand) {
    return {
      start: site.key.start,
      end: site.key.end,
      newText: `${newName}: ${text.slice(site.key.start, site.key.end)}`,
    };
  }
  const keyText = text.slice(site.key.start, site.key.end);
  const at = keyText.indexOf(site.name);
  if (at < 0) return null;
  const start = site.key.start + at;
  return { start, end: start + site.name.length, newText: newName };
}

/** The calls of a file whose parameter (`role`) is read from the literal at `literal`. */
export function readersOf(
  calls: readonly { sites: CallSites }[],
  role: 'model' | 'outputLimit' | 'system' | 'messages' | 'reasoningEffort',
  literal: TextRange,
): number {
  return calls.filter((c) => {
    const site = c.sites[role];
    const at = site?.literal ?? site?.value;
    return at?.start === literal.start && at.end === literal.end;
  }).length;
}

/** Replaces the text of a plain string literal, keeping its prefix and quotes; null when `range` is not one. */
export function replaceStringText(text: string, range: TextRange, value: string): TextEdit | null {
  const literal = text.slice(range.start, range.end);
  const match = /^([rRbBuU]{0,2})("""|'''|"|'|`)([^"'`\\{}$]*)\2$/.exec(literal);
  if (!match) return null;
  const start = range.start + match[1].length + match[2].length;
  return { start, end: start + match[3].length, newText: value };
}

/** Deletes an entry of a list with the comma that separates it (the one after it, else the one before it). */
export function removeEntry(text: string, entry: TextRange): TextEdit {
  const ownLine = /^[ \t]*,?[ \t]*\r?\n/.exec(text.slice(entry.end));
  if (ownLine && startsLine(text, entry.start)) {
    // The entry is a line of its own: the line goes.
    return { start: lineStart(text, entry.start), end: entry.end + ownLine[0].length, newText: '' };
  }
  const after = /^[ \t]*,[ \t]*/.exec(text.slice(entry.end));
  if (after) return { start: entry.start, end: entry.end + after[0].length, newText: '' };
  const before = /,[ \t]*$/.exec(text.slice(Math.max(0, entry.start - 80), entry.start));
  const start = before ? entry.start - before[0].length : entry.start;
  return { start, end: entry.end, newText: '' };
}

/** Whether `inner` lies within `outer`. */
export function within(outer: TextRange, inner: TextRange): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}
