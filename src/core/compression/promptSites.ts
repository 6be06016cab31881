import type { CallRecord, PromptSegment, TextRange } from '../analysis/types';

/** Below this many characters of static text a prompt is not worth a compression call. */
export const longPromptChars = 400;

export interface PromptSite {
  /** Where the prompt is written: the system prompt's literal, or the call's messages argument. */
  range: TextRange;
  /** Characters of static text in it. */
  staticChars: number;
  call: CallRecord;
}

function staticChars(segments: readonly PromptSegment[]): number {
  return segments.reduce((sum, s) => sum + (s.kind === 'static' ? s.text.length : 0), 0);
}

function contains(range: TextRange | undefined, offset: number): range is TextRange {
  return range !== undefined && range.start <= offset && offset <= range.end;
}

/**
 * The long prompt written at `offset`, if any: a call's system prompt (where its literal is written, perhaps a
 * constant) or its static messages. The compress code action is offered there.
 */
export function longPromptAt(
  calls: readonly CallRecord[],
  offset: number,
  minChars = longPromptChars,
): PromptSite | undefined {
  for (const call of calls) {
    const system = call.systemPrompt.range ?? call.argumentRanges.system;
    const systemChars = staticChars(call.systemPrompt.segments);
    if (contains(system, offset) && systemChars >= minChars) return { range: system, staticChars: systemChars, call };
    const messageChars = call.messages.reduce((sum, m) => sum + staticChars(m.segments), 0);
    if (contains(call.argumentRanges.messages, offset) && messageChars >= minChars) {
      return { range: call.argumentRanges.messages, staticChars: messageChars, call };
    }
  }
  return undefined;
}
