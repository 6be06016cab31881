import type { Tree } from 'web-tree-sitter';
import type { TextChange } from '../parsing/edits';
import { analyzeCalls, isMockingTest, type AnalyzedCall } from './analyze';
import { Dependencies } from './dependencies';
import type { Workspace } from './resolver';
import type { CallRecord, LanguageId, TextRange } from './types';

/** A recognised call, or a call ending with a billable name that was not one (watched for edits that change that). */
type Entry = AnalyzedCall<CallRecord | null>;

interface State {
  text: string;
  languageId: LanguageId;
  file: string;
  mocking: boolean;
  entries: Entry[];
  /** The tree had no syntax errors. */
  valid: boolean;
}

/** Above this many changed characters a full analysis is as cheap as working out what to keep. */
const maxIncrementalChange = 4000;
const importLine = /\b(import|require|from)\b/;

/**
 * The analysis of one open document, kept between edits. After an edit only the calls it can affect are
 * analysed again: calls on the edited lines or in the edited function, calls whose names or definitions the
 * edit touches, calls in syntax the parser re-read differently, and new calls on the edited lines. The others
 * are reused with their offsets shifted. Edits on import lines, or large ones, fall back to a full analysis.
 */
export class DocumentAnalyzer {
  private state: State | undefined;

  /**
   * `workspace` and `path`: the files around the document and its absolute path there, for cross-file
   * resolution (a change in a file it read calls for `reset`).
   */
  constructor(
    private readonly workspace: Workspace | null = null,
    private readonly path?: string,
  ) {}

  /**
   * The records of `tree` (parsed from `text`). `changes` are those that turned the previous text into `text`,
   * `changedRanges` the tree's own (DocumentTree.changedRanges): without them, a full analysis.
   */
  analyze(
    tree: Tree,
    text: string,
    languageId: LanguageId,
    file: string,
    changes?: readonly TextChange[],
    changedRanges?: readonly TextRange[],
  ): CallRecord[] {
    // Error recovery can reshape a broken tree far from the edit, in ways its changed ranges do not show:
    // only edits between two valid trees are taken incrementally.
    const valid = !tree.rootNode.hasError;
    const reused =
      valid && this.state?.valid && changes && changes.length > 0 && changedRanges
        ? this.reuse(this.state, text, languageId, file, changes, changedRanges)
        : null;
    const rejected: AnalyzedCall<null>[] = [];
    let entries: Entry[];
    if (reused) {
      const windows = merge(reused.recheck);
      const fresh: Entry[] = [
        ...analyzeCalls(tree, text, languageId, file, {
          within: windows,
          rejected,
          workspace: this.workspace,
          path: this.path,
        }),
        ...rejected,
      ];
      const starts = new Set(fresh.map((e) => e.range.start));
      entries = [...reused.kept.filter((e) => !starts.has(e.range.start)), ...fresh];
    } else {
      entries = [
        ...analyzeCalls(tree, text, languageId, file, { rejected, workspace: this.workspace, path: this.path }),
        ...rejected,
      ];
    }
    entries.sort((a, b) => a.range.start - b.range.start);
    this.state = { text, languageId, file, mocking: isMockingTest(text, file), entries, valid };
    return entries.flatMap((e) => (e.record ? [e.record] : []));
  }

  reset(): void {
    this.state = undefined;
  }

  private reuse(
    state: State,
    text: string,
    languageId: LanguageId,
    file: string,
    changes: readonly TextChange[],
    changedRanges: readonly TextRange[],
  ): { kept: Entry[]; recheck: TextRange[] } | null {
    if (state.languageId !== languageId || state.file !== file || isMockingTest(text, file) !== state.mocking)
      return null;
    let current = state.text;
    let entries = state.entries;
    let recheck: TextRange[] = [];
    for (const change of changes) {
      const start = Math.max(0, Math.min(change.start, current.length));
      const oldEnd = Math.max(start, Math.min(change.oldEnd, current.length));
      if (oldEnd - start + change.newText.length > maxIncrementalChange) return null;
      const next = current.slice(0, start) + change.newText + current.slice(oldEnd);
      const newEnd = start + change.newText.length;
      const oldLines = lineSpan(current, start, oldEnd);
      const newLines = lineSpan(next, start, newEnd);
      if (
        importLine.test(current.slice(oldLines.start, oldLines.end)) ||
        importLine.test(next.slice(newLines.start, newLines.end))
      ) {
        return null;
      }
      const words = new Set([...wordsAround(current, start, oldEnd), ...wordsAround(next, start, newEnd)]);
      const shift = shifter(
        start,
        oldEnd,
        newEnd - oldEnd,
        countNewlines(change.newText) - countNewlines(current.slice(start, oldEnd)),
      );
      recheck = recheck.map((r) => ({ start: shift.offset(r.start), end: shift.offset(r.end) }));
      recheck.push(newLines);
      const kept: Entry[] = [];
      for (const entry of entries) {
        const lines = callLines(current, entry.range);
        const inScope = entry.scope !== null && touches(entry.scope, start, oldEnd);
        const dirty =
          touches(lines, start, oldEnd) ||
          inScope ||
          rangesTouch(entry.dependencies.ranges, start, oldEnd) ||
          [...entry.dependencies.names].some((n) => words.has(n));
        if (dirty) {
          const area = inScope && entry.scope ? entry.scope : entry.range;
          recheck.push({ start: shift.offset(area.start), end: shift.offset(area.end) });
        } else kept.push(shift.entry(entry));
      }
      entries = kept;
      current = next;
    }
    if (current !== text) return null;
    // Syntax the parser re-read differently (error recovery can reach past the edited lines).
    const kept: Entry[] = [];
    for (const entry of entries) {
      const lines = callLines(text, entry.range);
      const dirty = changedRanges.some(
        (r) =>
          touches(lines, r.start, r.end) ||
          (entry.scope !== null && touches(entry.scope, r.start, r.end)) ||
          rangesTouch(entry.dependencies.ranges, r.start, r.end),
      );
      if (dirty) recheck.push(entry.scope ?? entry.range);
      else kept.push(entry);
    }
    recheck.push(...changedRanges.map((r) => lineSpan(text, r.start, r.end)));
    return { kept, recheck };
  }
}

function touches(range: TextRange, start: number, end: number): boolean {
  return range.start <= end && start <= range.end;
}

function rangesTouch(ranges: number[], start: number, end: number): boolean {
  for (let i = 0; i + 1 < ranges.length; i += 2) if (ranges[i] <= end && start <= ranges[i + 1]) return true;
  return false;
}

function lineSpan(text: string, start: number, end: number): TextRange {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  return { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd };
}

/** The call's lines and the few above it, where its `llm-cost-lens: N/day` annotation may be. */
function callLines(text: string, range: TextRange): TextRange {
  const span = lineSpan(text, range.start, range.end);
  let start = span.start;
  for (let i = 0; i < 5 && start > 0; i++) start = text.lastIndexOf('\n', start - 2) + 1;
  return { start, end: span.end };
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** The identifiers overlapping [start, end], whole. */
function wordsAround(text: string, start: number, end: number): string[] {
  let from = start;
  while (from > 0 && /[\w$]/.test(text[from - 1])) from--;
  let to = end;
  while (to < text.length && /[\w$]/.test(text[to])) to++;
  return text.slice(from, to).match(/[A-Za-z_$][\w$]*/g) ?? [];
}

function shifter(start: number, oldEnd: number, delta: number, lineDelta: number) {
  const offset = (p: number): number => (p >= oldEnd ? p + delta : p <= start ? p : start);
  const range = (r: TextRange): TextRange => ({ start: offset(r.start), end: offset(r.end) });
  const record = (r: CallRecord, modelOffset: number | null): CallRecord => {
    const bounds = boundsOf(r);
    // Every offset before the edit, and the model's source not after it: the record stays as it is.
    if (bounds.max <= start && (modelOffset === null || modelOffset < oldEnd)) return r;
    const shifted: CallRecord = {
      ...shiftRanges(r, range),
      line: r.range.start >= oldEnd ? r.line + lineDelta : r.line,
      modelSource:
        r.modelSource && modelOffset !== null && modelOffset >= oldEnd
          ? { ...r.modelSource, line: r.modelSource.line + lineDelta }
          : r.modelSource,
    };
    recordBounds.set(shifted, { min: offset(bounds.min), max: offset(bounds.max) });
    return shifted;
  };
  const entry = (e: Entry): Entry => {
    const dependencies = new Dependencies();
    for (const name of e.dependencies.names) dependencies.names.add(name);
    for (const p of e.dependencies.ranges) dependencies.ranges.push(offset(p));
    const modelOffset = e.modelOffset ?? null;
    return {
      record: e.record ? record(e.record, modelOffset) : null,
      range: range(e.range),
      dependencies,
      scope: e.scope ? range(e.scope) : null,
      modelOffset: modelOffset === null ? null : offset(modelOffset),
    };
  };
  return { offset, entry };
}

/** Every `{ start, end }` in a record is a TextRange (types.ts), so the shape is enough to know one. */
function isTextRange(value: object): value is TextRange {
  return typeof (value as TextRange).start === 'number' && typeof (value as TextRange).end === 'number';
}

/**
 * A copy of `value` with every TextRange in it shifted. A record's ranges are found by their shape, so a field
 * added to the record needs no line here.
 */
function shiftRanges<T>(value: T, shift: (r: TextRange) => TextRange): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = shiftRanges(value[i] as unknown, shift);
    return copy as T;
  }
  if (isTextRange(value)) return shift(value) as T;
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    copy[key] = item !== null && typeof item === 'object' ? shiftRanges(item, shift) : item;
  }
  return copy as T;
}

/** The lowest and highest offset of any range in a record, remembered per record object. */
const recordBounds = new WeakMap<CallRecord, { min: number; max: number }>();

function boundsOf(record: CallRecord): { min: number; max: number } {
  const known = recordBounds.get(record);
  if (known) return known;
  const bounds = { min: Infinity, max: -Infinity };
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (isTextRange(value)) {
      bounds.min = Math.min(bounds.min, value.start);
      bounds.max = Math.max(bounds.max, value.end);
      return;
    }
    for (const key in value) visit((value as Record<string, unknown>)[key]);
  };
  visit(record);
  recordBounds.set(record, bounds);
  return bounds;
}

function merge(ranges: TextRange[]): TextRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: TextRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}
