import type { CallRecord } from '../analysis/types';
import type { TaskKind } from './settings';

/**
 * What a prompt asks for, from its static text and what the call asks of the answer. The signal met first in the
 * text wins: the instruction comes before its examples ("Generate a short title… e.g. 'debug my python code' →
 * Python Debugging" is not a code task). At the same place the order decides: a prompt that classifies into JSON
 * is a classification, one that extracts into JSON an extraction.
 */
const signals: [TaskKind, RegExp][] = [
  [
    'classification',
    /\b(classif(y|ies|ication)|categori[sz]e|(pick|choose|select|assign|return) (a|one|the) (category|label)|label (it|this|the)|sentiment|yes or no|yes\/no|true or false|one of the following|which (one|category|label)|answer (only )?with (one|a single|yes|no)|respond with (only|one|a single)|reply with (only|one|a single)|one word|(detect|identify|determine|recogni[sz]e) (the )?([\w']+ )?intent|is (this|it) (spam|toxic|safe))\b/i,
  ],
  [
    'extraction',
    /\b(extract|pull out|parse|named entities|entities|fields? from|structured data|fill in the (json|schema)|return (a |the )?json|as json)\b/i,
  ],
  [
    'summary',
    /\b(summari[sz](e|es|ed|ing)|summary|(short|chat|concise|brief) title|tl;?dr|condense|key points|brief overview|abstract of|recap)\b/i,
  ],
  [
    'code',
    /\b(write (the |a )?code|source code|function that|implement|refactor|code review|unit tests?|sql quer(y|ies)|regex|typescript|javascript|python code|fix (the|this) bug|program)\b/i,
  ],
];

/** The static text a call sends (system prompt first). */
export function promptText(call: CallRecord): string {
  const segments = [...call.systemPrompt.segments, ...call.messages.flatMap((m) => m.segments)];
  return segments.map((s) => (s.kind === 'static' ? s.text : ' ')).join(' ');
}

/** A word just before a signal that takes it back: "avoid yes/no questions", "do not summarise". */
const negation = /\b(avoid(ing)?|not|never|no|without|don't|do not|instead of)\s+(\w+\s+){0,2}$/i;

/**
 * An open-ended request earlier in the sentence makes a simple task's words part of what is asked for, not the
 * task itself: "generate a prompt for a sub-agent to extract the figures" is writing, not extraction.
 */
const openEnded = /\b(generate|write|draft|compose|create|produce|brainstorm)\b[^.!?\n]*$/i;
const simple = new Set<TaskKind>(['classification', 'extraction']);

/** Where the first signal of `kind` is in `text` that is not taken back by the words before it; -1 if none. */
function firstSignal(kind: TaskKind, pattern: RegExp, text: string): number {
  const all = new RegExp(pattern.source, 'gi');
  for (let match = all.exec(text); match; match = all.exec(text)) {
    const before = text.slice(Math.max(0, match.index - 300), match.index);
    if (negation.test(before) || (simple.has(kind) && openEnded.test(before))) continue;
    return match.index;
  }
  return -1;
}

/** The kind of task the prompt's words or the answer's shape say (an enum is a classification); null if neither. */
export function statedTask(call: CallRecord): TaskKind | null {
  if (call.features.enumOutput) return 'classification';
  const text = promptText(call);
  let first: { kind: TaskKind; at: number } | null = null;
  for (const [kind, pattern] of signals) {
    const at = firstSignal(kind, pattern, text);
    if (at >= 0 && (first === null || at < first.at)) first = { kind, at };
  }
  return first?.kind ?? null;
}

/**
 * The kind of task, for sizing an output limit: as the prompt states it, else general. A schema alone says
 * nothing of the answer's size (a spreadsheet as CSV, a rewritten file), and a limit too small breaks the answer
 * where one too large only costs a worst case. A classification answered in a schema other than an enum is sized
 * as an extraction: the schema may hold more than the label (reasons, lists).
 */
export function taskKind(call: CallRecord): TaskKind {
  const stated = statedTask(call);
  const { structuredOutput, enumOutput } = call.features;
  if (stated === 'classification' && structuredOutput && !enumOutput) return 'extraction';
  return stated ?? 'general';
}

/** `a classification task`, `an extraction task`. */
export function aTask(kind: TaskKind): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} task`;
}
