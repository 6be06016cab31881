import { BodyTooLargeError, limitedFetch } from '../../compression/limitedFetch';
import { priceMapLimits } from './source';

export interface FetchOptions {
  url: string;
  timeoutMs?: number;
  maxBytes?: number;
}

export type FetchResult = { ok: true; text: string } | { ok: false; reason: string };

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

function reasonOf(error: unknown, timeoutMs: number, maxBytes: number): string {
  if (error instanceof BodyTooLargeError) return `the answer is larger than ${Math.round(maxBytes / (1024 * 1024))} MB`;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no complete answer within ${seconds(timeoutMs)}`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why a URL is not fetched: not HTTPS (plain HTTP only to this machine), or carrying a user name or password. */
export function urlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `'${url}' is not a URL`;
  }
  if (parsed.username || parsed.password) return 'a URL with a user name or password is not used';
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:' && loopback.has(parsed.hostname)) return null;
  return `only HTTPS URLs are fetched (plain HTTP only from this machine), not '${parsed.protocol}//${parsed.host}'`;
}

/**
 * GETs the price map over HTTPS, bounded in size and in time (the whole exchange, body included). Never throws:
 * a failure comes back as a reason in words (a refused URL, HTTP status, timeout, size, network error).
 */
export async function fetchPriceMap(options: FetchOptions): Promise<FetchResult> {
  const timeoutMs = options.timeoutMs ?? priceMapLimits.timeoutMs;
  const maxBytes = options.maxBytes ?? priceMapLimits.maxBytes;
  const refused = urlProblem(options.url);
  if (refused) return { ok: false, reason: refused };
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await limitedFetch(maxBytes)(options.url, {
      signal,
      headers: { accept: 'application/json' },
      redirect: 'follow',
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, reason: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}` };
    }
    return { ok: true, text: await response.text() };
  } catch (error) {
    return { ok: false, reason: reasonOf(signal.aborted ? signal.reason : error, timeoutMs, maxBytes) };
  }
}
