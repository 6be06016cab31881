import type { SdkEntry } from './types';

/** Provider packages export factories (`openai`, `createOpenAI`); a provider called with a name makes a model. */
const providers = [
  'openai',
  'anthropic',
  'google',
  'vertex',
  'azure',
  'mistral',
  'cohere',
  'groq',
  'xai',
  'deepseek',
  'bedrock',
  'perplexity',
  'togetherai',
  'fireworks',
  'openrouter',
  'ollama',
  'cerebras',
  'gateway',
];
const capitalised = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

export const vercelAi: SdkEntry = {
  sdk: 'vercel-ai',
  pythonModules: [],
  jsModules: ['ai', '@ai-sdk/', '@openrouter/ai-sdk-provider', 'ollama-ai-provider'],
  mentions: ['from "ai"', "from 'ai'", 'require("ai")', "require('ai')", '@ai-sdk/'],
  constructors: [
    ...providers.map((name) => ({ name, kind: 'provider' as const })),
    ...providers.map((name) => ({ name: `create${capitalised(name)}`, kind: 'provider' as const })),
    ...[
      'createOpenAICompatible',
      'createOpenRouter',
      'createGoogleGenerativeAI',
      'createAmazonBedrock',
      'createTogetherAI',
      'createDeepInfra',
      'createOllama',
      'openrouter',
      'gemini',
    ].map((name) => ({ name, kind: 'provider' as const })),
    // Agents (AI SDK 5's `Experimental_Agent`, 6's `ToolLoopAgent`) hold the call settings; `generate` and
    // `stream` run the model (a loop of generateText / streamText steps).
    ...['ToolLoopAgent', 'Experimental_Agent'].map((name) => ({ name, kind: 'chat' as const, carriesSettings: true })),
  ],
  methods: [
    { path: 'generate', api: 'generateText', on: 'chat', needsReceiver: true },
    { path: 'stream', api: 'streamText', stream: true, on: 'chat', needsReceiver: true },
  ],
  functions: [
    { path: 'generateText', api: 'generateText' },
    { path: 'streamText', api: 'streamText', stream: true },
    { path: 'generateObject', api: 'generateObject' },
    { path: 'streamObject', api: 'streamObject', stream: true },
    { path: 'embed', api: 'embed' },
    { path: 'embedMany', api: 'embedMany' },
  ],
  params: {
    model: ['model'],
    // `instructions`: an agent's system prompt, and generateText's / streamText's in AI SDK 6.
    system: ['system', 'instructions'],
    messages: ['messages', 'prompt', 'value', 'values'],
    outputLimit: ['maxOutputTokens', 'maxTokens'],
    stream: [],
    baseUrl: ['baseURL'],
    reasoningEffort: ['providerOptions.openai.reasoningEffort'],
    thinkingBudget: [
      'providerOptions.anthropic.thinking.budgetTokens',
      'providerOptions.google.thinkingConfig.thinkingBudget',
    ],
    tools: ['tools'],
    structuredOutput: ['schema', 'output', 'experimental_output'],
  },
};
