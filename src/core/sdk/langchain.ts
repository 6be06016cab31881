import type { SdkEntry } from './types';

const models = [
  'ChatOpenAI',
  'AzureChatOpenAI',
  'ChatAnthropic',
  'ChatGoogleGenerativeAI',
  'ChatVertexAI',
  'ChatBedrockConverse',
  'ChatBedrock',
  'ChatMistralAI',
  'ChatCohere',
  'ChatGroq',
  'ChatOllama',
  'ChatDeepSeek',
  'ChatXAI',
  'ChatLiteLLM',
  'OpenAI',
  'AzureOpenAI',
];
/** Base types that annotate a model handed in (`model: BaseChatModel`): a model whose settings the caller chose. */
const baseTypes = ['BaseChatModel', 'BaseLanguageModel', 'BaseLLM', 'LanguageModelLike'];
/** Embedding models RAG code calls beside the chat models. */
const embeddings = [
  'OpenAIEmbeddings',
  'AzureOpenAIEmbeddings',
  'GoogleGenerativeAIEmbeddings',
  'VertexAIEmbeddings',
  'BedrockEmbeddings',
  'CohereEmbeddings',
  'MistralAIEmbeddings',
  'VoyageAIEmbeddings',
];
const embed = (path: string) => ({ path, api: 'embeddings', on: 'embedder' as const });
const runnables = [
  'with_structured_output',
  'withStructuredOutput',
  'bind_tools',
  'bindTools',
  'bind',
  'with_retry',
  'withRetry',
  'with_config',
  'withConfig',
  'with_fallbacks',
  'withFallbacks',
];
/** Chains that call the model they hold under `llm` once per run. */
const chains = ['LLMChain', 'ConversationChain'];
const legacy = ['predict', 'apredict', 'predict_messages', 'apredict_messages', 'predictMessages'];
/** Legacy names too common to count on a receiver whose origin the file does not show. */
const legacyCommon = ['run', 'arun', 'generate', 'agenerate'];
const invoke = (path: string, stream = false) => ({ path, api: path, on: 'model' as const, stream });

export const langchain: SdkEntry = {
  sdk: 'langchain',
  pythonModules: [
    'langchain',
    'langchain_openai',
    'langchain_anthropic',
    'langchain_google_genai',
    'langchain_google_vertexai',
    'langchain_aws',
    'langchain_mistralai',
    'langchain_cohere',
    'langchain_groq',
    'langchain_ollama',
    'langchain_community',
    'langchain_deepseek',
    'langchain_xai',
    'langchain_core',
  ],
  jsModules: ['@langchain/', 'langchain'],
  mentions: ['langchain'],
  constructors: [
    ...models.map((name) => ({ name, kind: 'model' as const, carriesSettings: true })),
    { name: 'init_chat_model', kind: 'model', carriesSettings: true, positionalModel: true },
    { name: 'initChatModel', kind: 'model', carriesSettings: true, positionalModel: true },
    ...baseTypes.map((name) => ({ name, kind: 'model' as const })),
    ...embeddings.map((name) => ({ name, kind: 'embedder' as const, carriesSettings: true })),
    // Legacy chains (still in many repositories) run the model they are given: `LLMChain(llm=model, prompt=p)`.
    ...chains.map((name) => ({ name, kind: 'model' as const, wraps: 'llm' })),
  ],
  // `with_config({"model": ...})` / `withConfig({ configurable: { model } })` sets a configurable model's settings.
  factories: runnables.map((path) => ({
    path,
    on: 'model' as const,
    kind: 'model' as const,
    ...(path === 'with_config' || path === 'withConfig' ? { carriesSettings: true } : {}),
  })),
  methods: [
    invoke('invoke'),
    invoke('ainvoke'),
    invoke('stream', true),
    invoke('astream', true),
    invoke('batch'),
    invoke('abatch'),
    invoke('astream_events', true),
    invoke('streamEvents', true),
    // The older names (LangChain before 0.1, LangChain.js before 0.1): the model's and the chains'.
    ...legacy.map((path) => ({ path, api: 'invoke', on: 'model' as const })),
    ...legacyCommon.map((path) => ({ path, api: 'invoke', on: 'model' as const, needsReceiver: true })),
    ...['embed_documents', 'embed_query', 'aembed_documents', 'aembed_query', 'embedDocuments', 'embedQuery'].map(
      embed,
    ),
  ],
  params: {
    model: ['model', 'model_name', 'modelName', 'azure_deployment', 'deployment_name', 'configurable.model'],
    system: [],
    messages: [],
    outputLimit: [
      'max_tokens',
      'max_completion_tokens',
      'max_output_tokens',
      'max_tokens_to_sample',
      'maxTokens',
      'maxOutputTokens',
      'num_predict',
      'numPredict',
      'model_kwargs.max_tokens',
      'model_kwargs.max_completion_tokens',
      'modelKwargs.max_tokens',
    ],
    stream: ['streaming'],
    baseUrl: ['base_url', 'openai_api_base', 'baseURL', 'configuration.baseURL', 'azure_endpoint'],
    reasoningEffort: ['reasoning_effort', 'reasoningEffort', 'reasoning.effort'],
    // ChatAnthropic(thinking={...}), ChatGoogleGenerativeAI(thinking_budget=N) / thinkingBudget.
    thinkingBudget: ['thinking.budget_tokens', 'thinking_budget', 'thinkingBudget'],
  },
};
