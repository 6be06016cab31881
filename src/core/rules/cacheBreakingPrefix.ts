import type { CallRecord, PromptSegment, TextRange } from '../analysis/types';
import { decodeLiteral, encodeLiteral, isHostLanguage } from '../compression/literal';
import { formatMonthly, monthlySaving, volume } from './money';
import { cacheMinimum, prefixTokens, tokensText } from './prefix';
import type { CallContext, Fix, Rule, RuleResult } from './types';

/**
 * A dynamic part that is the same on every request: a constant imported from elsewhere (`BASE_PROMPT`,
 * `settings.SYSTEM`). Anything else (a variable, `datetime.now()`, a UUID, `json.dumps(...)`) changes per request.
 */
const constantName = /^([\w$]+\.)*[A-Z][A-Z0-9_]*$/;

/** The prompt part that opens the request: the system prompt, else the first message. */
function openingPart(call: CallRecord): { segments: PromptSegment[]; range?: TextRange; where: string } | null {
  if (call.systemPrompt.kind !== 'none') {
    return { segments: call.systemPrompt.segments, range: call.systemPrompt.range, where: 'system prompt' };
  }
  const first = call.messages[0];
  return first ? { segments: first.segments, range: first.range, where: 'first message' } : null;
}

/** The moved text and the rest of a literal's value: the lines holding the first changing field, or its sentence. */
function reorder(value: string, field: string): { value: string; wholeLines: boolean } | null {
  const at = value.indexOf(field);
  if (at < 0) return null;
  const newline = value.includes('\r\n') ? '\r\n' : '\n';
  const lines = value.split(newline);
  let offset = 0;
  let line = 0;
  while (line < lines.length && offset + lines[line].length < at) offset += lines[line++].length + newline.length;
  if (lines.length > 1) {
    const trailingNewline = value.endsWith(newline);
    const moved = lines[line];
    const rest = lines.filter((_, i) => i !== line);
    while (rest.length > 0 && rest[0].trim() === '') rest.shift();
    while (rest.length > 0 && rest[rest.length - 1].trim() === '') rest.pop();
    if (rest.length === 0) return null;
    const end = trailingNewline ? newline : '';
    return { value: `${rest.join(newline)}${newline}${newline}${moved.trim()}${end}`, wholeLines: true };
  }
  // One line: move the sentence that holds the field.
  const before = value.slice(0, at);
  const sentenceStart = Math.max(before.lastIndexOf('. '), before.lastIndexOf('! '), before.lastIndexOf('? '));
  const start = sentenceStart < 0 ? 0 : sentenceStart + 2;
  const end = /[.!?](\s|$)/.exec(value.slice(at + field.length));
  if (!end) return null;
  const stop = at + field.length + end.index + 1;
  const moved = value.slice(start, stop).trim();
  const rest = `${value.slice(0, start)}${value.slice(stop)}`.trim();
  return rest ? { value: `${rest} ${moved}`, wholeLines: false } : null;
}

/** A fix that rewrites the prompt's one literal with its first changing part moved after the static text. */
function moveFix(context: CallContext, range: TextRange, dynamicIndex: number): Fix | null {
  const { text, languageId } = context;
  if (!isHostLanguage(languageId)) return null;
  const decoded = decodeLiteral(text.slice(range.start, range.end), languageId);
  if (!decoded.ok || !decoded.value.style.interpolated) return null;
  const field = decoded.value.fields[dynamicIndex];
  if (!field) return null;
  const moved = reorder(decoded.value.value, field);
  if (!moved) return null;
  const encoded = encodeLiteral(moved.value, decoded.value);
  if (!encoded.ok) return null;
  return {
    title: `Move ${field} after the static text`,
    edits: [{ start: range.start, end: range.end, newText: encoded.value }],
    // Moving whole lines keeps each instruction as written; moving a sentence within a line is offered only.
    safe: moved.wholeLines,
    preferred: true,
  };
}

export const cacheBreakingPrefix: Rule = {
  code: 'cache-breaking-prefix',
  defaultSeverity: 'warning',
  title: 'Content that changes per request comes before static text',
  help: "Prompt caches (Anthropic's cache_control, OpenAI's and Gemini's automatic caching) match the exact prefix of a request. A value that changes on every request (an interpolated variable, datetime.now(), Date.now(), a UUID, unordered JSON) placed before the static text of the system prompt or first message makes every prefix new: the cache is written and never read. Put static text first and the changing parts last; where the prompt is one literal, the fix moves the line that holds the changing part to the end.",
  fixable: 'safe',
  check(context: CallContext): RuleResult | null {
    const { call, entry, cost } = context;
    const minimum = cacheMinimum(entry);
    if (!entry || minimum === null || (entry.caching.kind === 'explicit' && !call.caching.explicit)) return null;
    const part = openingPart(call);
    if (!part) return null;
    const dynamic = part.segments.filter((s) => s.kind === 'dynamic');
    const first = part.segments.findIndex((s) => s.kind === 'dynamic' && !constantName.test(s.expression));
    if (first < 0) return null;
    const changing = part.segments[first] as PromptSegment & { kind: 'dynamic' };
    const after = prefixTokens(part.segments.slice(first + 1), entry, context.count);
    const staticAfter = after.prefix + after.after;
    if (staticAfter < minimum) return null;
    // What the call would cost with the changing part at the end.
    const reordered = [...part.segments.slice(0, first), ...part.segments.slice(first + 1), changing];
    const moved: CallRecord =
      part.where === 'system prompt'
        ? { ...call, systemPrompt: { ...call.systemPrompt, segments: reordered } }
        : { ...call, messages: [{ ...call.messages[0], segments: reordered }, ...call.messages.slice(1)] };
    const saving = monthlySaving(cost, context.estimate(moved));
    const fix = part.range ? moveFix(context, part.range, dynamic.indexOf(changing)) : null;
    const gain =
      saving !== null && saving > 0
        ? `; moving it after them saves ${formatMonthly(saving)}/month at ${volume(cost)}`
        : '';
    return {
      message: `\`${changing.expression}\` changes per request and comes before ${tokensText(staticAfter, after.exact)} tokens of static text in the ${part.where}: the prompt cache never matches that prefix${gain}`,
      range: changing.range ?? part.range,
      fixes: fix ? [fix] : [],
      ...(saving !== null && saving > 0 ? { monthlySavingUsd: saving } : {}),
    };
  },
};
