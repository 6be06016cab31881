import type { SdkEntry } from './types';

const models = [
  'ChatOpenAI', 'AzureChatOpenAI', 'ChatAnthropic', 'ChatGoogleGenerativeAI', 'ChatVertexAI', 'ChatBedrockConverse',
  'ChatBedrock', 'ChatMistralAI', 'ChatCohere', 'ChatGroq', 'ChatOllama', 'ChatDeepSeek', 'ChatXAI', 'ChatLiteLLM',
  'OpenAI', 'AzureOpenAI',
];
const runnables = ['with_structured_output', 'withStructuredOutput', 'bind_tools', 'bindTools', 'bind', 'with_retry',
  'withRetry', 'with_config', 'withConfig', 'with_fallbacks', 'withFallbacks'];
const invoke = (path: string, stream = false) => ({ path, api: path, on: 'model' as const, stream });

export const langchain: SdkEntry = {
  sdk: 'langchain',
  pythonModules: ['langchain', 'langchain_openai', 'langchain_anthropic', 'langchain_google_genai',
    'langchain_google_vertexai', 'langchain_aws', 'langchain_mistralai', 'langchain_cohere', 'langchain_groq',
    'langchain_ollama', 'langchain_community', 'langchain_deepseek', 'langchain_xai', 'langchain_core'],
  jsModules: ['@langchain/', 'langchain'],
  mentions: ['langchain'],
  constructors: [
    ...models.map((name) => ({ name, kind: 'model' as const, carriesSettings: true })),
    { name: 'init_chat_model', kind: 'model', carriesSettings: true, positionalModel: true },
    { name: 'initChatModel', kind: 'model', carriesSettings: true, positionalModel: true },
  ],
  factories: runnables.map((path) => ({ path, on: 'model' as const, kind: 'model' as const })),
  methods: [
    invoke('invoke'),
    invoke('ainvoke'),
    invoke('stream', true),
    invoke('astream', true),
    invoke('batch'),
    invoke('abatch'),
    invoke('astream_events', true),
    invoke('streamEvents', true),
    { path: 'predict', api: 'invoke', on: 'model' },
  ],
  params: {
    model: ['model', 'model_name', 'modelName', 'azure_deployment', 'deployment_name'],
    system: [],
    messages: [],
    outputLimit: ['max_tokens', 'max_completion_tokens', 'max_output_tokens', 'max_tokens_to_sample',
      'maxTokens', 'maxOutputTokens', 'num_predict', 'numPredict'],
    stream: ['streaming'],
    baseUrl: ['base_url', 'openai_api_base', 'baseURL', 'configuration.baseURL', 'azure_endpoint'],
  },
};
