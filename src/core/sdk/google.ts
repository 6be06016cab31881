import type { SdkEntry } from './types';

const gen = (path: string, api: string, on: 'client' | 'model' | 'chat', stream = false) => ({ path, api, on, stream });

export const google: SdkEntry = {
  sdk: 'google',
  pythonModules: [
    'google.genai',
    'google.generativeai',
    'vertexai.generative_models',
    'vertexai.preview.generative_models',
  ],
  jsModules: ['@google/genai', '@google/generative-ai', '@google-cloud/vertexai'],
  mentions: ['genai', 'generative', 'GoogleGenAI', 'GenerativeModel'],
  constructors: [
    { name: 'Client', kind: 'client' },
    { name: 'GoogleGenAI', kind: 'client' },
    { name: 'GoogleGenerativeAI', kind: 'client' },
    { name: 'VertexAI', kind: 'client' },
    { name: 'GenerativeModel', kind: 'model', carriesSettings: true, positionalModel: true },
  ],
  factories: [
    { path: 'chats.create', on: 'client', kind: 'chat', carriesSettings: true },
    { path: 'getGenerativeModel', on: 'client', kind: 'model', carriesSettings: true },
    { path: 'start_chat', on: 'model', kind: 'chat' },
    // `startChat({ generationConfig })` (the JavaScript SDKs) replaces the model's config for the chat's requests;
    // Python's `start_chat` takes only the history.
    { path: 'startChat', on: 'model', kind: 'chat', carriesSettings: true },
  ],
  methods: [
    { ...gen('models.generate_content', 'generate_content', 'client'), distinctive: true },
    { ...gen('models.generate_content_stream', 'generate_content_stream', 'client', true), distinctive: true },
    gen('models.generateContent', 'generate_content', 'client'),
    gen('models.generateContentStream', 'generate_content_stream', 'client', true),
    gen('models.embed_content', 'embeddings', 'client'),
    gen('models.embedContent', 'embeddings', 'client'),
    gen('batches.create', 'batches.create', 'client'),
    gen('interactions.create', 'interactions.create', 'client'),
    gen('generate_content', 'generate_content', 'model'),
    gen('generate_content_async', 'generate_content', 'model'),
    gen('generateContent', 'generate_content', 'model'),
    gen('generateContentStream', 'generate_content_stream', 'model', true),
    gen('send_message', 'send_message', 'chat'),
    gen('send_message_async', 'send_message', 'chat'),
    gen('send_message_stream', 'send_message_stream', 'chat', true),
    gen('sendMessage', 'send_message', 'chat'),
    gen('sendMessageStream', 'send_message_stream', 'chat', true),
    // @google/generative-ai's embedding model (`getGenerativeModel({ model: 'text-embedding-004' })`).
    gen('embedContent', 'embeddings', 'model'),
    gen('batchEmbedContents', 'embeddings', 'model'),
  ].map((m) => (m.path.startsWith('batches') ? { ...m, batch: true } : m)),
  // google.generativeai's module functions (the SDK before google.genai, still in RAG code).
  functions: [{ path: 'embed_content', api: 'embeddings' }],
  params: {
    // The Interactions API runs an agent (`agent="deep-research-pro-preview-12-2025"`) in place of a model.
    model: ['model', 'model_name', 'modelName', 'agent'],
    system: ['config.system_instruction', 'config.systemInstruction', 'system_instruction', 'systemInstruction'],
    // `input` is the Interactions API's prompt.
    messages: ['contents', 'message', 'content', 'request', 'input'],
    outputLimit: [
      'config.max_output_tokens',
      'config.maxOutputTokens',
      'generation_config.max_output_tokens',
      'generationConfig.maxOutputTokens',
      'max_output_tokens',
      'maxOutputTokens',
    ],
    stream: ['stream'],
    baseUrl: ['http_options.base_url', 'httpOptions.baseUrl'],
    tools: ['config.tools', 'tools'],
    structuredOutput: [
      'config.response_schema',
      'config.responseSchema',
      'config.response_json_schema',
      'config.responseJsonSchema',
      'config.response_mime_type',
      'config.responseMimeType',
      'generation_config.response_schema',
      'generationConfig.responseSchema',
    ],
    config: ['config', 'generation_config', 'generationConfig'],
    // A thinking budget of 0 turns thinking off; a thinking level is an effort.
    reasoningEffort: [
      'config.thinking_config.thinking_budget',
      'config.thinkingConfig.thinkingBudget',
      'config.thinking_config.thinking_level',
      'config.thinkingConfig.thinkingLevel',
    ],
    thinkingBudget: ['config.thinking_config.thinking_budget', 'config.thinkingConfig.thinkingBudget'],
  },
  transparent: ['aio'],
};
