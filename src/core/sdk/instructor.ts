import type { Sdk } from '../analysis/types';
import type { ObjectKind, SdkEntry } from './types';

/**
 * The wrappers, and the SDK of the client each is given for when the file does not show that client
 * (`from_gemini` takes a `GenerativeModel`; a Groq client has no SDK of its own here to name).
 */
const wrappers: [string, Sdk?, ObjectKind?][] = [
  ['from_openai', 'openai', 'client'],
  ['from_anthropic', 'anthropic', 'client'],
  ['from_gemini', 'google', 'model'],
  ['from_genai', 'google', 'client'],
  ['from_mistral', 'mistral', 'client'],
  ['from_cohere', 'cohere', 'client'],
  ['from_groq'],
  ['from_vertexai', 'google', 'model'],
  ['patch', 'openai', 'client'],
  ['apatch', 'openai', 'client'],
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
    ...wrappers.map(([name, sdk, kind = 'client']) => ({
      name,
      kind: 'client' as const,
      wraps: 0,
      ...(sdk ? { wrapsSdk: { sdk, kind } } : {}),
    })),
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
  // What instructor's methods send on the client it wraps: each SDK's chat call.
  wrapperApis: {
    openai: 'chat.completions.create',
    anthropic: 'messages.create',
    google: 'generate_content',
    mistral: 'chat.complete',
    cohere: 'chat',
    // The OpenAI-shaped clients of other providers (Groq, Together).
    other: 'chat.completions.create',
  },
  params: {
    model: ['model'],
    system: ['system'],
    messages: ['messages'],
    outputLimit: ['max_completion_tokens', 'max_tokens'],
    stream: ['stream'],
    baseUrl: [],
  },
};
