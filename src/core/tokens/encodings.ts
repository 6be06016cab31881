import { BpeCounter, type RankData } from './bpe';
import type { BpeEncoding } from './family';

/**
 * Rank tables are 1-2 MB of JavaScript and take about half a second to parse: they are required here on first
 * need only, never at activation. The literal `require` paths matter: the bundler maps them to the single copy
 * shipped in dist/ranks/.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a synchronous load on first need, not at import */
const loaders: Record<BpeEncoding, () => RankData> = {
  o200k_base: () => require('js-tiktoken/ranks/o200k_base') as RankData,
  cl100k_base: () => require('js-tiktoken/ranks/cl100k_base') as RankData,
};
/* eslint-enable @typescript-eslint/no-require-imports */

const counters = new Map<BpeEncoding, BpeCounter>();

export function isEncodingLoaded(encoding: BpeEncoding): boolean {
  return counters.has(encoding);
}

/** The counter of an encoding, loading its table synchronously the first time. */
export function bpeCounter(encoding: BpeEncoding): BpeCounter {
  let counter = counters.get(encoding);
  if (!counter) {
    counter = new BpeCounter(loaders[encoding]());
    counters.set(encoding, counter);
  }
  return counter;
}

const loading = new Map<BpeEncoding, Promise<void>>();

/** Loads an encoding after the current turn of the event loop, so a caller can show estimates meanwhile. */
export function loadEncodingSoon(encoding: BpeEncoding): Promise<void> {
  if (counters.has(encoding)) return Promise.resolve();
  let load = loading.get(encoding);
  if (!load) {
    load = new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        try {
          bpeCounter(encoding);
          resolve();
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    }).finally(() => loading.delete(encoding));
    loading.set(encoding, load);
  }
  return load;
}
