import type { SdkEntry } from './types';

const wrappers = [
  'from_openai',
  'from_anthropic',
  'from_gemini',
  'from_genai',
  'from_mistral',
  'from_cohere',
  'from_groq',
  'from_vertexai',
  'patch',
  'apatch',
];

/**
 * instructor: structured outputs over the SDKs' own clients. The wrappers hand back the client they are given
 * (so `instructor.from_openai(OpenAI())` is an OpenAI client, priced as one); `from_provider("openai/gpt-4o")`
 * makes a client whose model is named in its first argument.
 */
export const instructor: SdkEntry = {
  sdk: 'other',
  pythonModules: ['instructor'],
  jsModules: ['@instructor-ai/instructor'],
  mentions: ['instructor'],
  // First: what a JS default import (`import Instructor from '@instructor-ai/instructor'`) stands for.
  constructors: [
    { name: 'Instructor', kind: 'client', wraps: 'client' },
    ...wrappers.map((name) => ({ name, kind: 'client' as const, wraps: 0 })),
    { name: 'from_provider', kind: 'client', carriesSettings: true, positionalModel: true },
  ],
  methods: [
    { path: 'chat.completions.create', api: 'chat.completions.create', on: 'client' },
    { path: 'chat.completions.create_with_completion', api: 'chat.completions.create', on: 'client' },
    { path: 'chat.completions.create_partial', api: 'chat.completions.create', stream: true, on: 'client' },
    { path: 'chat.completions.create_iterable', api: 'chat.completions.create', on: 'client' },
    { path: 'messages.create', api: 'messages.create', on: 'client' },
    { path: 'create', api: 'chat.completions.create', on: 'client' },
    { path: 'create_with_completion', api: 'chat.completions.create', on: 'client' },
    { path: 'create_partial', api: 'chat.completions.create', stream: true, on: 'client' },
    { path: 'create_iterable', api: 'chat.completions.create', on: 'client' },
  ],
  params: {
    model: ['model'],
    system: ['system'],
    messages: ['messages'],
    outputLimit: ['max_completion_tokens', 'max_tokens'],
    stream: ['stream'],
    baseUrl: [],
  },
};
