/**
 * What a compressed prompt must keep, extracted from the original and checked in the candidate. Every check is
 * mechanical: a model's promise to "keep placeholders" is not trusted.
 */

export type InvariantCheck = { ok: true } | { ok: false; reasons: string[] };

export interface InvariantOptions {
  /**
   * Host-language template fields that must survive verbatim, e.g. f-string fields (`{user.name!r}`) or JS
   * template substitutions (`${id}`), as decoded by literal.ts.
   */
  fields?: readonly string[];
}

export interface Invariants {
  /** Named placeholders and fields, compared as a set: dropping or inventing one breaks the template. */
  placeholders: string[];
  /** `%s`-style and `{}` positional placeholders, compared in order: their position is their meaning. */
  positional: string[];
  codeBlocks: string[];
  /** JSON examples that parse, compared structurally (whitespace may change, content may not). */
  jsonValues: unknown[];
  /** Keys of every JSON-like block, parseable or not (examples often hold `...` or placeholders). */
  jsonKeys: string[];
  urls: string[];
  numbers: string[];
  quoted: string[];
  /** Format keywords (JSON, YAML, ...) named in an output-format instruction. */
  formats: string[];
  /** Every format the text names anywhere (the candidate side of the format check). */
  formatsNamed: string[];
}

const fencePattern = /```[^\n]*\n[\s\S]*?```/g;
const urlPattern = /\bhttps?:\/\/[^\s"'<>`)\]}]+/g;
const mustachePattern = /\{\{[^{}]*\}\}|\{%[^{}]*%\}/g;
const dollarPattern = /\$\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/g;
const bracePattern = /\{(?:[A-Za-z_][\w.]*(?:\[[^\]{}]*\])*|\d+)(?:![rsa])?(?::[^{}\s]*)?\}/g;
const emptyBracePattern = /\{\}/g;
const percentNamedPattern = /(?<![\w%])%\([\w.]+\)[-#0+]?\d*(?:\.\d+)?[sdifrxXeEgGc]/g;
const percentPattern = /(?<![\w%])%[-#0+]?\d*(?:\.\d+)?[sdifrxXeEgGc](?![A-Za-z])/g;
const numberPattern = /(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?(?![\w])/g;
const quotedPattern = /"([^"\n]{1,200})"|“([^”\n]{1,200})”|`([^`\n]{1,200})`/g;
/**
 * Output formats an instruction can name. The checkable rule: when a sentence of the original directs the output
 * (respond/return/format/...) and names one of these, the compressed text must still name it.
 */
const formatKeywords: { name: string; pattern: RegExp }[] = [
  ...['JSON', 'YAML', 'XML', 'CSV', 'TSV', 'Markdown', 'HTML'].map((name) => ({
    name,
    pattern: new RegExp(`\\b${name}\\b`, 'i'),
  })),
  { name: 'bullet points', pattern: /\bbullet/i },
  { name: 'a table', pattern: /\btable\b/i },
  { name: 'a numbered list', pattern: /\bnumbered\b/i },
  { name: 'one word', pattern: /\b(one|single) word\b/i },
  { name: 'yes or no', pattern: /\byes or no\b/i },
];
const formatDirective =
  /\b(respond|response|reply|return|output|format|formatted|answer|produce|emit|write|give|print|schema)\b/i;

function all(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[0]);
}

/** Blanks matched regions so later patterns do not see them twice (offsets stay the same). */
function mask(text: string, pattern: RegExp): string {
  return text.replace(pattern, (m) => ' '.repeat(m.length));
}

/** How far down the open brackets a closing one looks for its partner; bounds the work on broken text. */
const maxBracketSearch = 64;

/**
 * Outermost balanced `{...}` / `[...]` regions that look like JSON (they hold a quoted key and a colon). One
 * pass with a bracket stack; brackets inside JSON strings do not count, and a string never spans a line.
 */
export function jsonBlocks(text: string): { start: number; end: number }[] {
  const keys = [...text.matchAll(/"[^"\n]+"\s*:/g)].map((m) => m.index);
  const pairs: { start: number; end: number }[] = [];
  const stack: { close: string; at: number }[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') inString = false;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') stack.push({ close: ch === '{' ? '}' : ']', at: i });
    else if (ch === '}' || ch === ']') {
      let k = stack.length - 1;
      while (k >= 0 && k >= stack.length - maxBracketSearch && stack[k].close !== ch) k--;
      if (k < 0 || stack[k].close !== ch) continue;
      pairs.push({ start: stack[k].at, end: i + 1 });
      stack.length = k;
    }
  }
  pairs.sort((a, b) => a.start - b.start || b.end - a.end);
  const blocks: { start: number; end: number }[] = [];
  for (const pair of pairs) {
    const last = blocks[blocks.length - 1];
    if (last && pair.start < last.end) continue;
    if (hasKeyIn(keys, pair.start, pair.end)) blocks.push(pair);
  }
  return blocks;
}

/** Whether a sorted list of key positions has one in [start, end). */
function hasKeyIn(keys: number[], start: number, end: number): boolean {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (keys[mid] < start) low = mid + 1;
    else high = mid;
  }
  return low < keys.length && keys[low] < end;
}

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?:])\s+|\n+/).filter((s) => s.trim() !== '');
}

export function extractInvariants(text: string, options: InvariantOptions = {}): Invariants {
  const codeBlocks = all(text, fencePattern);
  let rest = mask(text, fencePattern);
  const urls = all(rest, urlPattern).map((u) => u.replace(/[.,;:!?]+$/, ''));
  rest = mask(rest, urlPattern);

  const fields = [...new Set(options.fields ?? [])];
  for (const field of fields) rest = rest.split(field).join(' '.repeat(field.length));

  const jsonValues: unknown[] = [];
  const jsonKeys = new Set<string>();
  // Parsed JSON is compared as a whole; of the rest only keys (and numbers) are checked, not its quoted strings.
  const allBlocks = jsonBlocks(rest);
  const parsedBlocks: { start: number; end: number }[] = [];
  for (const block of allBlocks) {
    const source = rest.slice(block.start, block.end);
    for (const m of source.matchAll(/"([^"\n]+)"\s*:/g)) jsonKeys.add(m[1]);
    try {
      jsonValues.push(JSON.parse(source));
      parsedBlocks.push(block);
    } catch {
      // Examples with `...` or placeholders are not JSON; their keys are still checked.
    }
  }
  const withoutJson = blankRanges(rest, allBlocks);
  const withoutParsedJson = blankRanges(rest, parsedBlocks);

  const placeholders = new Set<string>(fields.filter((f) => text.includes(f)));
  for (const pattern of [mustachePattern, dollarPattern, percentNamedPattern]) {
    for (const m of all(rest, pattern)) placeholders.add(m);
    rest = mask(rest, pattern);
  }
  for (const m of all(rest, bracePattern)) {
    if (/^\{\d+\}$/.test(m)) continue;
    placeholders.add(m);
  }
  const positional = [
    ...rest.matchAll(emptyBracePattern),
    ...rest.matchAll(/\{\d+\}/g),
    ...rest.matchAll(percentPattern),
  ]
    .sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
    .map((m) => m[0]);
  rest = mask(mask(mask(rest, bracePattern), emptyBracePattern), percentPattern);

  const quoted = [...intersect(rest, withoutJson).matchAll(quotedPattern)].map((m) => m[0]);
  // List markers ("1. ", "2) ") are structure: a list rewritten as bullets keeps its meaning.
  const numbers = all(intersect(rest, withoutParsedJson).replace(/^([ \t]*)\d+[.)](?=\s)/gm, '$1  '), numberPattern);
  const formats = new Set<string>();
  for (const sentence of sentences(text)) {
    if (!formatDirective.test(sentence)) continue;
    for (const { name, pattern } of formatKeywords) if (pattern.test(sentence)) formats.add(name);
  }
  return {
    placeholders: [...placeholders],
    positional,
    codeBlocks,
    jsonValues,
    jsonKeys: [...jsonKeys],
    urls: [...new Set(urls)],
    numbers: [...new Set(numbers)],
    quoted: [...new Set(quoted)],
    formats: [...formats],
    formatsNamed: formatKeywords.filter((f) => f.pattern.test(text)).map((f) => f.name),
  };
}

/** `text` with the given sorted, disjoint ranges replaced by spaces, built in one pass. */
function blankRanges(text: string, ranges: { start: number; end: number }[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const r of ranges) {
    parts.push(text.slice(at, r.start), ' '.repeat(r.end - r.start));
    at = r.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Blanks in `a` every position blanked in `b` (both are masks of the same text). */
function intersect(a: string, b: string): string {
  // One buffer, not a string grown a character at a time (which buried a long prompt in garbage).
  const out = Buffer.from(a, 'utf16le');
  for (let i = 0; i < a.length; i++) if (b.charCodeAt(i) === 32) out.writeUInt16LE(32, i * 2);
  return out.toString('utf16le');
}

const scripts: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/gu],
  ['Cyrillic', /\p{Script=Cyrillic}/gu],
  ['Greek', /\p{Script=Greek}/gu],
  ['CJK', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu],
  ['Hangul', /\p{Script=Hangul}/gu],
  ['Arabic', /\p{Script=Arabic}/gu],
  ['Hebrew', /\p{Script=Hebrew}/gu],
  ['Devanagari', /\p{Script=Devanagari}/gu],
  ['Thai', /\p{Script=Thai}/gu],
];

/**
 * The script most letters of the prose are written in (placeholders, code and URLs excluded, since they are
 * Latin whatever the language); undefined when there are too few letters to tell.
 */
function dominantScript(text: string): string | undefined {
  const prose = text
    .replace(fencePattern, ' ')
    .replace(urlPattern, ' ')
    .replace(/\{[^{}]*\}|\$\{[^{}]*\}|"[^"\n]*"\s*:/g, ' ');
  let best: string | undefined;
  let bestCount = 0;
  let total = 0;
  for (const [name, pattern] of scripts) {
    const count = prose.match(pattern)?.length ?? 0;
    total += count;
    if (count > bestCount) [best, bestCount] = [name, count];
  }
  return total >= 10 ? best : undefined;
}

function short(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Compares the invariants of `original` with `candidate`; every difference becomes one precise reason. */
export function checkInvariants(original: string, candidate: string, options: InvariantOptions = {}): InvariantCheck {
  const before = extractInvariants(original, options);
  const after = extractInvariants(candidate, options);
  // Sets: a long prompt has tens of thousands of items, and an array lookup for each was quadratic.
  const afterPlaceholders = new Set(after.placeholders);
  const beforePlaceholders = new Set(before.placeholders);
  const afterNumbers = new Set(after.numbers);
  const afterKeys = new Set(after.jsonKeys);
  const afterBlocks = new Set(after.codeBlocks);
  const afterQuoted = new Set(after.quoted);
  const reasons: string[] = [];
  for (const p of before.placeholders) {
    if (!afterPlaceholders.has(p) && !candidate.includes(p)) reasons.push(`placeholder ${p} was dropped`);
  }
  for (const p of after.placeholders) {
    if (!beforePlaceholders.has(p)) reasons.push(`placeholder ${p} was invented`);
  }
  if (before.positional.join(' ') !== after.positional.join(' ')) {
    reasons.push(
      `positional placeholders changed (${before.positional.join(' ') || 'none'} → ${after.positional.join(' ') || 'none'})`,
    );
  }
  before.codeBlocks.forEach((block, i) => {
    if (!afterBlocks.has(block) && !candidate.includes(block))
      reasons.push(`code block ${i + 1} (${short(block, 40)}) was changed or dropped`);
  });
  // Compared as canonical JSON text: whitespace may change, values and key order may not.
  const kept = new Set(after.jsonValues.map((v) => JSON.stringify(v)));
  for (const value of new Set(before.jsonValues.map((v) => JSON.stringify(v)))) {
    if (!kept.has(value)) reasons.push(`the JSON example ${short(value, 50)} was changed or dropped`);
  }
  for (const key of before.jsonKeys) {
    if (!afterKeys.has(key) && !candidate.includes(`"${key}"`)) reasons.push(`the JSON key "${key}" is missing`);
  }
  for (const url of before.urls) if (!candidate.includes(url)) reasons.push(`the URL ${url} is missing`);
  for (const n of before.numbers) if (!afterNumbers.has(n)) reasons.push(`the number ${n} is missing`);
  for (const q of before.quoted)
    if (!afterQuoted.has(q) && !candidate.includes(q)) reasons.push(`the quoted text ${short(q)} is missing`);
  for (const f of before.formats) {
    if (!after.formatsNamed.includes(f)) reasons.push(`the output-format instruction (${f}) was dropped`);
  }
  if (candidate.includes('\uFFFD') && !original.includes('\uFFFD')) {
    reasons.push('the text contains replacement characters (garbled encoding)');
  }
  const [scriptBefore, scriptAfter] = [dominantScript(original), dominantScript(candidate)];
  if (scriptBefore && scriptAfter && scriptBefore !== scriptAfter) {
    reasons.push(`the text changed script (${scriptBefore} → ${scriptAfter}): it was translated, not shortened`);
  }
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}

/** The full acceptance rule for a candidate: invariants kept and strictly shorter than `reference`. */
export function checkCandidate(
  original: string,
  candidate: string,
  options: InvariantOptions & { reference?: string; referenceName?: string } = {},
): InvariantCheck {
  const check = checkInvariants(original, candidate, options);
  const reasons = check.ok ? [] : [...check.reasons];
  const reference = options.reference ?? original;
  if (candidate.trim() === '') reasons.unshift('the compressed text is empty');
  else if (candidate.length >= reference.length) {
    reasons.unshift(
      `compressed text is not shorter than ${options.referenceName ?? 'the original'} (${reference.length} → ${candidate.length} characters)`,
    );
  }
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}
