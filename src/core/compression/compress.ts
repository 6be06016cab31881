import { callModel, CompressionError, type ClientSettings, type ModelReply } from './client';
import { checkCandidate } from './invariants';
import { offlinePass } from './offline';
import { buildRequest, defaultTargetRatio, validateTemplate } from './prompt';

/**
 * The compression pipeline: offline pass, then (unless offline only) one model call, cleanup of what models wrap
 * around their answer, and the invariant check. Plain data in and out, so the VS Code command and the CLI are
 * thin adapters.
 */

export interface CompressOptions {
  /** Stop after the offline pass: no network call. */
  offlineOnly?: boolean;
  model: string;
  baseURL: string;
  apiKey?: string;
  timeoutMs: number;
  /** Wished length of the result as a fraction of the original (0.5 = half). */
  targetRatio?: number;
  /** User instruction template with `{text}` (and optionally `{ratio}`); the default when absent. */
  template?: string;
  /** Host-language fields that must survive verbatim (f-string fields, `${expr}`), from literal.ts. */
  fields?: readonly string[];
  signal?: AbortSignal;
  maxAttempts?: number;
  maxRetryWaitMs?: number;
  onRetry?: ClientSettings['onRetry'];
}

export interface CompressDeps {
  /** Token count of a text for the model the prompt is sent to (injected: the counter lives elsewhere). */
  countTokens: (text: string) => number;
  /** Replaceable for tests of the pipeline alone; the real SDK call by default. */
  callModel?: typeof callModel;
}

export interface TextSize {
  characters: number;
  tokens: number;
}

export interface Candidate extends TextSize {
  text: string;
  /** True when the text passed every check and is shorter: it may be applied. */
  accepted: boolean;
  /** Why it was refused (empty when accepted); the text is still returned so the user can look at it. */
  refusedReasons: string[];
}

export interface CompressionResult {
  original: TextSize & { text: string };
  offline: Candidate & { changes: string[] };
  /** Absent when offline only. */
  model?: Candidate & {
    name: string;
    /** Tokens of the compression call itself, from the response's `usage`, to show what it cost. */
    usage?: { promptTokens: number; completionTokens: number };
    attempts: number;
  };
}

/**
 * The longest prompt the compressor takes, in characters: longer than any model's context window (about
 * 2M tokens, 8 MB of text), and past it the checks would cost minutes and gigabytes.
 */
export const maxPromptCharacters = 10 * 1024 * 1024;

/** Why a prompt is too long to compress, or undefined when it is not. */
export function promptTooLarge(text: string): string | undefined {
  if (text.length <= maxPromptCharacters) return undefined;
  const count = (n: number): string => n.toLocaleString('en-US');
  return `The prompt has ${count(text.length)} characters; the compressor takes at most ${count(maxPromptCharacters)} (10 MB), more than any model accepts.`;
}

function size(text: string, deps: CompressDeps): TextSize {
  return { characters: text.length, tokens: deps.countTokens(text) };
}

/** The offline pass alone: instant, no network; shown before (and independently of) any model call. */
export function compressOffline(
  text: string,
  options: Pick<CompressOptions, 'fields'>,
  deps: CompressDeps,
): CompressionResult {
  const tooLarge = promptTooLarge(text);
  if (tooLarge) throw new CompressionError('too-large', tooLarge);
  const offline = offlinePass(text);
  const check = checkCandidate(text, offline.text, { fields: options.fields });
  return {
    original: { text, ...size(text, deps) },
    offline: {
      text: offline.text,
      ...size(offline.text, deps),
      accepted: check.ok,
      refusedReasons: check.ok ? [] : check.reasons,
      changes: offline.changes,
    },
  };
}

/**
 * Offline pass, then the model (unless `offlineOnly`). A refused model text is a result, not an error; a failed
 * call throws CompressionError.
 */
export async function compressPrompt(
  text: string,
  options: CompressOptions,
  deps: CompressDeps,
): Promise<CompressionResult> {
  const result = compressOffline(text, options, deps);
  if (options.offlineOnly) return result;
  if (options.template !== undefined) {
    const problem = validateTemplate(options.template);
    if (problem) throw new CompressionError('invalid-settings', problem);
  }
  // The model sees the offline text: fewer tokens to pay for, and its edits are already checked.
  const input = result.offline.accepted ? result.offline.text : text;
  const request = buildRequest(input.trim(), {
    model: options.model,
    targetRatio: options.targetRatio ?? defaultTargetRatio,
    template: options.template,
  });
  const reply: ModelReply = await (deps.callModel ?? callModel)(request, {
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    timeoutMs: options.timeoutMs,
    maxAttempts: options.maxAttempts,
    maxRetryWaitMs: options.maxRetryWaitMs,
    signal: options.signal,
    onRetry: options.onRetry,
  });
  const compressed = keepOuterWhitespace(text, unwrap(reply.text, text));
  const reference = result.offline.accepted ? result.offline.text : text;
  const check = checkCandidate(text, compressed, {
    fields: options.fields,
    reference,
    referenceName: result.offline.accepted ? 'the offline pass' : 'the original',
  });
  result.model = {
    text: compressed,
    ...size(compressed, deps),
    accepted: check.ok,
    refusedReasons: check.ok ? [] : check.reasons,
    name: reply.model,
    usage: reply.usage,
    attempts: reply.attempts,
  };
  return result;
}

/** The text to apply: the model's if accepted, else the offline pass's if accepted, else none. */
export function bestCandidate(result: CompressionResult): Candidate | undefined {
  if (result.model?.accepted) return result.model;
  return result.offline.accepted ? result.offline : undefined;
}

/**
 * Removes what models put around an answer despite being told not to: a preface line, the <prompt> tags of the
 * request, one code fence or one pair of quotes around the whole text. Each only when the original had none.
 */
export function unwrap(answer: string, original: string): string {
  let text = answer.trim();
  const source = original.trim();
  const preface = /^(here is|here's|sure[,!]?)[^\n]*:\s*\n/i;
  if (!preface.test(source)) text = text.replace(preface, '');
  const tagged = /^<prompt>\s*([\s\S]*?)\s*<\/prompt>$/.exec(text);
  if (tagged && !source.startsWith('<prompt>')) text = tagged[1];
  const fenced = /^```[\w-]*\n([\s\S]*?)\n?```$/.exec(text);
  if (fenced && !source.startsWith('```') && !fenced[1].includes('```')) text = fenced[1];
  for (const [open, close] of [
    ['"', '"'],
    ["'", "'"],
    ['“', '”'],
    ['`', '`'],
  ]) {
    if (text.length >= 2 && text.startsWith(open) && text.endsWith(close) && !source.startsWith(open)) {
      const inner = text.slice(open.length, -close.length);
      if (!inner.includes(open) || open !== close) text = inner;
      break;
    }
  }
  return text.trim();
}

/** Keeps the original's leading and trailing whitespace: it shapes the literal (e.g. a triple-quoted block). */
function keepOuterWhitespace(original: string, text: string): string {
  const lead = /^\s*/.exec(original)?.[0] ?? '';
  const trail = /\s*$/.exec(original)?.[0] ?? '';
  return original.trim() === '' ? text : lead + text + trail;
}
