import type { CallRecord } from '../analysis/types';
import type { ModelEntry } from '../pricing/types';
import { reasoningEfforts, type CostSettings, type ReasoningEffort } from './settings';

/** The reasoning a call pays for: its effort, the tokens assumed for it, and why. */
export interface ReasoningPlan {
  /** Null when the model does not reason on this call (effort `none`, or thinking off by default). */
  effort: ReasoningEffort | null;
  tokens: number;
  /** `code`: the call sets the effort; `model`: the model's default when the call sets none. */
  from: 'code' | 'model';
  note: string;
}

/**
 * What a reasoning model does when the call names no effort (providers' docs): OpenAI reasoning models think at
 * `medium`, Pro models at `high`, GPT-5.1 and later (not Codex) at `none`; Claude thinks only when the call sets
 * `thinking`; Gemini thinks by default except Flash-Lite; DeepSeek R1, Grok and Magistral always reason.
 */
export function defaultEffort(entry: ModelEntry): { effort: ReasoningEffort | null; why: string } {
  const id = entry.id;
  switch (entry.provider) {
    case 'anthropic':
      return { effort: null, why: `extended thinking is off unless the call sets \`thinking\`` };
    case 'google':
      return /flash-lite/.test(id)
        ? { effort: null, why: `${id} does not think unless a thinking budget is set` }
        : { effort: 'medium', why: `${id} thinks by default (dynamic budget)` };
    case 'openai':
      if (/-pro\b|-pro-/.test(id)) return { effort: 'high', why: `${id} reasons at high effort` };
      if (/^gpt-5\.\d/.test(id) && !/codex/.test(id)) {
        return { effort: null, why: `${id} defaults to reasoning effort none` };
      }
      return { effort: 'medium', why: `${id} defaults to reasoning effort medium` };
    default:
      return { effort: 'medium', why: `${id} reasons on every call` };
  }
}

/**
 * The reasoning tokens expected on one call of a reasoning model (`capabilities.reasoning`), from the effort it
 * sets (`reasoning_effort`, `reasoning.effort`) or the model's default, sized by the `reasoningTokens` setting.
 * Null for models that do not reason.
 */
export function planReasoning(call: CallRecord, entry: ModelEntry, settings: CostSettings): ReasoningPlan | null {
  if (entry.capabilities.reasoning !== true || entry.mode !== 'chat') return null;
  const written = call.reasoningEffort?.trim().toLowerCase();
  if (written) {
    if (written === 'none')
      return { effort: null, tokens: 0, from: 'code', note: 'reasoning effort none: no reasoning tokens' };
    const known = (reasoningEfforts as readonly string[]).includes(written);
    const effort = known ? (written as ReasoningEffort) : 'medium';
    const how = known ? `reasoning effort ${effort} (in the code)` : `reasoning effort '${written}' read as medium`;
    return { effort, tokens: settings.reasoningTokens[effort], from: 'code', note: how };
  }
  const { effort, why } = defaultEffort(entry);
  if (!effort) return { effort: null, tokens: 0, from: 'model', note: `${why}: no reasoning tokens` };
  return { effort, tokens: settings.reasoningTokens[effort], from: 'model', note: why };
}
