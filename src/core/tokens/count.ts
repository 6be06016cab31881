import { bpeCounter, isEncodingLoaded, loadEncodingSoon } from './encodings';
import { charsPerToken, isBpeEncoding, tokenizerFamilyFor, type BpeEncoding, type TokenizerFamily } from './family';
import { Lru } from './lru';

export interface TokenCount {
  tokens: number;
  /** False for estimates (Claude, Gemini, other providers, or an OpenAI table not loaded yet): show them with ≈. */
  exact: boolean;
  family: TokenizerFamily;
}

export interface CountOptions {
  /**
   * What to do when the model's BPE table is not loaded yet: `load` it now (CLI, tests), return an estimate at
   * once and load it in the background, or return an estimate and only note the table as wanted (`defer`: the
   * editor loads it with `loadWantedEncodings` once the first figures are on screen, because loading a table
   * holds the thread for half a second or more).
   */
  whenNotLoaded?: 'load' | 'estimate' | 'defer';
  /** Counts kept from earlier runs (`scan --cache`): a hit needs no rank table at all. */
  store?: TokenCountStore;
}

/**
 * Exact BPE counts kept across runs. A count is a pure function of the encoding (a fixed, published vocabulary)
 * and the text, so a store keyed by both never goes stale. The store decides how to key the text (a hash).
 */
export interface TokenCountStore {
  get(encoding: BpeEncoding, text: string): number | undefined;
  set(encoding: BpeEncoding, text: string, tokens: number): void;
}

/** Tables asked for with `defer` and not loaded yet. */
const wanted = new Set<BpeEncoding>();

/** Whether a count asked for a table with `defer` that is not loaded yet. */
export function encodingsWanted(): boolean {
  return wanted.size > 0;
}

/**
 * Loads the tables counts asked for with `defer` (one after the other, each after the current turn of the event
 * loop); resolves with how many were loaded, 0 when none was wanted.
 */
export async function loadWantedEncodings(): Promise<number> {
  let loaded = 0;
  for (const family of [...wanted]) {
    wanted.delete(family);
    if (isEncodingLoaded(family)) continue;
    await loadEncodingSoon(family);
    loaded++;
  }
  return loaded;
}

// At most 2,000 texts and 16M characters of keys (about 32 MB).
const memo = new Lru<number>(2000, 16_000_000);

/** Memoised by content: the same prompt is counted again on every keystroke and hover. */
export function countTokensForFamily(text: string, family: TokenizerFamily, options: CountOptions = {}): TokenCount {
  if (text.length === 0) return { tokens: 0, exact: isBpeEncoding(family), family };
  if (!isBpeEncoding(family)) {
    return { tokens: Math.ceil(text.length / charsPerToken[family]), exact: false, family };
  }
  const key = `${family}\u0000${text}`;
  const stored = options.store?.get(family, text);
  if (stored !== undefined) return { tokens: stored, exact: true, family };
  const known = memo.get(key);
  if (known !== undefined) {
    options.store?.set(family, text, known);
    return { tokens: known, exact: true, family };
  }
  if ((options.whenNotLoaded === 'estimate' || options.whenNotLoaded === 'defer') && !isEncodingLoaded(family)) {
    if (options.whenNotLoaded === 'estimate') loadEncodingSoon(family).catch(() => undefined);
    else wanted.add(family);
    return { tokens: Math.ceil(text.length / charsPerToken.generic), exact: false, family };
  }
  const tokens = bpeCounter(family).count(text);
  memo.set(key, tokens);
  options.store?.set(family, text, tokens);
  return { tokens, exact: true, family };
}

/** Tokens of `text` as `model` counts them: exact for OpenAI models, an estimate otherwise. */
export function countTokens(text: string, model: string, options: CountOptions = {}): TokenCount {
  return countTokensForFamily(text, tokenizerFamilyFor(model), options);
}

/**
 * Tokens the chat format adds around the messages: OpenAI documents 3 per message plus 3 priming the reply.
 * Other providers do not document theirs; the same figure is used as an estimate.
 */
export function chatOverheadTokens(messageCount: number): number {
  return messageCount > 0 ? messageCount * 3 + 3 : 0;
}
