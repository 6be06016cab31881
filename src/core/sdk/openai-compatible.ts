import type { SdkEntry } from './types';

/**
 * SDKs of other providers that copy the OpenAI client's shape (`client.chat.completions.create`): billable,
 * priced by the provider's model names. OpenAI's own client with a `base_url` stays under `openai`.
 */
export const openaiCompatible: SdkEntry = {
  sdk: 'other',
  pythonModules: ['groq', 'together', 'cerebras.cloud.sdk', 'fireworks.client', 'openrouter'],
  jsModules: ['groq-sdk', 'together-ai', '@cerebras/cerebras_cloud_sdk', '@openrouter/sdk'],
  mentions: ['groq', 'Groq', 'together', 'cerebras', 'fireworks', 'openrouter'],
  constructors: [
    'Groq',
    'AsyncGroq',
    'Together',
    'AsyncTogether',
    'Cerebras',
    'AsyncCerebras',
    'Fireworks',
    'OpenRouter',
  ].map((name) => ({ name, kind: 'client' as const })),
  methods: [
    { path: 'chat.completions.create', api: 'chat.completions.create', on: 'client', distinctive: true },
    // together-ai's stream helper (`stream.on('content', ...)`, `finalContent()`), as in the OpenAI client.
    { path: 'chat.completions.stream', api: 'chat.completions.stream', stream: true, on: 'client', distinctive: true },
    { path: 'completions.create', api: 'completions.create', on: 'client' },
    { path: 'embeddings.create', api: 'embeddings', on: 'client' },
    { path: 'chat.completions.create', api: 'chat.completions.create', on: 'module' },
  ],
  params: {
    model: ['model'],
    system: [],
    messages: ['messages', 'prompt', 'input'],
    outputLimit: ['max_completion_tokens', 'max_tokens'],
    stream: ['stream'],
    baseUrl: ['base_url', 'baseURL'],
    reasoningEffort: ['reasoning_effort'],
    tools: ['tools', 'functions'],
    structuredOutput: ['response_format'],
  },
  transparent: ['with_raw_response', 'with_streaming_response'],
};
