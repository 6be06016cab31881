import type { SdkEntry } from './types';

export const anthropic: SdkEntry = {
  sdk: 'anthropic',
  pythonModules: ['anthropic'],
  jsModules: [
    '@anthropic-ai/sdk',
    '@anthropic-ai/bedrock-sdk',
    '@anthropic-ai/vertex-sdk',
    '@anthropic-ai/foundry-sdk',
  ],
  mentions: ['anthropic'],
  constructors: [
    'Anthropic',
    'AsyncAnthropic',
    'AnthropicBedrock',
    'AsyncAnthropicBedrock',
    'AnthropicVertex',
    'AsyncAnthropicVertex',
    'AnthropicFoundry',
    'AsyncAnthropicFoundry',
    // The Python SDK's aliases of Anthropic and AsyncAnthropic (`anthropic.Client()` in Anthropic's cookbooks).
    'Client',
    'AsyncClient',
  ].map((name) => ({ name, kind: 'client' as const })),
  methods: [
    { path: 'messages.create', api: 'messages.create', on: 'client' },
    { path: 'messages.stream', api: 'messages.stream', stream: true, on: 'client' },
    { path: 'messages.parse', api: 'messages.parse', on: 'client' },
    // Added by instructor to the clients it wraps.
    { path: 'messages.create_with_completion', api: 'messages.create', on: 'client' },
    { path: 'messages.create_partial', api: 'messages.create', stream: true, on: 'client' },
    { path: 'messages.tool_runner', api: 'messages.tool_runner', on: 'client' },
    { path: 'messages.toolRunner', api: 'messages.tool_runner', on: 'client' },
    { path: 'messages.batches.create', api: 'messages.batches.create', batch: true, on: 'client' },
    { path: 'completions.create', api: 'completions.create', on: 'client' },
  ],
  params: {
    model: ['model'],
    system: ['system'],
    messages: ['messages', 'prompt'],
    outputLimit: ['max_tokens', 'max_tokens_to_sample'],
    stream: ['stream'],
    baseUrl: ['base_url', 'baseURL'],
    tools: ['tools'],
    structuredOutput: ['output_format', 'output_config.format'],
    // Extended thinking: `thinking={"type": "enabled", "budget_tokens": N}` (the same key in TypeScript).
    thinkingBudget: ['thinking.budget_tokens'],
  },
  // `beta.prompt_caching` held the cache_control beta before it became general, `beta.tools` the tool-use beta
  // (2024 code still calls `client.beta.tools.messages.create`).
  transparent: ['with_raw_response', 'with_streaming_response', 'beta', 'prompt_caching', 'tools', 'withResponse'],
};
