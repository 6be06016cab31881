import type { Sdk } from '../analysis/types';
import { anthropic } from './anthropic';
import { bedrock } from './bedrock';
import { cohere } from './cohere';
import { google } from './google';
import { instructor } from './instructor';
import { langchain } from './langchain';
import { litellm } from './litellm';
import { mistral } from './mistral';
import { openai } from './openai';
import { openaiCompatible } from './openai-compatible';
import type { SdkEntry } from './types';
import { vercelAi } from './vercel-ai';
import { voyage } from './voyage';

export type * from './types';

/** Every SDK the analyser knows; order matters only when two claim the same import (first wins). */
export const catalog: readonly SdkEntry[] = [
  openai,
  anthropic,
  google,
  vercelAi,
  litellm,
  langchain,
  mistral,
  cohere,
  bedrock,
  voyage,
  instructor,
  openaiCompatible,
];

export function sdkEntry(sdk: Sdk): SdkEntry | undefined {
  return catalog.find((entry) => entry.sdk === sdk);
}

/** The SDK a Python module name belongs to (`google.genai.types` → google). */
export function sdkForPythonModule(module: string): SdkEntry | undefined {
  return catalog.find((entry) => entry.pythonModules.some((m) => module === m || module.startsWith(`${m}.`)));
}

/** The SDK a JS package specifier belongs to (`@ai-sdk/openai` → vercel-ai, `openai/resources` → openai). */
export function sdkForJsModule(specifier: string): SdkEntry | undefined {
  return catalog.find((entry) =>
    entry.jsModules.some((m) =>
      m.endsWith('/') ? specifier.startsWith(m) : specifier === m || specifier.startsWith(`${m}/`),
    ),
  );
}

let billable: ReadonlySet<string> | undefined;
let qualifiedBillable: readonly (readonly [before: string, name: string])[] | undefined;

/** Every final method or function name that can end a billable call: the analyser's text pre-filter. */
export function billableNames(): ReadonlySet<string> {
  // Built once: the catalog is constant, and the analyser asks for every file it reads.
  if (!billable) {
    const names = new Set<string>();
    for (const entry of catalog) {
      for (const m of [...entry.methods, ...(entry.functions ?? [])])
        if (!m.qualified) names.add(m.path.split('.').pop() as string);
    }
    billable = names;
  }
  return billable;
}

/** The final names of `qualified` methods with the path segment before each (`['conversations', 'append']`). */
export function qualifiedBillableNames(): readonly (readonly [before: string, name: string])[] {
  if (!qualifiedBillable) {
    const plain = billableNames();
    const pairs = new Map<string, readonly [string, string]>();
    for (const entry of catalog) {
      for (const m of entry.methods) {
        const parts = m.path.split('.');
        const name = parts[parts.length - 1];
        const before = parts[parts.length - 2];
        if (m.qualified && name && before && !plain.has(name)) pairs.set(`${before}.${name}`, [before, name]);
      }
    }
    qualifiedBillable = [...pairs.values()];
  }
  return qualifiedBillable;
}

/** Whether `name` is a constructor that wraps an object it is given (instructor's `from_gemini(model)`, `LLMChain(llm=...)`). */
export function isWrappingConstructor(name: string): boolean {
  return catalog.some((entry) => entry.constructors.some((c) => c.wraps !== undefined && c.name === name));
}

/** The api names of calls that take an embedding model: OpenAI-style `embeddings`, Cohere's and Vercel's `embed`, `embedMany`. */
const embeddingApis: ReadonlySet<string> = new Set(['embeddings', 'embed', 'embedMany']);

export function isEmbeddingApi(api: string): boolean {
  return embeddingApis.has(api);
}
