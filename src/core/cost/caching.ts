import type { CallRecord } from '../analysis/types';
import type { ModelEntry } from '../pricing/types';
import { formatTokens } from './format';

export interface CacheSplit {
  /** Average per call, in tokens: prefix tokens read from the cache, written to it, and the rest of the input. */
  read: number;
  write5m: number;
  write1h: number;
  uncached: number;
  /** The share of calls that find no live cache entry and write the prefix (0 when nothing is cached). */
  writeShare: number;
  notes: string[];
}

const ttlMinutes = { '5m': 5, '1h': 60 } as const;
const minutesPerDay = 24 * 60;

/**
 * The share of calls that write the cache. Calls arrive as a Poisson process at `callsPerDay` spread over the
 * day; a cache entry lives `ttl` minutes after its last use, and every hit refreshes it (Anthropic and OpenAI
 * both do). A call writes exactly when the gap since the previous call exceeds the lifetime, and for Poisson
 * arrivals at rate λ that gap exceeds τ with probability e^(−λτ). So: share of calls that write = e^(−rate × TTL),
 * with rate in calls per minute. 10 calls a day with a 5-minute cache: e^(−0.035) ≈ 96.6% write; 1,000 a day:
 * e^(−3.47) ≈ 3.1%; 100,000 a day: practically none.
 */
export function cacheWriteShare(callsPerDay: number, ttl: keyof typeof ttlMinutes): number {
  if (callsPerDay <= 0) return 1;
  return Math.exp(-(callsPerDay / minutesPerDay) * ttlMinutes[ttl]);
}

const percent = (share: number): string => {
  const value = share * 100;
  if (value >= 99.95) return '100%';
  if (value < 0.05) return value === 0 ? '0%' : '<0.1%';
  return `${value.toFixed(1)}%`;
};

/**
 * Splits a call's input between cache reads, cache writes and plain input, as the average over a day's calls
 * (see `cacheWriteShare`). Anthropic caches only with an explicit `cache_control`; the others cache a static
 * prefix automatically (a "write" there is a miss at the input price). Below the model's minimum nothing is cached.
 */
export function splitForCaching(
  call: CallRecord,
  entry: ModelEntry,
  inputTokens: number,
  prefixTokens: number,
  callsPerDay: number,
): CacheSplit {
  const none = (notes: string[]): CacheSplit => ({
    read: 0,
    write5m: 0,
    write1h: 0,
    uncached: inputTokens,
    writeShare: 0,
    notes,
  });
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
  const writeShare = cacheWriteShare(callsPerDay, ttl);
  const write = cached * writeShare;
  const read = cached - write;
  const rate = (callsPerDay / minutesPerDay) * ttlMinutes[ttl];
  const traffic = `at ${formatTokens(callsPerDay)} calls a day ${percent(writeShare)} of calls find no live cache and write it (e^(−calls per minute × ${ttlMinutes[ttl]} min) = e^(−${rate.toPrecision(3)}); each hit refreshes the lifetime), the others read it`;
  const how =
    caching.kind === 'explicit'
      ? `cache_control (${ttl}): ${formatTokens(cached)}-token prefix; ${traffic}`
      : `automatic caching of the ${formatTokens(cached)}-token static prefix (5-minute lifetime): ${traffic.replace('write it', 'miss')}`;
  return {
    read,
    write5m: ttl === '5m' ? write : 0,
    write1h: ttl === '1h' ? write : 0,
    uncached: inputTokens - cached,
    writeShare,
    notes: [how],
  };
}
