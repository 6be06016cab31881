import type { SdkEntry } from './types';

export const mistral: SdkEntry = {
  sdk: 'mistral',
  pythonModules: ['mistralai'],
  jsModules: ['@mistralai/mistralai'],
  mentions: ['mistralai'],
  constructors: [
    { name: 'Mistral', kind: 'client' },
    { name: 'MistralClient', kind: 'client' },
  ],
  methods: [
    { path: 'chat.complete', api: 'chat.complete', on: 'client', distinctive: true },
    { path: 'chat.complete_async', api: 'chat.complete', on: 'client', distinctive: true },
    { path: 'chat.stream', api: 'chat.stream', stream: true, on: 'client' },
    { path: 'chat.stream_async', api: 'chat.stream', stream: true, on: 'client', distinctive: true },
    { path: 'embeddings.create', api: 'embeddings', on: 'client' },
    { path: 'fim.complete', api: 'fim.complete', on: 'client' },
    { path: 'chat', api: 'chat.complete', on: 'client' },
  ],
  params: {
    model: ['model'],
    system: [],
    messages: ['messages', 'inputs', 'prompt'],
    outputLimit: ['max_tokens', 'maxTokens'],
    stream: ['stream'],
    baseUrl: ['server_url', 'serverURL'],
    tools: ['tools'],
    structuredOutput: ['response_format', 'responseFormat'],
  },
};
