import type { SdkEntry } from './types';

/** `conversations.start`, `start_async`, `start_stream`, `startStream`, … and whether each streams. */
const conversations: [string, boolean][] = ['start', 'append', 'restart'].flatMap((verb) => [
  [`conversations.${verb}`, false],
  [`conversations.${verb}_async`, false],
  [`conversations.${verb}_stream`, true],
  [`conversations.${verb}_stream_async`, true],
  [`conversations.${verb}Stream`, true],
]);

export const mistral: SdkEntry = {
  sdk: 'mistral',
  pythonModules: ['mistralai'],
  jsModules: ['@mistralai/mistralai'],
  mentions: ['mistralai'],
  constructors: [
    { name: 'Mistral', kind: 'client' },
    { name: 'MistralClient', kind: 'client' },
    { name: 'MistralAsyncClient', kind: 'client' },
  ],
  methods: [
    { path: 'chat.complete', api: 'chat.complete', on: 'client', distinctive: true },
    { path: 'chat.complete_async', api: 'chat.complete', on: 'client', distinctive: true },
    { path: 'chat.stream', api: 'chat.stream', stream: true, on: 'client' },
    { path: 'chat.stream_async', api: 'chat.stream', stream: true, on: 'client', distinctive: true },
    { path: 'embeddings.create', api: 'embeddings', on: 'client' },
    { path: 'fim.complete', api: 'fim.complete', on: 'client' },
    { path: 'chat', api: 'chat.complete', on: 'client' },
    // The SDK before 1.0 (`MistralClient`, still in cookbooks): `chat_stream`, `embeddings`; JS `chatStream`.
    { path: 'chat_stream', api: 'chat.stream', stream: true, on: 'client' },
    { path: 'chatStream', api: 'chat.stream', stream: true, on: 'client' },
    { path: 'embeddings', api: 'embeddings', on: 'client' },
    // The Agents and Conversations APIs (`client.beta.conversations.start(model=…, inputs=…)`).
    ...conversations.map(([path, stream]) => ({
      path,
      api: 'conversations',
      stream,
      on: 'client' as const,
      qualified: true,
    })),
    { path: 'agents.complete', api: 'agents.complete', on: 'client' },
    { path: 'agents.complete_async', api: 'agents.complete', on: 'client' },
    { path: 'agents.stream', api: 'agents.stream', stream: true, on: 'client' },
    { path: 'agents.stream_async', api: 'agents.stream', stream: true, on: 'client' },
  ],
  params: {
    model: ['model'],
    // A conversation's system prompt and limit: `instructions`, `completion_args={"max_tokens": …}`.
    system: ['instructions'],
    messages: ['messages', 'inputs', 'prompt'],
    outputLimit: ['max_tokens', 'maxTokens', 'completion_args.max_tokens', 'completionArgs.maxTokens'],
    stream: ['stream'],
    baseUrl: ['server_url', 'serverURL'],
    tools: ['tools'],
    structuredOutput: ['response_format', 'responseFormat'],
    config: ['completion_args', 'completionArgs'],
  },
  transparent: ['beta'],
};
