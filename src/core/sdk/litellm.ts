import type { SdkEntry } from './types';

export const litellm: SdkEntry = {
  sdk: 'litellm',
  pythonModules: ['litellm'],
  jsModules: [],
  mentions: ['litellm'],
  constructors: [{ name: 'Router', kind: 'client' }],
  methods: [
    { path: 'completion', api: 'completion', on: 'client' },
    { path: 'acompletion', api: 'acompletion', on: 'client' },
    { path: 'embedding', api: 'embeddings', on: 'client' },
    { path: 'aembedding', api: 'embeddings', on: 'client' },
  ],
  functions: [
    { path: 'completion', api: 'completion' },
    { path: 'acompletion', api: 'acompletion' },
    { path: 'text_completion', api: 'text_completion' },
    { path: 'atext_completion', api: 'text_completion' },
    { path: 'responses', api: 'responses.create' },
    { path: 'aresponses', api: 'responses.create' },
    { path: 'embedding', api: 'embeddings' },
    { path: 'aembedding', api: 'embeddings' },
    { path: 'batch_completion', api: 'completion' },
  ],
  params: {
    model: ['model'],
    system: [],
    messages: ['messages', 'input', 'prompt'],
    outputLimit: ['max_tokens', 'max_completion_tokens', 'max_output_tokens'],
    stream: ['stream'],
    baseUrl: ['api_base', 'base_url'],
    reasoningEffort: ['reasoning_effort'],
    thinkingBudget: ['thinking.budget_tokens'],
    tools: ['tools', 'functions'],
    structuredOutput: ['response_format'],
  },
};
