import type { ModelEntry } from '../pricing/types';

/** A reasoning model by the price table's flag (not by its name: `azure/gpt-5`, `openai/o3` match too). */
export function isReasoning(entry: ModelEntry | null): boolean {
  return entry?.capabilities.reasoning === true;
}

/** Providers whose reasoning models always reason, counting it against the output limit (Claude reasons only when asked). */
const alwaysReasoning = new Set(['openai', 'google', 'deepseek', 'xai']);

/** A reasoning model that reasons on every call, whatever the request says. */
export function reasonsByDefault(entry: ModelEntry | null): boolean {
  return isReasoning(entry) && alwaysReasoning.has(entry?.provider ?? '');
}
