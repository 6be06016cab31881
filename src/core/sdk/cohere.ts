import type { SdkEntry } from './types';

export const cohere: SdkEntry = {
  sdk: 'cohere',
  pythonModules: ['cohere'],
  jsModules: ['cohere-ai'],
  mentions: ['cohere'],
  constructors: ['Client', 'ClientV2', 'AsyncClient', 'AsyncClientV2', 'CohereClient', 'CohereClientV2'].map(
    (name) => ({ name, kind: 'client' as const }),
  ),
  methods: [
    { path: 'chat', api: 'chat', on: 'client' },
    { path: 'chat_stream', api: 'chat_stream', stream: true, on: 'client' },
    { path: 'chatStream', api: 'chat_stream', stream: true, on: 'client' },
    { path: 'embed', api: 'embeddings', on: 'client' },
    { path: 'generate', api: 'generate', on: 'client' },
  ],
  params: {
    model: ['model'],
    system: ['preamble'],
    messages: ['messages', 'message', 'texts', 'prompt'],
    outputLimit: ['max_tokens', 'maxTokens'],
    stream: [],
    baseUrl: ['base_url', 'baseUrl'],
    tools: ['tools'],
    structuredOutput: ['response_format', 'responseFormat'],
  },
  transparent: ['v2'],
};
