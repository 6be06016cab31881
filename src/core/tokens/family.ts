/**
 * Which tokenizer counts a model's tokens. OpenAI models have exact offline BPE tables; Claude and Gemini do not,
 * so their counts are estimates from the providers' published character ratios.
 */
export type TokenizerFamily = 'o200k_base' | 'cl100k_base' | 'claude' | 'claude-4.7' | 'gemini' | 'generic';

export type BpeEncoding = 'o200k_base' | 'cl100k_base';

export const tokenizerFamilies: readonly TokenizerFamily[] = [
  'o200k_base',
  'cl100k_base',
  'claude',
  'claude-4.7',
  'gemini',
  'generic',
];

export function isBpeEncoding(family: TokenizerFamily): family is BpeEncoding {
  return family === 'o200k_base' || family === 'cl100k_base';
}

/**
 * Characters per token for the estimated families. Anthropic: 1M tokens ≈ 3.4M characters with the tokenizer
 * before Claude 4.7, ≈ 2.5M with the newer one (about 30% more tokens). Gemini docs: about 4 characters.
 * Other providers publish nothing usable offline; 4 is the common rule of thumb.
 */
export const charsPerToken: Record<Exclude<TokenizerFamily, BpeEncoding>, number> = {
  claude: 3.4,
  'claude-4.7': 2.5,
  gemini: 4,
  generic: 4,
};

/** tiktoken's own model → encoding mapping, by name pattern, after provider prefixes are removed. */
function openAiEncoding(name: string): BpeEncoding | null {
  if (
    /^(gpt-4o|gpt-4\.1|gpt-4-1(?!\d)|gpt-4\.5|gpt-4-5(?!\d)|gpt-5|gpt-oss|gpt-chat|chatgpt-4o|o1|o3|o4|codex-)/.test(
      name,
    )
  )
    return 'o200k_base';
  if (/^(gpt-4|gpt-3\.5|gpt-35|text-embedding-3|text-embedding-ada)/.test(name)) return 'cl100k_base';
  return null;
}

/** Claude 4.7 and later (Opus 4.7, 4.8, the 5 family) use the newer tokenizer. */
function isNewClaudeTokenizer(name: string): boolean {
  const match = /claude-(?:(?:opus|sonnet|haiku|fable|mythos)-)?(\d+)(?:[.-](\d)(?!\d))?/.exec(name);
  if (!match) return false;
  const major = Number(match[1]);
  const minor = match[2] === undefined ? 0 : Number(match[2]);
  return major > 4 || (major === 4 && minor >= 7);
}

/** The tokenizer family for a model name (with or without a provider prefix). */
export function tokenizerFamilyFor(model: string): TokenizerFamily {
  const name = model.toLowerCase().split('/').pop() ?? '';
  const openAi = openAiEncoding(name);
  if (openAi) return openAi;
  if (name.includes('claude')) return isNewClaudeTokenizer(name) ? 'claude-4.7' : 'claude';
  if (name.includes('gemini') || name.includes('gemma')) return 'gemini';
  return 'generic';
}
