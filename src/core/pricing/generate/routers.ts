import type { DraftModel } from './draft';
import { pricesAgree } from './merge';
import { parseModelName } from '../names';
import { resolveModel } from '../resolve';

/**
 * A router's copy of a maker's model at the maker's own price (OpenRouter's `openai/gpt-4o`) adds nothing: the
 * name reaches the maker's entry, with its caching, batch and limits. Copies at another price stay (OpenRouter
 * serves DeepSeek's open models below DeepSeek's own price). Returns the drafts to keep.
 */
export function withoutPassThroughCopies(drafts: DraftModel[]): DraftModel[] {
  const byProvider = new Map<string, DraftModel[]>();
  for (const draft of drafts) byProvider.set(draft.provider, [...(byProvider.get(draft.provider) ?? []), draft]);
  return drafts.filter((draft) => {
    if (draft.provider !== 'openrouter') return true;
    const maker = parseModelName(draft.id).maker;
    const own = maker ? byProvider.get(maker) : undefined;
    if (!maker || !own) return true;
    const resolved = resolveModel(
      `${maker}/${parseModelName(draft.id).bare}`,
      { models: own },
      { noSuggestions: true },
    );
    if (resolved.unknown || resolved.entry.mode !== draft.mode) return true;
    return !pricesAgree(resolved.entry, {
      prices: { input: draft.prices.input?.usd, output: draft.prices.output?.usd },
    });
  });
}
