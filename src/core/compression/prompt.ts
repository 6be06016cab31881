import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { compressorDefaults } from './defaults';

/** The fixed role of the compression model; the user-editable part is the instruction template. */
export const systemMessage =
  'You shorten prompts for language models. Reply with the shortened prompt only: no preface, no quotes, ' +
  'no code fence around it, no explanation.';

/**
 * Slots: `{text}` (the prompt, required) and `{ratio}` (the target length as a percentage, e.g. "50%").
 * The rules name exactly what invariants.ts checks, so a compliant answer is also an accepted one.
 */
export const defaultInstructionTemplate = `Rewrite the prompt between the <prompt> tags to about {ratio} of its length without changing what it asks for.
Keep exactly, character for character:
- placeholders and template fields such as {name}, {{name}}, \${expr}, %s, %(name)s
- code blocks, JSON examples and their keys, numbers, URLs and text in quotes
- every instruction about the output format, and the last instruction
Remove filler, politeness and repetition. Keep the language of the prompt. Do not add anything.

<prompt>
{text}
</prompt>`;

export const defaultTargetRatio = compressorDefaults.targetRatio;

/** Returns why a user template cannot be used, or undefined when it can. */
export function validateTemplate(template: string): string | undefined {
  if (!template.includes('{text}')) return 'The instruction template must contain the {text} slot.';
  if (template.split('{text}').length > 2) return 'The instruction template must contain {text} only once.';
  return undefined;
}

/** Fills the slots in one pass, so a `{ratio}` inside the prompt itself is left alone. */
export function fillTemplate(template: string, text: string, ratio: number): string {
  const percent = `${Math.round(Math.min(Math.max(ratio, 0.05), 1) * 100)}%`;
  return template.replace(/\{(text|ratio)\}/g, (_m, slot: string) => (slot === 'text' ? text : percent));
}

/**
 * An upper bound on the answer: a compressed prompt is shorter than the input, so the input's size (counted
 * generously at 3 characters a token) plus a margin is enough, and it caps what a runaway answer can cost.
 */
export function maxTokensFor(text: string): number {
  return Math.min(Math.ceil(text.length / 3) + 64, maxOutputTokens);
}

/** Below the output limit of the cheap models this is meant for; a larger bound is a 400 on some of them. */
export const maxOutputTokens = 16_384;

export interface RequestSettings {
  model: string;
  targetRatio: number;
  template?: string;
}

export function buildRequest(text: string, settings: RequestSettings): ChatCompletionCreateParamsNonStreaming {
  return {
    model: settings.model,
    temperature: 0,
    max_tokens: maxTokensFor(text),
    messages: [
      { role: 'system', content: systemMessage },
      {
        role: 'user',
        content: fillTemplate(settings.template ?? defaultInstructionTemplate, text, settings.targetRatio),
      },
    ],
  };
}
