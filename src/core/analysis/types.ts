/**
 * The call record: the contract between the analysis core and every surface (CodeLens, hover, diagnostics,
 * quick fixes, CLI). Plain data only, so that it serialises to JSON as it is.
 *
 * Offsets are UTF-16 code-unit offsets into the analysed text (what VS Code's `positionAt` takes). Every
 * `{ start, end }` object anywhere in a record is a `TextRange` of that text, and nothing else has that shape:
 * re-analysis after an edit shifts them all without a list of fields to keep up to date.
 */

export type LanguageId = 'python' | 'typescript' | 'typescriptreact' | 'javascript' | 'javascriptreact';

export type Sdk =
  | 'openai'
  | 'anthropic'
  | 'google'
  | 'vercel-ai'
  | 'litellm'
  | 'langchain'
  | 'mistral'
  | 'cohere'
  | 'bedrock'
  | 'voyage'
  | 'other';

export interface TextRange {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

/**
 * How the model name was found: written in the call (`literal`); through a name in the same file (`constant`);
 * a parameter's default (`default-param`); in another source file of the workspace (`cross-file`); in a config
 * file read by key, or a `.env` file (`config`); the default of an environment read (`env-default`); from a
 * `llm-cost-lens: model=` comment (`annotation`); from the `llmCostLens.assumedModels` setting (`assumed`).
 */
export type ModelVia =
  | 'literal'
  | 'constant'
  | 'default-param'
  | 'cross-file'
  | 'config'
  | 'env-default'
  | 'annotation'
  | 'assumed'
  | 'unresolved';

/** Where a value is written: a path like the record's `file` (relative to the scan root in the CLI), 1-based line. */
export interface SourceLocation {
  file: string;
  line: number;
  /** In a notebook: the cell (1-based, among all cells) `line` counts from. */
  cell?: number;
}

/**
 * A piece of prompt text: known at analysis time, or produced at run time by an expression. `range` is where it
 * is written, from its first character to its last (static text merged from `"a" + "b"` spans the operator
 * too; a dynamic part is its field `{x}` / `${x}` or its expression). It is absent for text the analyser adds
 * (the line break between content blocks) and for text it cannot place (split out of an escaped literal).
 */
export type PromptSegment =
  { kind: 'static'; text: string; range?: TextRange } | { kind: 'dynamic'; expression: string; range?: TextRange };

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
  /** Where the message's content is written. */
  range?: TextRange;
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
  /** Each `cache_control` entry written for the request (a breakpoint), in text order. */
  markers: TextRange[];
}

/** Where a parameter's entry is written: among the call's arguments, in options built elsewhere in the file (a variable, a spread), or on the constructor of the object the call is made on (LangChain, `GenerativeModel`). */
export type SiteLocation = 'call' | 'options' | 'constructor';

/** Where one parameter is written, for fixes that edit it. */
export interface ParamSite {
  /** The parameter's own name as written (`max_output_tokens` of `config.max_output_tokens`). */
  name: string;
  /** The key: a keyword's name, a property key (quoted or not); absent for a positional argument. */
  key?: TextRange;
  /** The value expression. */
  value: TextRange;
  /** The whole entry (`key=value`, `"key": value`, `key: value`); the value for a positional argument. */
  entry: TextRange;
  /** A shorthand property (`{ max_tokens }`): key and value are one token. */
  shorthand?: boolean;
  where: SiteLocation;
  /** The literal the value comes from through same-file names (a constant's string or number), when elsewhere. */
  literal?: TextRange;
  /** A branch of a conditional value that sets nothing (the `null` of `model === "gpt-4o" ? 4096 : null`). */
  unsetBranch?: TextRange;
}

/** A list of named arguments where a new one can be added. */
export interface OptionsSite {
  /** `(…)` of a call taking keyword arguments, or `{…}` of a Python dict or JS object literal. */
  range: TextRange;
  syntax: 'keywords' | 'dict' | 'object';
  /** The entries as written, in order: an added one follows their layout (line breaks, indentation, commas). */
  entries: TextRange[];
  where: SiteLocation;
}

/** A content block of a prompt written as a dict / object (`{"type": "text", "text": ...}`). */
export interface PromptBlock {
  options: OptionsSite;
  /** Its text is known at analysis time. */
  static: boolean;
  /** It carries a `cache_control` marker. */
  cached: boolean;
}

/** The places a fix edits. */
export interface CallSites {
  /**
   * Where the call's named arguments are written: its keywords, its inline options object, or the literal an
   * options variable is built from. Null when the file does not show them.
   */
  options: OptionsSite | null;
  /** The nearest constructor or factory call whose arguments carry this call's settings, when in this file. */
  constructorOptions: OptionsSite | null;
  /**
   * The constructors of the other objects the call's factory may return, built with other settings
   * (`AzureChatOpenAI(...)` in one branch, `ChatOpenAI(...)` in another): a fix on the constructor edits each.
   */
  constructorVariants?: OptionsSite[];
  /** False when some named arguments are out of sight (a spread or an options variable the file does not resolve). */
  complete: boolean;
  model?: ParamSite;
  outputLimit?: ParamSite;
  system?: ParamSite;
  messages?: ParamSite;
  reasoningEffort?: ParamSite;
  /** Gemini's `config` / `generation_config` value (where `max_output_tokens` goes). */
  config?: ParamSite;
  /** The entries of that config when it is written in this file (a dict, an object, a config constructor). */
  configOptions?: OptionsSite;
  /** The system prompt's content blocks, when it is a list of them written in this file. */
  systemBlocks?: PromptBlock[];
}

/** What a request uses, which a cheaper model must support too. */
export interface CallFeatures {
  tools: boolean;
  /** Images (or other media) in the input. */
  vision: boolean;
  /** A response format, schema or structured-output helper. */
  structuredOutput: boolean;
  /** The answer is constrained to a fixed set of values (an enum or `Literal` schema, a choice list). */
  enumOutput: boolean;
}

export type LoopKind = 'for' | 'while' | 'comprehension' | 'callback';

/** A conversation list that grows with every turn and is sent whole. */
export interface HistoryGrowth {
  /** The list as written (`messages`, `self.history`). */
  variable: string;
  /** Where it grows: `loop` when appended to in a loop around the call, `turns` when in a method called per turn. */
  per: 'loop' | 'turns';
  /** The appends (`.append(...)`, `.push(...)`, `+=`). */
  appends: TextRange[];
  /** For a loop a constant bounds (`for _ in range(5)`, `while i < max_iterations`): the most times it runs. */
  maxTurns?: number;
}

export interface CallRecord {
  /** The file path as given to the analyser (the CLI makes it relative to the scan root). */
  file: string;
  /** The whole call expression. */
  range: TextRange;
  /**
   * The qualified name of the enclosing function or class (`Service.ask`, `handler`, `<anonymous>` parts for
   * unnamed ones); absent at module level. With the file, SDK, API and order it identifies a call across
   * revisions (`llm-cost-lens diff`).
   */
  functionName?: string;
  /** 1-based line of the final method-name token (`create` in `.create(`); in a notebook, within `cell`. */
  line: number;
  /** In a notebook: the cell (1-based, among all cells) the call is in; offsets are into that cell's text. */
  cell?: number;
  /** 1-based column of the final method-name token. */
  column: number;
  sdk: Sdk;
  /** Normalised API name, e.g. `chat.completions.create`, `messages.create`, `generateText`, `embeddings`. */
  api: string;
  /** The model name, without a provider prefix (`openai:gpt-4o` gives `gpt-4o`). */
  model: string | null;
  modelVia: ModelVia;
  /** Where the model name is written; null when it is not known. */
  modelSource: SourceLocation | null;
  /** The provider a prefix named (`openai:`, `anthropic/`), when there was one. */
  modelProvider?: string;
  /**
   * For a model the code does not say: the models a factory's branches build (`make_llm` returns `gpt-4o` or
   * `gpt-4o-mini`), then those the workspace names for the same provider (a request, a database, the end user
   * choosing). Never used to price the call.
   */
  modelCandidates?: string[];
  /** True when an output limit is set. */
  outputLimit: boolean;
  outputLimitParam: string | null;
  outputLimitValue: number | null;
  stream: boolean;
  /** Inside a loop body, comprehension, or `.map/.forEach` callback in the same function. */
  inLoop: boolean;
  /** The innermost such loop's kind; null outside loops. */
  loopKind: LoopKind | null;
  /**
   * In a loop: false when nothing the loop iterates reaches the prompt (a sweep of a setting, one request
   * repeated), so each turn sends the same prompt; absent outside loops and when the loop binds no name.
   */
  loopFeedsPrompt?: boolean;
  /** Inside a function that serves a request (a route, a view, an HTTP handler): answered while a user waits. */
  inRequestHandler: boolean;
  /** Sent through a batch API (`batches.create`), so batch prices apply. */
  batch: boolean;
  /** For a batch submission: how many requests it sends when the code writes them as a list; null otherwise. */
  batchRequests: number | null;
  systemPrompt: SystemPrompt;
  /** The messages / input the call sends, static text where known. */
  messages: PromptMessage[];
  /**
   * The tool definitions the request sends (`tools=[...]`), as static text, when the file shows every one of
   * them: the provider bills them as input, ahead of the system prompt.
   */
  toolDefinitions?: PromptSegment[];
  baseUrl: string | null;
  /** Set when the client is built with a base URL the code does not show (an environment variable, a setting). */
  baseUrlHidden?: true;
  /**
   * For a hidden base URL: the OpenAI-compatible server its setting is named for (`lmstudio` for
   * `process.env.LMSTUDIO_BASE_PATH`), when one is.
   */
  baseUrlServer?: string;
  caching: PromptCaching;
  /** Calls per day from an annotation comment just above the call (`# llm-cost-lens: 5000/day`). */
  callsPerDay: number | null;
  argumentRanges: ArgumentRanges;
  /** `reasoning_effort` / `reasoning.effort` as written, when it resolves to a string. */
  reasoningEffort: string | null;
  /**
   * The thinking budget the call sets (Anthropic `thinking.budget_tokens`, Gemini `thinking_budget` /
   * `thinkingBudget`): the tokens when a constant, null when not (or Gemini's -1, dynamic); absent when none is set.
   */
  thinkingBudget?: number | null;
  features: CallFeatures;
  /** Set when the messages are a list that grows per turn with no trimming in sight. */
  history: HistoryGrowth | null;
  sites: CallSites;
}

export interface SkippedFile {
  file: string;
  reason: string;
}
