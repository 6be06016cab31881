/**
 * The call record: the contract between the analysis core and every surface (CodeLens, hover, diagnostics,
 * quick fixes, CLI). Plain data only, so that it serialises to JSON as it is.
 *
 * Offsets are UTF-16 code-unit offsets into the analysed text (what VS Code's `positionAt` takes).
 */

export type LanguageId = 'python' | 'typescript' | 'typescriptreact' | 'javascript' | 'javascriptreact';

export type Sdk =
  'openai' | 'anthropic' | 'google' | 'vercel-ai' | 'litellm' | 'langchain' | 'mistral' | 'cohere' | 'other';

export interface TextRange {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

/** How the model name was found. */
export type ModelVia = 'literal' | 'constant' | 'default-param' | 'unresolved';

/** A piece of prompt text: known at analysis time, or produced at run time by an expression. */
export type PromptSegment = { kind: 'static'; text: string } | { kind: 'dynamic'; expression: string };

export type SystemPromptKind = 'none' | 'literal' | 'constant' | 'dynamic';

export interface SystemPrompt {
  kind: SystemPromptKind;
  /** In order; concatenating the static texts with the dynamic parts in between gives the prompt. */
  segments: PromptSegment[];
  /** Where the prompt's value is written (the literal itself, possibly in a constant's definition). */
  range?: TextRange;
}

export interface PromptMessage {
  /** `user`, `assistant`, `system`, `developer`, `tool`, or `unknown` when not written in the call. */
  role: string;
  segments: PromptSegment[];
}

export interface OutputLimit {
  /** The parameter as written (`max_tokens`, `max_completion_tokens`, `maxOutputTokens`, ...). */
  param: string;
  /** The value when it resolves to a number in the same file; null otherwise. */
  value: number | null;
}

/** Where the argument list and the arguments a fix needs sit in the text. */
export interface ArgumentRanges {
  /** The parentheses of the call, inclusive. */
  args: TextRange;
  /** The model argument's value (the expression), when written in the call. */
  model?: TextRange;
  /** The system prompt argument's value, when written in the call. */
  system?: TextRange;
  /** The messages / input / prompt argument's value. */
  messages?: TextRange;
  /** The output-limit argument's value. */
  outputLimit?: TextRange;
  /** The last argument of the call (where a new keyword argument is appended). */
  lastArgument?: TextRange;
  /** For calls whose arguments sit on a constructor (LangChain), that constructor call's parentheses. */
  constructorArgs?: TextRange;
}

export interface PromptCaching {
  /** An explicit `cache_control` marker is present (Anthropic), on the system prompt, messages or top level. */
  explicit: boolean;
  /** The marker's ttl when written: `5m` (default) or `1h`. */
  ttl: '5m' | '1h' | null;
}

export interface CallRecord {
  /** The file path as given to the analyser (the CLI makes it relative to the scan root). */
  file: string;
  /** The whole call expression. */
  range: TextRange;
  /** 1-based line of the final method-name token (`create` in `.create(`). */
  line: number;
  /** 1-based column of the final method-name token. */
  column: number;
  sdk: Sdk;
  /** Normalised API name, e.g. `chat.completions.create`, `messages.create`, `generateText`, `embeddings`. */
  api: string;
  model: string | null;
  modelVia: ModelVia;
  /** True when an output limit is set. */
  outputLimit: boolean;
  outputLimitParam: string | null;
  outputLimitValue: number | null;
  stream: boolean;
  /** Inside a loop body, comprehension, or `.map/.forEach` callback in the same function. */
  inLoop: boolean;
  /** Sent through a batch API (`batches.create`), so batch prices apply. */
  batch: boolean;
  systemPrompt: SystemPrompt;
  /** The messages / input the call sends, static text where known. */
  messages: PromptMessage[];
  baseUrl: string | null;
  caching: PromptCaching;
  /** Calls per day from an annotation comment just above the call (`# llm-cost-lens: 5000/day`). */
  callsPerDay: number | null;
  argumentRanges: ArgumentRanges;
}

export interface SkippedFile {
  file: string;
  reason: string;
}
