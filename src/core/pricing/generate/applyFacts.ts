import { differs, modelLabel, type Disagreement } from './disagreements';
import type { DraftModel } from './draft';
import type { ProviderFact } from './providerFacts';
import { formatRate, formatTokens } from '../../cost/format';
import type { PriceKind, SourceInfo } from '../types';

/** What a fact replaced, in the review file's words. */
function said(label: string, value: number | null | undefined, format: (n: number) => string): string {
  return `${label}: ${value === null || value === undefined ? 'none' : format(value)}`;
}

function replacePrices(
  draft: DraftModel,
  fact: ProviderFact,
  prices: NonNullable<ProviderFact['prices']>,
  disagreements: Disagreement[],
): void {
  for (const [kind, usd] of Object.entries(prices) as [PriceKind, number][]) {
    const old = draft.prices[kind];
    if (old && !differs(old.usd, usd)) continue;
    disagreements.push({
      model: modelLabel(draft),
      field: kind,
      said: [said(old?.src ?? 'sources', old?.usd, formatRate), `${fact.source.name}: ${formatRate(usd)}`],
      chosen: formatRate(usd),
      rule: 'providerFact',
    });
  }
  draft.prices = Object.fromEntries(
    Object.entries(prices).map(([kind, usd]) => [kind, { usd, src: fact.key, since: fact.effective }]),
  );
  draft.tiers = [];
}

/**
 * Applies the provider facts to the drafts when every source the drafts came from is older than the fact's
 * check date. Returns the source entries of the facts used.
 */
export function applyProviderFacts(
  drafts: DraftModel[],
  facts: readonly ProviderFact[],
  newestSourceDate: string,
  disagreements: Disagreement[],
): Record<string, SourceInfo> {
  const used: Record<string, SourceInfo> = {};
  for (const fact of facts) {
    if (newestSourceDate > fact.checked) continue;
    for (const id of fact.models) {
      const draft = drafts.find((d) => d.id === id && d.provider === fact.provider);
      if (!draft) continue;
      used[fact.key] = { ...fact.source, date: fact.checked };
      if (fact.prices) replacePrices(draft, fact, fact.prices, disagreements);
      for (const field of ['contextWindow', 'maxOutputTokens'] as const) {
        const value = fact[field];
        if (value === undefined) continue;
        if (draft[field] === null || differs(draft[field], value)) {
          disagreements.push({
            model: id,
            field,
            said: [said('sources', draft[field], formatTokens), `${fact.source.name}: ${formatTokens(value)}`],
            chosen: formatTokens(value),
            rule: 'providerFact',
          });
        }
        draft[field] = value;
      }
    }
  }
  return used;
}
