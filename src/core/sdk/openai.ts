import type { SdkEntry } from './types';

const chat = { on: 'client' as const, distinctive: true };

export const openai: SdkEntry = {
  sdk: 'openai',
  pythonModules: ['openai'],
  jsModules: ['openai', '@azure/openai'],
  mentions: ['openai', 'OpenAI'],
  constructors: [
    { name: 'OpenAI', kind: 'client' },
    { name: 'AsyncOpenAI', kind: 'client' },
    { name: 'AzureOpenAI', kind: 'client' },
    { name: 'AsyncAzureOpenAI', kind: 'client' },
    { name: 'BedrockOpenAI', kind: 'client' },
    // openai-python's aliases of OpenAI and AsyncOpenAI (`client: openai.Client`).
    { name: 'Client', kind: 'client' },
    { name: 'AsyncClient', kind: 'client' },
    // openai-node v3 (still in many repositories): `new OpenAIApi(configuration).createChatCompletion({...})`.
    { name: 'OpenAIApi', kind: 'client' },
  ],
  methods: [
    { path: 'chat.completions.create', api: 'chat.completions.create', ...chat },
    { path: 'chat.completions.parse', api: 'chat.completions.parse', ...chat },
    { path: 'chat.completions.stream', api: 'chat.completions.stream', stream: true, ...chat },
    { path: 'chat.completions.runTools', api: 'chat.completions.runTools', ...chat },
    // Added by instructor to the clients it wraps.
    { path: 'chat.completions.create_with_completion', api: 'chat.completions.create', ...chat },
    { path: 'chat.completions.create_partial', api: 'chat.completions.create', stream: true, ...chat },
    { path: 'chat.completions.create_iterable', api: 'chat.completions.create', ...chat },
    { path: 'responses.create', api: 'responses.create', on: 'client' },
    { path: 'responses.parse', api: 'responses.parse', on: 'client' },
    { path: 'responses.stream', api: 'responses.stream', stream: true, on: 'client' },
    { path: 'completions.create', api: 'completions.create', on: 'client' },
    { path: 'embeddings.create', api: 'embeddings', on: 'client' },
    { path: 'batches.create', api: 'batches.create', batch: true, on: 'client' },
    { path: 'createChatCompletion', api: 'chat.completions.create', on: 'client' },
    { path: 'createCompletion', api: 'completions.create', on: 'client' },
    { path: 'createEmbedding', api: 'embeddings', on: 'client' },
    // The module itself is a client in Python (`openai.chat.completions.create`), and pre-1.0 code still runs.
    { path: 'chat.completions.create', api: 'chat.completions.create', on: 'module' },
    { path: 'responses.create', api: 'responses.create', on: 'module' },
    { path: 'embeddings.create', api: 'embeddings', on: 'module' },
    { path: 'ChatCompletion.create', api: 'chat.completions.create', on: 'module' },
    { path: 'ChatCompletion.acreate', api: 'chat.completions.create', on: 'module' },
    { path: 'Completion.create', api: 'completions.create', on: 'module' },
    { path: 'Completion.acreate', api: 'completions.create', on: 'module' },
    { path: 'Embedding.create', api: 'embeddings', on: 'module' },
    { path: 'Embedding.acreate', api: 'embeddings', on: 'module' },
  ],
  params: {
    model: ['model', 'engine', 'deployment_id'],
    system: ['instructions'],
    messages: ['messages', 'input', 'prompt'],
    outputLimit: ['max_completion_tokens', 'max_output_tokens', 'max_tokens'],
    stream: ['stream'],
    baseUrl: ['base_url', 'baseURL', 'azure_endpoint', 'endpoint', 'api_base'],
    reasoningEffort: ['reasoning_effort', 'reasoning.effort'],
    tools: ['tools', 'functions'],
    structuredOutput: ['response_format', 'text_format', 'text.format'],
  },
  transparent: ['with_raw_response', 'with_streaming_response', 'beta'],
};
