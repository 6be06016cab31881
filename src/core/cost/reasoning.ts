import type { CallRecord } from '../analysis/types';
import type { ModelEntry } from '../pricing/types';
import { reasoningEfforts, type CostSettings, type ReasoningEffort } from './settings';

/** The reasoning a call pays for: its effort, the tokens assumed for it, and why. */
export interface ReasoningPlan {
  /** Null when the model does not reason on this call (effort `none`, or thinking off by default). */
  effort: ReasoningEffort | null;
  tokens: number;
  /** `code`: the call sets the effort or a thinking budget; `model`: the model's default when it sets neither. */
  from: 'code' | 'model';
  /**
   * The thinking budget the call sets, when `tokens` is that budget rather than the effort's figure (`effort` is
   * then the level whose figure is nearest, for readers that reason by level).
   */
  budget?: number;
  note: string;
}

/** The effort level whose reasoning-token figure is nearest to a budget (a small budget reads as low). */
function nearestEffort(budget: number, settings: CostSettings): ReasoningEffort {
  let best: ReasoningEffort = 'medium';
  for (const level of reasoningEfforts) {
    if (Math.abs(settings.reasoningTokens[level] - budget) < Math.abs(settings.reasoningTokens[best] - budget)) {
      best = level;
    }
  }
  return best;
}

/**
 * What a reasoning model does when the call names no effort (providers' docs): OpenAI reasoning models think at
 * `medium`, Pro models at `high`, GPT-5.1 and later (not Codex) at `none`; Claude thinks only when the call sets
 * `thinking`; Gemini thinks by default except Flash-Lite (Gemini 3 Pro, 3 Flash and 3.1 Pro at level high);
 * DeepSeek R1, Grok and Magistral always reason.
 */
export function defaultEffort(entry: ModelEntry): { effort: ReasoningEffort | null; why: string } {
  const id = entry.id;
  switch (entry.provider) {
    case 'anthropic':
      return { effort: null, why: `extended thinking is off unless the call sets \`thinking\`` };
    case 'google':
      if (/flash-lite/.test(id)) return { effort: null, why: `${id} does not think unless a thinking budget is set` };
      // Gemini 3 Pro, 3 Flash and 3.1 Pro think at thinking level high unless the call sets one.
      if (/^gemini-3(?:\.1)?-(?:pro|flash)\b/.test(id))
        return { effort: 'high', why: `${id} thinks at level high by default` };
      return { effort: 'medium', why: `${id} thinks by default (dynamic budget)` };
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
 * The reasoning tokens expected on one call of a reasoning model (`capabilities.reasoning`): the effort it sets
 * (`reasoning_effort`, `reasoning.effort`, a Gemini thinking level) sized by the `reasoningTokens` setting; else
 * the thinking budget it sets (Anthropic `thinking.budget_tokens`, Gemini `thinking_budget`), taken as the
 * tokens it spends (the output limit, which counts them, stays the worst case); else the model's default.
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
  const budget = call.thinkingBudget;
  if (budget === 0) return { effort: null, tokens: 0, from: 'code', note: 'thinking budget 0: no reasoning tokens' };
  if (typeof budget === 'number') {
    const note = `thinking budget of ${budget.toLocaleString('en-US')} tokens (in the code)`;
    return { effort: nearestEffort(budget, settings), tokens: budget, from: 'code', budget, note };
  }
  const { effort, why } = defaultEffort(entry);
  // A budget set but not a constant (or Gemini's -1, dynamic) still turns thinking on: the default level sizes it.
  if (budget === null && !effort) {
    const note = `thinking is on with a budget that is not a constant: medium effort assumed`;
    return { effort: 'medium', tokens: settings.reasoningTokens.medium, from: 'code', note };
  }
  if (!effort) return { effort: null, tokens: 0, from: 'model', note: `${why}: no reasoning tokens` };
  return { effort, tokens: settings.reasoningTokens[effort], from: 'model', note: why };
}
