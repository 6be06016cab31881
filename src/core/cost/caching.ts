import type { CallRecord } from '../analysis/types';
import type { ModelEntry } from '../pricing/types';
import { formatTokens } from './format';

export interface CacheSplit {
  /** Average per call, in tokens: prefix tokens read from the cache, written to it, and the rest of the input. */
  read: number;
  write5m: number;
  write1h: number;
  uncached: number;
  notes: string[];
}

const ttlMinutes = { '5m': 5, '1h': 60 } as const;

/**
 * Splits a call's input between cache reads, cache writes and plain input, averaged over a day's calls: one write
 * per cache lifetime (at most one per call), reads for the other calls. Anthropic caches only with an explicit
 * `cache_control`; the others cache a static prefix automatically. Below the model's minimum nothing is cached.
 */
export function splitForCaching(
  call: CallRecord,
  entry: ModelEntry,
  inputTokens: number,
  prefixTokens: number,
  callsPerDay: number,
): CacheSplit {
  const none = (notes: string[]): CacheSplit => ({ read: 0, write5m: 0, write1h: 0, uncached: inputTokens, notes });
  const caching = entry.caching;
  if (caching.kind === 'none' || callsPerDay <= 0) return none([]);
  if (caching.kind === 'explicit' && !call.caching.explicit) {
    return none([`no cache_control: ${entry.id} caches only marked prefixes, so all input is billed in full`]);
  }
  const minimum = caching.minTokens ?? 1024;
  if (prefixTokens < minimum) {
    return none([
      `static prefix of ${formatTokens(prefixTokens)} tokens is below ${entry.id}'s minimum cacheable prefix of ${formatTokens(minimum)}: no caching`,
    ]);
  }
  const ttl = caching.kind === 'explicit' ? (call.caching.ttl ?? '5m') : '5m';
  // OpenAI caches in 128-token increments.
  const cached = entry.provider === 'openai' ? Math.floor(prefixTokens / 128) * 128 : prefixTokens;
  const writesPerDay = Math.min(callsPerDay, (24 * 60) / ttlMinutes[ttl]);
  const writeShare = writesPerDay / callsPerDay;
  const write = cached * writeShare;
  const read = cached - write;
  const how =
    caching.kind === 'explicit'
      ? `cache_control (${ttl}): ${formatTokens(cached)}-token prefix written once per ${ttl} lifetime (${formatTokens(writesPerDay)} of ${formatTokens(callsPerDay)} calls a day), read by the others`
      : `automatic caching of the ${formatTokens(cached)}-token static prefix: a miss once per 5-minute lifetime (${formatTokens(writesPerDay)} of ${formatTokens(callsPerDay)} calls a day), hits for the others`;
  return {
    read,
    write5m: ttl === '5m' ? write : 0,
    write1h: ttl === '1h' ? write : 0,
    uncached: inputTokens - cached,
    notes: [how],
  };
}
