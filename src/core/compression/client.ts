import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { BodyTooLargeError, limitedFetch } from './limitedFetch';

/**
 * The one model call of the compressor, through the real `openai` SDK against any OpenAI-compatible server.
 * The SDK's own retries are off: 429 is retried here, honouring `retry-after` within a cap, and every failure
 * becomes a CompressionError whose message a user can act on. The API key never enters a message.
 */

export type CompressionErrorKind =
  | 'no-key'
  | 'unauthorized'
  | 'forbidden'
  | 'model-not-found'
  | 'rate-limited'
  | 'server-error'
  | 'bad-request'
  | 'timeout'
  | 'network'
  | 'malformed-response'
  | 'too-large'
  | 'key-in-answer'
  | 'empty-response'
  | 'truncated'
  | 'cancelled'
  | 'invalid-settings';

export class CompressionError extends Error {
  override readonly name = 'CompressionError';
  constructor(
    readonly kind: CompressionErrorKind,
    message: string,
    /** HTTP status when the server answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface ClientSettings {
  apiKey: string | undefined;
  /** Any OpenAI-compatible endpoint, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1. */
  baseURL: string;
  /** For the whole call: every try and every wait between tries. */
  timeoutMs: number;
  /** Tries in all when the server answers 429 (the first call included). */
  maxAttempts?: number;
  /** A longer `retry-after` than this gives up at once instead of waiting. */
  maxRetryWaitMs?: number;
  signal?: AbortSignal;
  /** Told before each wait, e.g. to update a progress notification. */
  onRetry?: (info: { attempt: number; waitMs: number }) => void;
}

export interface ModelReply {
  text: string;
  model: string;
  usage?: { promptTokens: number; completionTokens: number };
  attempts: number;
}

export const defaultMaxAttempts = 3;
export const defaultMaxRetryWaitMs = 30_000;
/** An answer body larger than this is refused while it streams in (a compressed prompt is far smaller). */
export const maxAnswerBytes = 4 * 1024 * 1024;
/** The longest delay a Node timer can hold (a longer one fires at once). */
export const maxTimeoutMs = 2 ** 31 - 1;

export async function callModel(
  request: ChatCompletionCreateParamsNonStreaming,
  settings: ClientSettings,
): Promise<ModelReply> {
  const baseURL = validateBaseURL(settings.baseURL);
  const apiKey = validateKey(settings.apiKey);
  if (!(settings.timeoutMs > 0) || !Number.isFinite(settings.timeoutMs)) {
    throw new CompressionError('invalid-settings', `The compressor timeout must be a positive number of seconds.`);
  }
  if (settings.timeoutMs > maxTimeoutMs) {
    throw new CompressionError(
      'invalid-settings',
      `The compressor timeout must be at most ${Math.floor(maxTimeoutMs / 1000)} seconds.`,
    );
  }
  const deadline = Date.now() + settings.timeoutMs;
  const client = new OpenAI({
    apiKey,
    baseURL,
    // The SDK rejects a timeout that is not a whole number of milliseconds.
    timeout: Math.max(1, Math.round(settings.timeoutMs)),
    maxRetries: 0,
    fetch: limitedFetch(maxAnswerBytes),
    // Without these the SDK would add OPENAI_ORG_ID / OPENAI_PROJECT_ID from the environment to a request that
    // may go to a third-party endpoint.
    organization: null,
    project: null,
    // The SDK's debug log prints request details; keep it silent whatever OPENAI_LOG says.
    logLevel: 'off',
  });
  const maxAttempts = Math.max(1, settings.maxAttempts ?? defaultMaxAttempts);
  const maxWait = settings.maxRetryWaitMs ?? defaultMaxRetryWaitMs;
  for (let attempt = 1; ; attempt++) {
    throwIfCancelled(settings.signal);
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0) throw timedOut(baseURL, settings.timeoutMs);
    try {
      const completion = await createWithDeadline(client, request, remainingMs, settings.signal);
      return { ...readCompletion(completion, request.model, apiKey), attempts: attempt };
    } catch (error) {
      if (!(error instanceof OpenAI.RateLimitError)) {
        throw toCompressionError(error, request.model, baseURL, apiKey, settings);
      }
      if (error.code === 'insufficient_quota' || error.type === 'insufficient_quota') {
        // OpenAI's 429 for an account without credit: waiting does not help.
        throw new CompressionError(
          'rate-limited',
          `The account behind the API key has no quota left at ${hostOf(baseURL)} (429 insufficient_quota). Check its plan and billing.`,
          429,
        );
      }
      const waitMs = retryAfterMs(error.headers) ?? 1000 * 2 ** (attempt - 1);
      if (attempt >= maxAttempts) {
        throw new CompressionError(
          'rate-limited',
          `${hostOf(baseURL)} is rate limiting requests (429) and still was after ${attempt} tries. Try again later.`,
          429,
        );
      }
      if (waitMs > maxWait) {
        throw new CompressionError(
          'rate-limited',
          `${hostOf(baseURL)} is rate limiting requests (429) and asks to wait ${Math.ceil(waitMs / 1000)} s, more than the ${Math.round(maxWait / 1000)} s this command waits. Try again later.`,
          429,
        );
      }
      if (waitMs >= deadline - Date.now()) {
        throw new CompressionError(
          'timeout',
          `${hostOf(baseURL)} is rate limiting requests (429) and asks to wait ${Math.ceil(waitMs / 1000)} s, longer than the ${seconds(settings.timeoutMs)} s timeout allows. Try again later or allow more time.`,
          429,
        );
      }
      settings.onRetry?.({ attempt, waitMs });
      await sleep(waitMs, settings.signal);
    }
  }
}

/**
 * The SDK's timeout stops at the response headers; a server that sends headers and then stalls is caught by
 * this deadline over the whole try.
 */
async function createWithDeadline(
  client: OpenAI,
  request: ChatCompletionCreateParamsNonStreaming,
  remainingMs: number,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, remainingMs);
  const forward = (): void => controller.abort();
  signal?.addEventListener('abort', forward, { once: true });
  try {
    return await client.chat.completions.create(request, {
      signal: controller.signal,
      timeout: Math.max(1, Math.round(remainingMs)),
    });
  } catch (error) {
    if (timedOut && !signal?.aborted) throw new OpenAI.APIConnectionTimeoutError();
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tokenCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** A served model name fit to show: a string, not absurdly long; the requested name otherwise. */
function servedModel(value: unknown, requested: string): string {
  if (typeof value !== 'string' || value.trim() === '') return requested;
  return value.length > 200 ? `${value.slice(0, 199)}…` : value;
}

/** Reads the answer without trusting its shape: every field is checked before use. */
function readCompletion(completion: unknown, model: string, apiKey: string): Omit<ModelReply, 'attempts'> {
  if (!isRecord(completion) || !Array.isArray(completion.choices)) {
    throw new CompressionError(
      'malformed-response',
      `The server's answer is not a chat completion (model '${model}').${errorInBody(completion, apiKey)}`,
    );
  }
  const choice: unknown = completion.choices[0];
  if (choice === undefined) {
    throw new CompressionError('empty-response', `The model '${model}' returned an empty answer.`);
  }
  const message = isRecord(choice) ? choice.message : undefined;
  if (!isRecord(message) || !isRecord(choice)) {
    throw new CompressionError('malformed-response', `The answer of the model '${model}' has no message.`);
  }
  const content = message.content;
  if (content !== null && content !== undefined && typeof content !== 'string') {
    throw new CompressionError(
      'malformed-response',
      `The answer of the model '${model}' is not usable: its content is not text.`,
    );
  }
  const served = servedModel(completion.model, model);
  // A server that echoes the key would have it printed, logged or written into the user's file.
  if ((content ?? '').includes(apiKey) || (typeof completion.model === 'string' && completion.model.includes(apiKey))) {
    throw new CompressionError(
      'key-in-answer',
      `Refused: the answer contains your API key, so it was neither used nor shown. The server echoes what it is sent; do not trust it with the key.`,
    );
  }
  if (content === null || content === undefined || content.trim() === '') {
    throw new CompressionError('empty-response', `The model '${model}' returned an empty answer.`);
  }
  if (choice.finish_reason === 'length') {
    throw new CompressionError(
      'truncated',
      `The model '${model}' stopped at the output limit; its text is incomplete and was not used.`,
    );
  }
  const usage = isRecord(completion.usage) ? completion.usage : {};
  const promptTokens = tokenCount(usage.prompt_tokens);
  return {
    text: content,
    model: served,
    usage:
      promptTokens === undefined
        ? undefined
        : { promptTokens, completionTokens: tokenCount(usage.completion_tokens) ?? 0 },
  };
}

/** Some gateways answer 200 with an `{ error: { message } }` body; its message is the useful part. */
function errorInBody(body: unknown, apiKey: string): string {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' && message.trim() !== ''
    ? ` Server says: ${redact(message, apiKey).slice(0, 200)}`
    : '';
}

function toCompressionError(
  error: unknown,
  model: string,
  baseURL: string,
  apiKey: string,
  settings: ClientSettings,
): CompressionError {
  if (error instanceof CompressionError) return error;
  const host = hostOf(baseURL);
  if (error instanceof OpenAI.APIUserAbortError || settings.signal?.aborted) {
    return new CompressionError('cancelled', 'Compression cancelled.');
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError) return timedOut(baseURL, settings.timeoutMs);
  const tooLarge = inCauses(error, (e) => e instanceof BodyTooLargeError);
  if (tooLarge) {
    return new CompressionError(
      'too-large',
      `The answer from ${host} is ${(tooLarge as BodyTooLargeError).message.replace(/^the answer is /, '')}; it was not read further.`,
    );
  }
  if (inCauses(error, (e) => (e as { code?: unknown }).code === 'UND_ERR_SOCKET')) {
    return new CompressionError(
      'network',
      `${host} closed the connection before the whole answer arrived. Try again; if it keeps happening, check the server.`,
    );
  }
  if (error instanceof OpenAI.APIConnectionError) {
    const code = causeCode(error);
    return new CompressionError(
      'network',
      `Cannot reach ${host}${code ? ` (${code})` : ''}. Check the base URL and the network.`,
    );
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const status = error.status;
    const detail = serverDetail(error, apiKey);
    if (status === 401) {
      return new CompressionError(
        'unauthorized',
        `${host} rejected the API key (401). Set a valid key.${detail}`,
        status,
      );
    }
    if (status === 403) {
      return new CompressionError(
        'forbidden',
        `The API key has no access to model '${model}' at ${host} (403).${detail}`,
        status,
      );
    }
    if (status === 404) {
      return new CompressionError(
        'model-not-found',
        `Model '${model}' is unknown to ${host} (404). Check the model name, and that the base URL ends with the API path (often /v1).${detail}`,
        status,
      );
    }
    if (status >= 500) {
      return new CompressionError(
        'server-error',
        `${host} failed with a server error (${status}). Try again later.${detail}`,
        status,
      );
    }
    return new CompressionError('bad-request', `${host} refused the request (${status}).${detail}`, status);
  }
  if (error instanceof SyntaxError || (error instanceof OpenAI.OpenAIError && !(error instanceof OpenAI.APIError))) {
    return new CompressionError(
      'malformed-response',
      `The answer from ${host} could not be read (${redact(error.message, apiKey)}).`,
    );
  }
  return new CompressionError(
    'network',
    `The call to ${host} failed: ${redact(error instanceof Error ? error.message : String(error), apiKey)}`,
  );
}

/** The server's own explanation, shortened and with anything key-like removed (OpenAI echoes a masked key). */
function serverDetail(error: InstanceType<typeof OpenAI.APIError>, apiKey: string): string {
  const body = error.error as { message?: unknown } | undefined;
  const message = typeof body?.message === 'string' ? body.message : '';
  if (!message) return '';
  const clean = redact(message, apiKey).replace(/\s+/g, ' ').trim();
  return ` Server says: ${clean.length > 200 ? `${clean.slice(0, 199)}…` : clean}`;
}

export function redact(text: string, apiKey: string): string {
  let out = apiKey ? text.split(apiKey).join('***') : text;
  if (apiKey.length >= 8) {
    // Masked echoes such as "sk-abc****wxyz" still reveal parts of the key.
    out = out.split(apiKey.slice(0, 8)).join('***').split(apiKey.slice(-4)).join('***');
  }
  return out.replace(/\b(sk|pk|rk)-[A-Za-z0-9_*-]{4,}/g, '$1-***');
}

/** The first error in `error`'s cause chain that matches. */
function inCauses(error: unknown, test: (e: object) => boolean): object | undefined {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 10; depth++) {
    if (test(e)) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function timedOut(baseURL: string, timeoutMs: number): CompressionError {
  return new CompressionError('timeout', `${hostOf(baseURL)} did not answer within ${seconds(timeoutMs)} s.`);
}

function causeCode(error: Error): string | undefined {
  for (let cause: unknown = error.cause; cause; cause = (cause as { cause?: unknown }).cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** `retry-after-ms`, or `retry-after` as seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The key as sent in the Authorization header: a header cannot carry control characters or non-ASCII. */
function validateKey(key: string | undefined): string {
  const apiKey = key?.trim();
  if (!apiKey) {
    throw new CompressionError('no-key', 'No API key is set for the prompt compressor. Set one, then try again.');
  }
  // eslint-disable-next-line no-control-regex -- a key must not carry control characters
  if (/[\u0000-\u001f\u007f]/.test(apiKey)) {
    throw new CompressionError(
      'invalid-settings',
      'The API key contains a control character (a line break or an escape code): check how it was set.',
    );
  }
  if (/[^\u0020-\u007e]/.test(apiKey)) {
    throw new CompressionError(
      'invalid-settings',
      'The API key contains a character outside printable ASCII, which an HTTP header cannot carry: check how it was set.',
    );
  }
  return apiKey;
}

/** The URL is never repeated in a message: it may hold a password. */
function validateBaseURL(baseURL: string): string {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    throw new CompressionError('invalid-settings', `The compressor base URL is not a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CompressionError('invalid-settings', `The compressor base URL must start with https:// or http://.`);
  }
  if (url.username || url.password) {
    throw new CompressionError(
      'invalid-settings',
      'The compressor base URL contains a user name or password. Remove it: the API key is sent in a header.',
    );
  }
  return baseURL.replace(/\/+$/, '');
}

/** Scheme, host and path only: a user:password part of the URL must not reach a message. */
function hostOf(baseURL: string): string {
  try {
    const url = new URL(baseURL);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return 'the compressor endpoint';
  }
}

function seconds(ms: number): string {
  return ms < 10_000 ? String(Math.round(ms / 100) / 10) : String(Math.round(ms / 1000));
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CompressionError('cancelled', 'Compression cancelled.');
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CompressionError('cancelled', 'Compression cancelled.'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
