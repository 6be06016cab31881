import type { CallRecord, OptionsSite } from '../analysis/types';
import type { ModelEntry } from '../pricing/types';
import { isWrappingConstructor } from '../sdk';
import { entryFor, insertEntry } from './edits';
import { planReasoning, reasoningEfforts, type ReasoningEffort } from '../cost';
import { isReasoning } from './facts';
import type { ProjectInfo } from './project';
import type { TaskKind } from './settings';
import { taskKind } from './task';
import type { CallContext, TextEdit } from './types';

/** Where a new output limit is written and under which name, for one call's SDK, API, model and project. */
export interface LimitPlace {
  /** The parameter as the fix writes it (`max_completion_tokens`, `maxOutputTokens`, ...). */
  name: string;
  /** The argument list it goes into. */
  site: OptionsSite;
  /**
   * Set when the limit sits in a config object the call does not have yet (Gemini): the fix adds this
   * parameter with an object holding the limit.
   */
  container?: string;
}

/** Whether the call is OpenAI Chat Completions (where `max_tokens` means something else for reasoning models). */
export function isChatCompletions(call: CallRecord): boolean {
  return (call.sdk === 'openai' || call.sdk === 'other') && call.api.startsWith('chat.completions');
}

/** A batch job's creation (`batches.create`, `messages.batches.create`): each request it carries has its own limit. */
export function isBatchJob(api: string): boolean {
  return /(^|\.)batches\.create$/.test(api);
}

/** Whether an Anthropic Messages request (the API rejects one without `max_tokens`). */
export function isAnthropicMessages(call: CallRecord): boolean {
  return (
    call.sdk === 'anthropic' &&
    !isBatchJob(call.api) &&
    (call.api.startsWith('messages.') || call.api === 'completions.create')
  );
}

/**
 * The callee name just before an argument list (`ChatGoogleGenerativeAI` of `ChatGoogleGenerativeAI(...)`), or
 * before an options object that follows a first argument (`initChatModel("gemini-2.0-flash", { ... })`).
 */
function constructorName(text: string, site: OptionsSite): string {
  const before = text.slice(Math.max(0, site.range.start - 200), site.range.start);
  const firstArgument = /(?:"[^"\n]*"|'[^'\n]*'|`[^`]*`|[\w$.]+)\s*,\s*/.source;
  return new RegExp(`([\\w$]+)\\s*(?:\\(\\s*(?:${firstArgument})?)?$`).exec(before)?.[1] ?? '';
}

/**
 * The limit's name on a LangChain model: by its class, or for `init_chat_model` / `initChatModel` by the provider
 * it builds (`modelProvider: "google-genai"`, a `google_genai:` prefix, a Gemini model's name), whose class takes
 * the options as given: `@langchain/google-genai` reads `maxOutputTokens` only, and ignores `maxTokens`.
 */
function langchainLimit(text: string, site: OptionsSite, python: boolean, provider: string | undefined): string {
  const name = constructorName(text, site);
  const universal = /^(init_chat_model|initChatModel)$/.test(name);
  if (/^Chat(GoogleGenerativeAI|VertexAI)$/.test(name) || (universal && /google|gemini|vertex/i.test(provider ?? '')))
    return python ? 'max_output_tokens' : 'maxOutputTokens';
  if (name === 'ChatOllama' || (universal && /ollama/i.test(provider ?? '')))
    return python ? 'num_predict' : 'numPredict';
  return python ? 'max_tokens' : 'maxTokens';
}

/** A name of OpenAI's models (`gpt-5.4-mini`, `o3`, `chatgpt-4o-latest`, a fine-tune `ft:gpt-4o-mini:...`). */
const openAiModelName = /^(?:openai\/)?(?:gpt-|o\d|chatgpt-|ft:|codex)/i;

/** An Azure OpenAI client built or configured in a file (`AzureOpenAI(...)`, `azure_endpoint=`, `AZURE_OPENAI_*`). */
const azureClient = /\b(?:Async)?AzureOpenAI\b|\bazure_?endpoint\b|\bAZURE_OPENAI/i;

/**
 * Where an OpenAI-SDK call goes: OpenAI's own API (a client built without a base URL, or with api.openai.com, or
 * one the file does not build), Azure OpenAI (an Azure client or endpoint), another server speaking the same API
 * (a base URL elsewhere, or one the code does not show but names for such a server; a client the file does not
 * build through the OpenAI SDK), or unknown (a client built with a base URL the code does not show or name).
 */
function openAiEndpoint(call: CallRecord, text: string): 'openai' | 'azure' | 'compatible' | 'unknown' {
  // The record does not say which client class a call goes through: a file that builds an Azure client anywhere
  // may send any of its calls there.
  if (/azure/i.test(call.baseUrl ?? '') || azureClient.test(text)) return 'azure';
  if (call.sdk !== 'openai') return 'compatible';
  // A setting named for another server (`LMSTUDIO_BASE_PATH`) says where the call goes, though not its address.
  if (call.baseUrlHidden) return call.baseUrlServer ? 'compatible' : 'unknown';
  return call.baseUrl === null || /^https?:\/\/api\.openai\.com(\/|$)/.test(call.baseUrl) ? 'openai' : 'compatible';
}

/**
 * Whether a new limit on this call must leave room for reasoning it may do although its model is unknown: OpenAI's
 * own API, where the default models (the GPT-5 family, the o-series) reason and `max_completion_tokens` counts it,
 * and OpenAI's Responses API, whose `max_output_tokens` counts it too (khoj turns reasoning on for the models
 * that have it: a limit sized for the answer alone would leave an empty answer).
 */
export function mayReason(entry: ModelEntry | null, place: LimitPlace | null, call: CallRecord): boolean {
  if (entry !== null || !place) return false;
  return (
    place.name === 'max_completion_tokens' ||
    (call.sdk === 'openai' && call.api.startsWith('responses') && place.name === 'max_output_tokens')
  );
}

/**
 * Models of the old Google SDKs (`google.generativeai`, `@google/generative-ai`, Vertex AI) take `generation_config`,
 * and so do their chats (`startChat({ history, generationConfig })`).
 */
const oldGoogleModel = /^(GenerativeModel|getGenerativeModel|startChat)$/;

/** Where and under which name an output limit goes for this call; null when the file does not show where. */
export function limitPlace(
  call: CallRecord,
  entry: ModelEntry | null,
  text: string,
  project: ProjectInfo,
  python: boolean,
): LimitPlace | null {
  const { sites } = call;
  const onConstructor = sites.model?.where === 'constructor' || call.sdk === 'langchain';
  const own = onConstructor ? sites.constructorOptions : (sites.options ?? sites.constructorOptions);
  switch (call.sdk) {
    case 'google': {
      // Through instructor (`from_gemini(model).create(...)`) the request is instructor's to build: its versions
      // map, or replace, `generation_config` and `config`; a limit written in the Gemini SDK's place may break the
      // call or be dropped.
      if (sites.constructorOptions && isWrappingConstructor(constructorName(text, sites.constructorOptions)))
        return null;
      // The Interactions API takes the REST names in every language: `generation_config: { max_output_tokens }`.
      const rest = python || call.api === 'interactions.create';
      const name = rest ? 'max_output_tokens' : 'maxOutputTokens';
      if (sites.configOptions) return { name, site: sites.configOptions };
      if (sites.config || !own) return null;
      const old =
        call.api === 'interactions.create' ||
        (own === sites.constructorOptions && oldGoogleModel.test(constructorName(text, own)));
      const container = old ? (rest ? 'generation_config' : 'generationConfig') : 'config';
      return { name, site: own, container };
    }
    case 'bedrock': {
      // Converse takes the limit in inferenceConfig; InvokeModel's body is the model's own JSON: no general fix.
      if (!call.api.startsWith('converse')) return null;
      if (sites.configOptions) return { name: 'maxTokens', site: sites.configOptions };
      if (sites.config || !own) return null;
      return { name: 'maxTokens', site: own, container: 'inferenceConfig' };
    }
    case 'langchain':
      return own ? { name: langchainLimit(text, own, python, call.modelProvider ?? entry?.provider), site: own } : null;
    case 'vercel-ai': {
      const major = project.vercelAiMajor;
      return own ? { name: major !== null && major < 5 ? 'maxTokens' : 'maxOutputTokens', site: own } : null;
    }
    case 'mistral':
    case 'cohere': {
      const name = python ? 'max_tokens' : 'maxTokens';
      // Mistral's Conversations API takes the limit in `completion_args`.
      if (call.api !== 'conversations') return own ? { name, site: own } : null;
      if (sites.configOptions) return { name, site: sites.configOptions };
      if (sites.config || !own) return null;
      return { name, site: own, container: python ? 'completion_args' : 'completionArgs' };
    }
    case 'openai':
    case 'other': {
      if (!own) return null;
      if (call.api.startsWith('responses')) return { name: 'max_output_tokens', site: own };
      if (!isChatCompletions(call)) return { name: 'max_tokens', site: own };
      // An OpenAI SDK older than the name (openai-node 4.60, openai-python 1.45) rejects it: TypeScript does not
      // build, Python raises a TypeError. A model that needs it gets no fix; one the code does not name, the old one.
      const takesNew =
        call.sdk !== 'openai' ||
        (python ? project.openaiPythonCompletionTokens : project.openaiNodeCompletionTokens) !== false;
      if (entry) {
        if (!isReasoning(entry)) return { name: 'max_tokens', site: own };
        return takesNew ? { name: 'max_completion_tokens', site: own } : null;
      }
      // A model the code names that is not OpenAI's (an open model on a server speaking the API) takes max_tokens.
      if (call.model && !openAiModelName.test(call.model)) return { name: 'max_tokens', site: own };
      switch (openAiEndpoint(call, text)) {
        case 'openai':
          return { name: takesNew ? 'max_completion_tokens' : 'max_tokens', site: own };
        // An Azure deployment's name does not say its model, and API versions before 2024-09-01 reject
        // max_completion_tokens where reasoning deployments reject max_tokens: no name is safe. Nor for a server
        // the code does not show (OpenAI's reasoning models reject max_tokens, some servers max_completion_tokens).
        case 'azure':
        case 'unknown':
          return null;
        default:
          return { name: 'max_tokens', site: own };
      }
    }
    default:
      return own ? { name: 'max_tokens', site: own } : null;
  }
}

/**
 * The edits that add the limit at `place` with `value` (a new config object where needed), and on each other
 * constructor the call's factory may return (`AzureChatOpenAI(...)` in one branch, `ChatOpenAI(...)` in another):
 * null when one of them would take it under another name or in another place.
 */
export function limitEdits(context: CallContext, place: LimitPlace, value: number): TextEdit[] | null {
  const { call } = context;
  const places = [place];
  if (place.site === call.sites.constructorOptions) {
    for (const site of call.sites.constructorVariants ?? []) {
      const variant = { ...call, sites: { ...call.sites, constructorOptions: site } };
      const other = limitPlace(variant, context.entry, context.text, context.project, context.languageId === 'python');
      if (other?.site !== site || other.name !== place.name || other.container !== place.container) return null;
      places.push(other);
    }
  }
  const edits: TextEdit[] = [];
  for (const each of places) {
    const found = siteEdits(context, each, value);
    if (!found) return null;
    edits.push(...found);
  }
  return edits;
}

function siteEdits(context: CallContext, place: LimitPlace, value: number): TextEdit[] | null {
  const { text, languageId } = context;
  if (!place.container)
    return insertEntry(text, languageId, place.site, entryFor(text, languageId, place.site, place.name, String(value)));
  const inner =
    languageId === 'python'
      ? `{${entryFor(text, languageId, { ...place.site, syntax: 'dict', entries: [] }, place.name, String(value))}}`
      : `{ ${place.name}: ${value} }`;
  return insertEntry(text, languageId, place.site, entryFor(text, languageId, place.site, place.container, inner));
}

/**
 * The limit a fix writes: the setting for the prompt's kind of task; for a model that reasons, room for the
 * reasoning the cost model expects at the call's effort (or thinking budget) plus that answer, rounded up to a
 * multiple of 256, and at least the reasoning minimum; never more than the model's maximum output.
 */
export function sizedLimit(
  context: CallContext,
  unknownReasoning = false,
): { value: number; task: TaskKind; forReasoning: boolean } {
  const task = taskKind(context.call);
  const limits = context.settings.outputLimits;
  let value = limits[task];
  // A model that reasons spends output tokens before it answers: the task's size alone would starve it, and a
  // high effort (6,000 tokens by default) would use up the reasoning minimum alone.
  const tokens = context.entry
    ? (planReasoning(context.call, context.entry, context.costSettings)?.tokens ?? 0)
    : unknownReasoning
      ? unknownModelReasoning(context)
      : 0;
  const forReasoning = tokens > 0;
  if (forReasoning) value = Math.max(limits.reasoning, roundUp(value + tokens, 256));
  const max = context.entry?.maxOutputTokens;
  if (max && max > 0) value = Math.min(value, max);
  return { value, task, forReasoning };
}

/** The reasoning tokens of an unknown model that may reason: at the effort the call writes, else medium. */
function unknownModelReasoning({ call, costSettings }: CallContext): number {
  const written = call.reasoningEffort?.trim().toLowerCase();
  if (written === 'none') return 0;
  const effort = (reasoningEfforts as readonly string[]).includes(written ?? '')
    ? (written as ReasoningEffort)
    : 'medium';
  return costSettings.reasoningTokens[effort];
}

function roundUp(value: number, step: number): number {
  return Math.ceil(value / step) * step;
}
