import type { Sdk } from '../analysis/types';

/**
 * What the analyser knows about one SDK, as data: adding an SDK is adding an entry to `catalog` in index.ts,
 * never editing the walker.
 *
 * Objects an SDK hands out have a `kind` (`client`, `model`, `chat`, `provider`, `module`): constructors make
 * them, factories derive one from another (`client.chats.create(...)` → `chat`), and billable methods are
 * matched by their path after the object (`chat.completions.create` on a `client`).
 */
export interface SdkEntry {
  sdk: Sdk;
  /** Python module names (a prefix match on dotted names: `google.genai` covers `google.genai.types`). */
  pythonModules: readonly string[];
  /** JS package names (`@ai-sdk/` covers every package under it when it ends with `/`). */
  jsModules: readonly string[];
  /** Words whose presence in a file's text means it may use the SDK (the cheap pre-check). */
  mentions: readonly string[];
  constructors: readonly ConstructorEntry[];
  factories?: readonly FactoryEntry[];
  methods: readonly MethodEntry[];
  /** Billable functions exported by the module (`litellm.completion`, `generateText`). */
  functions?: readonly MethodEntry[];
  /** Names of parameters, per role, in the call or (with `settingsFrom`) on the object's constructor. */
  params: ParamNames;
  /** Path segments skipped when matching a method path (`with_raw_response`, `beta`, `aio`). */
  transparent?: readonly string[];
  /**
   * For a wrapper (constructors with `wraps`): the api its methods send on a wrapped client of each SDK
   * (instructor's `chat.completions.create` on an Anthropic client is `messages.create`).
   */
  wrapperApis?: Partial<Record<Sdk, string>>;
}

export interface ParamNames {
  model: readonly string[];
  /** Parameters holding the system prompt; dotted for nested objects (`config.system_instruction`). */
  system: readonly string[];
  /** Parameters holding messages / input / prompt, in order of preference. */
  messages: readonly string[];
  outputLimit: readonly string[];
  stream: readonly string[];
  baseUrl: readonly string[];
  /** Reasoning effort (`reasoning_effort`, `reasoning.effort`). */
  reasoningEffort?: readonly string[];
  /** A thinking budget in tokens (`thinking.budget_tokens`, `config.thinking_config.thinking_budget`). */
  thinkingBudget?: readonly string[];
  /** Tool definitions: a request with them needs a model that calls tools. */
  tools?: readonly string[];
  /** A response format or schema: a request with one needs a model with structured output. */
  structuredOutput?: readonly string[];
  /** The generation config object that holds the output limit (Gemini `config`, `generation_config`). */
  config?: readonly string[];
}

export interface ConstructorEntry {
  /** The exported name (`OpenAI`, `ChatAnthropic`, `GoogleGenAI`, `createOpenAI`). */
  name: string;
  kind: ObjectKind;
  /** The constructor's arguments carry call settings (model, limits): LangChain models, `GenerativeModel`. */
  carriesSettings?: boolean;
  /** Whether the model may be the first positional argument (`init_chat_model("gpt-4o")`, `openai("gpt-4o")`). */
  positionalModel?: boolean;
  /** Only when the first argument (or `service_name`) is this string: `boto3.client("bedrock-runtime")`. */
  service?: string;
  /**
   * A wrapper that hands back the client it is given (`instructor.from_openai(client)`, `Instructor({ client })`):
   * the object is that client's, of whatever SDK it is, with the wrapper's methods too (see `wrapperApis`).
   * `argument`: the position, or the options key holding it.
   */
  wraps?: number | string;
  /** The SDK and object kind of the client a wrapper is given when the file does not show it (`from_anthropic(client)`). */
  wrapsSdk?: { sdk: Sdk; kind: ObjectKind };
}

export interface FactoryEntry {
  /** Method path on the object (`chats.create`, `start_chat`, `with_structured_output`). */
  path: string;
  on: ObjectKind;
  kind: ObjectKind;
  carriesSettings?: boolean;
  /** As on a constructor: only when the first argument is this string (`session.client("bedrock-runtime")`). */
  service?: string;
}

/** A request object sent through a generic method (`client.send(new ConverseCommand({...}))`). */
export interface CommandEntry {
  api: string;
  stream?: boolean;
}

export interface MethodEntry {
  path: string;
  /** Object kind the method is called on; absent for module functions. */
  on?: ObjectKind;
  /** The normalised api name of the call record. */
  api: string;
  stream?: boolean;
  batch?: boolean;
  /**
   * The path is specific enough to count on a receiver whose origin the file does not show (a client passed in
   * without a type annotation): `chat.completions.create` is; `messages.create` is not (`db.messages.create`).
   */
  distinctive?: boolean;
  /**
   * The name is too common to count on a receiver the file does not show (`run`, `generate`): only on
   * an object the code shows is the SDK's.
   */
  needsReceiver?: boolean;
  /**
   * The final name is too common in any code to look for alone (`append`, `start`): the text pre-filter looks
   * for it after the path segment before it (`conversations.append`), so files that only append to lists are
   * not parsed and walked for it.
   */
  qualified?: boolean;
  /**
   * The method sends a command object (AWS SDK v3 `send`): billable only for these command classes, whose
   * constructor argument holds the request's parameters; the api comes from the command.
   */
  commands?: Readonly<Record<string, CommandEntry>>;
}

export type ObjectKind = 'client' | 'model' | 'chat' | 'provider' | 'module' | 'session' | 'embedder';
