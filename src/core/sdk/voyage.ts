import type { SdkEntry } from './types';

/** Voyage AI embeddings and reranking, common beside the chat SDKs in RAG code. */
export const voyage: SdkEntry = {
  sdk: 'voyage',
  pythonModules: ['voyageai'],
  jsModules: ['voyageai'],
  mentions: ['voyageai', 'VoyageAI'],
  constructors: [
    { name: 'Client', kind: 'client' },
    { name: 'AsyncClient', kind: 'client' },
    { name: 'VoyageAIClient', kind: 'client' },
  ],
  methods: [
    { path: 'embed', api: 'embeddings', on: 'client' },
    { path: 'multimodal_embed', api: 'embeddings', on: 'client' },
    { path: 'contextualized_embed', api: 'embeddings', on: 'client' },
    { path: 'rerank', api: 'rerank', on: 'client' },
  ],
  params: {
    model: ['model'],
    system: [],
    messages: ['texts', 'input', 'inputs', 'query'],
    outputLimit: [],
    stream: [],
    baseUrl: ['base_url'],
  },
};
