import type { PriceKind, Provider, SourceInfo } from '../types';

/**
 * Figures read from a provider's own page where both public sources are stale. Each fact carries the date its
 * figures took effect and the date it was checked: a source snapshot newer than the check wins over the fact
 * (it may know of a later change), an older one loses. A fact replaces the model's whole price set (prices
 * derived from a stale base would be stale too) and the limits it names.
 *
 * Reviewed by hand: every fact here is listed in `data/disagreements.md` with the figures it replaced.
 */
export interface ProviderFact {
  /** The source key its prices carry. */
  key: string;
  source: Omit<SourceInfo, 'date'>;
  provider: Provider;
  /** Table ids the fact applies to. */
  models: readonly string[];
  /** The date the figures took effect (shown as "in force since"). */
  effective: string;
  /** The date the figures were checked; sources whose snapshot is newer win. */
  checked: string;
  /** USD per 1M tokens. */
  prices?: Partial<Record<PriceKind, number>> & { input: number; output: number };
  contextWindow?: number;
  maxOutputTokens?: number;
}

export const providerFacts: readonly ProviderFact[] = [
  {
    key: 'deepseekPricing',
    source: {
      name: 'DeepSeek pricing page',
      url: 'https://api-docs.deepseek.com/quick_start/pricing',
      note: 'DeepSeek-V3.2 prices (deepseek-chat and deepseek-reasoner serve it) from 2025-09-05 (off-peak discounts ended): $0.28 input (cache miss), $0.028 cache hit, $0.42 output per 1M; 128K context. genai-prices 47df840a still lists the V3/R1 prices; LiteLLM 8442b939 has these figures.',
    },
    provider: 'deepseek',
    models: ['deepseek-chat', 'deepseek-reasoner', 'deepseek-v3.2'],
    effective: '2025-09-05',
    checked: '2026-11-30',
    prices: { input: 0.28, output: 0.42, cacheRead: 0.028 },
    contextWindow: 131_072,
  },
  {
    key: 'openaiModels',
    source: {
      name: 'OpenAI model page',
      url: 'https://platform.openai.com/docs/models/o1',
      note: "o1: 200,000-token context window, 100,000 max output tokens (genai-prices 47df840a gives o1-preview's 128,000; LiteLLM 8442b939 agrees with OpenAI)",
    },
    provider: 'openai',
    models: ['o1'],
    effective: '2024-12-17',
    checked: '2026-11-30',
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
  },
];
