import { jsonBlocks } from './invariants';

/**
 * The offline pass: deterministic edits that need no model and cannot change meaning. Code blocks, JSON
 * examples, quoted text and placeholders are copied verbatim; only the prose between them is touched.
 */

export interface OfflineResult {
  text: string;
  /** Human-readable list of what was removed, for the diff view ("removed "Please note that""). */
  changes: string[];
}

interface Segment {
  text: string;
  protectedText: boolean;
}

const fencePattern = /```[\s\S]*?```/g;

/** Inline regions copied verbatim, after fences and JSON blocks (which may contain them). */
const inlinePatterns = [
  /`[^`\n]*`/g,
  /"[^"\n]*"/g,
  /“[^”\n]*”/g,
  /\{\{[^{}]*\}\}|\{%[^{}]*%\}/g,
  /\$\{[^{}]*\}/g,
  /\{[^{}\n]*\}/g,
  /\bhttps?:\/\/\S+/g,
];

interface Range {
  start: number;
  end: number;
}

/**
 * Adds to `taken` (sorted, disjoint) each of `candidates` (sorted by start) that overlaps nothing taken before
 * it, earlier candidates of the same list included. One merge walk: linear, where checking every range against
 * every other was quadratic on a long prompt.
 */
function takeFree(taken: Range[], candidates: Iterable<Range>): Range[] {
  const merged: Range[] = [];
  let t = 0;
  let lastEnd = -1;
  for (const c of candidates) {
    while (t < taken.length && (taken[t] as Range).start < c.start) {
      merged.push(taken[t] as Range);
      lastEnd = Math.max(lastEnd, (taken[t] as Range).end);
      t++;
    }
    const next = taken[t];
    if (c.start < lastEnd || (next !== undefined && next.start < c.end)) continue;
    merged.push(c);
    lastEnd = c.end;
  }
  while (t < taken.length) merged.push(taken[t++] as Range);
  return merged;
}

function* matches(text: string, pattern: RegExp): Generator<Range> {
  for (const m of text.matchAll(pattern)) yield { start: m.index, end: m.index + m[0].length };
}

/** Splits the text into prose and protected regions: fences first, then JSON blocks, then inline regions. */
function segment(text: string): Segment[] {
  let ranges = takeFree([], matches(text, fencePattern));
  ranges = takeFree(ranges, jsonBlocks(text));
  for (const pattern of inlinePatterns) ranges = takeFree(ranges, matches(text, pattern));
  const segments: Segment[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start > at) segments.push({ text: text.slice(at, r.start), protectedText: false });
    segments.push({ text: text.slice(r.start, r.end), protectedText: true });
    at = r.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), protectedText: false });
  return segments;
}

/** Start of a sentence: start of a line (after an optional list marker), or after . ! ? and a space. */
const sentenceStart = String.raw`((?:^|\n)[ \t]*(?:[-*•][ \t]+|\d+[.)][ \t]+)?|[.!?]["')\]]?[ \t]+)`;

/**
 * Whether a match at `offset`, with `before` matched ahead of it, is where it seems to be. A prose segment that
 * follows a placeholder or a quote starts mid-sentence, so its own start is neither a sentence nor a word start.
 */
function atBoundary(before: string, offset: number, atTextStart: boolean, sentence: boolean): boolean {
  if (offset > 0 || atTextStart) return true;
  return sentence ? before.startsWith('\n') || /^[.!?]/.test(before) : before !== '';
}

interface Filler {
  phrase: string;
  replacement: string;
  /** Only at the start of a sentence: mid-sentence the same words can carry meaning. */
  sentenceOnly: boolean;
}

const fillers: Filler[] = [
  {
    phrase: 'please note that|it is important to note that|it is worth noting that',
    replacement: '',
    sentenceOnly: true,
  },
  { phrase: "i would like you to|i'd like you to|i want you to", replacement: '', sentenceOnly: true },
  { phrase: 'please', replacement: '', sentenceOnly: true },
  { phrase: 'kindly', replacement: '', sentenceOnly: false },
  { phrase: 'in order to', replacement: 'to', sentenceOnly: false },
  { phrase: 'due to the fact that', replacement: 'because', sentenceOnly: false },
];

/** Whole sentences of politeness; removed only when they stand alone (ended by punctuation or a line end). */
const thanks = String.raw`(?:thank you|thanks)(?: (?:so|very) much)?(?: in advance)?(?: for your help)?(?:[.!]+(?=\s|$)|(?=[ \t]*(?:\n|$)))`;

function withCaseOf(phrase: string, text: string): string {
  return /^[A-Z]/.test(phrase) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

// Compiled once: the pass runs them on every prose segment, and a long prompt has hundreds of thousands.
const fillerPatterns = fillers.map((filler) => {
  const prefix = filler.sentenceOnly ? sentenceStart : String.raw`(^|\s)`;
  // The lookahead keeps "please" in "please." or "kindly," where the word is the whole clause.
  return { filler, pattern: new RegExp(`${prefix}(${filler.phrase})[ \\t]+(?=[A-Za-z{$%"'\`])`, 'gi') };
});

const thanksPattern = new RegExp(`${sentenceStart}${thanks}`, 'gi');

function removeFillers(prose: string, changes: Set<string>, atTextStart: boolean): string {
  let text = prose;
  for (const { filler, pattern } of fillerPatterns) {
    text = text.replace(pattern, (match: string, before: string, phrase: string, offset: number, whole: string) => {
      if (!atBoundary(before, offset, atTextStart, filler.sentenceOnly)) return match;
      changes.add(`removed "${phrase}"`);
      const rest = whole.slice(offset + match.length);
      if (filler.replacement !== '') return before + withCaseOf(phrase, filler.replacement) + ' ';
      // Capitalise what follows by consuming nothing: mark it and fix it up below.
      return before + (/^[A-Z]/.test(phrase) && /^[a-z]/.test(rest) ? '\uE000' : '');
    });
    text = text.replace(/\uE000([a-z])/g, (_m: string, ch: string) => ch.toUpperCase());
  }
  text = text.replace(thanksPattern, (match: string, before: string, offset: number) => {
    if (!atBoundary(before, offset, atTextStart, true)) return match;
    changes.add(`removed "${match.slice(before.length).trim()}"`);
    return before.replace(/[ \t]+$/, '');
  });
  return text;
}

function collapseWhitespace(prose: string, changes: Set<string>, atLineStart: boolean): string {
  const collapsed = prose
    // Indentation at a line start is structure (nested lists); runs elsewhere are noise.
    .replace(/(^|[^\n \t])[ \t]{2,}/g, (m: string, before: string, offset: number) =>
      offset === 0 && before === '' && atLineStart ? m : `${before} `,
    )
    .replace(/[ \t]+(?=\n)/g, '')
    .replace(/\n{3,}/g, '\n\n');
  if (collapsed !== prose) changes.add('collapsed runs of whitespace');
  return collapsed;
}

/** Runs the offline pass. Leading and trailing whitespace of the whole text is kept (it shapes the literal). */
export function offlinePass(text: string): OfflineResult {
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  const body = text.slice(lead.length).replace(/\s*$/, '');
  const trail = text.slice(lead.length + body.length);
  const changes = new Set<string>();
  const segments = segment(body);
  const out: string[] = [];
  segments.forEach((s, i) => {
    if (s.protectedText) {
      out.push(s.text);
      return;
    }
    const atLineStart = i === 0 || segments[i - 1].text.endsWith('\n');
    let prose = collapseWhitespace(removeFillers(s.text, changes, i === 0), changes, atLineStart);
    if (i === 0) prose = prose.replace(/^\s+/, '');
    if (i === segments.length - 1) prose = prose.replace(/\s+$/, '');
    out.push(prose);
  });
  const result = out.join('');
  // A text that was only filler stays as it was: an empty prompt is never an improvement.
  if (result.trim() === '' && body !== '') return { text, changes: [] };
  return { text: lead + result + trail, changes: [...changes] };
}
