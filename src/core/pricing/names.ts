import type { Provider } from './types';

/** Path segments and dotted vendor prefixes that routers and clouds put before a model name. */
const vendorDot = /^(?:(?:us|eu|apac|au|jp|global)\.)?(?:anthropic|openai|mistral|deepseek|google|xai)\./;

const providerWords: Record<string, Provider> = {
  openai: 'openai',
  azure: 'openai',
  anthropic: 'anthropic',
  claude: 'anthropic',
  gemini: 'google',
  google: 'google',
  vertex_ai: 'google',
  deepseek: 'deepseek',
  google_genai: 'google',
  google_vertexai: 'google',
  mistral: 'mistral',
  mistralai: 'mistral',
  xai: 'xai',
  'x-ai': 'xai',
};

export interface ParsedName {
  /** The bare model name, lowercase, without routers, clouds, regions or version tags. */
  bare: string;
  /** The provider named by a prefix (`anthropic/...`, `bedrock/anthropic.`), if any. */
  provider: Provider | null;
}

/** LangChain's `provider:model` (`init_chat_model("openai:gpt-4.1")`): a provider word, a colon, the model. */
const providerColon = /^([a-z_-]+):(?!\d+$|latest$)(.+)$/;

export function parseModelName(name: string): ParsedName {
  let lower = name.trim().toLowerCase();
  let provider: Provider | null = null;
  const colon = providerColon.exec(lower);
  if (colon && providerWords[colon[1] as string]) {
    provider = providerWords[colon[1] as string] ?? null;
    lower = colon[2] as string;
  }
  const segments = lower.split('/').filter(Boolean);
  for (const segment of segments.slice(0, -1)) provider = providerWords[segment] ?? provider;
  let bare = segments[segments.length - 1] ?? '';
  const dotted = vendorDot.exec(bare);
  if (dotted) {
    const vendor = dotted[0].split('.').filter(Boolean).pop() ?? '';
    provider = providerWords[vendor] ?? provider;
    bare = bare.slice(dotted[0].length);
  }
  // Vertex `claude-sonnet-4-5@20250929`, Bedrock `...-v1:0`, Ollama-style `:latest`.
  bare = bare
    .replace(/@[\w.-]+$/, '')
    .replace(/-v\d+:\d+$/, '')
    .replace(/:(?:\d+|latest)$/, '');
  return { bare, provider };
}

/** The key names are compared by: dots and dashes are the same (`claude-sonnet-4.5` = `claude-sonnet-4-5`). */
export function canonicalKey(name: string): string {
  return name.trim().toLowerCase().replace(/\./g, '-');
}

/** Suffixes that name a snapshot or a moving alias of the same model, removed one at a time. */
const snapshotSuffixes: readonly RegExp[] = [
  /-latest$/,
  /-\d{4}-\d{2}-\d{2}$/,
  /-\d{8}$/,
  /-\d{2}-\d{4}$/,
  /-\d{4}$/,
  /-\d{3}$/,
  /-preview$/,
  /-exp$/,
];

/** The name with each snapshot suffix removed in turn, shortest last; excludes the name itself. */
export function withoutSnapshotSuffixes(key: string): string[] {
  const out: string[] = [];
  let current = key;
  for (let changed = true; changed;) {
    changed = false;
    for (const suffix of snapshotSuffixes) {
      const stripped = current.replace(suffix, '');
      if (stripped !== current && stripped.length > 0) {
        out.push(stripped);
        current = stripped;
        changed = true;
      }
    }
  }
  return out;
}

/** Provider from the call's SDK and base URL: a tie-break when a name alone is ambiguous. */
export function providerFromHint(sdk?: string, baseUrl?: string | null): Provider | null {
  const url = (baseUrl ?? '').toLowerCase();
  if (url.includes('anthropic')) return 'anthropic';
  if (url.includes('deepseek')) return 'deepseek';
  if (url.includes('mistral')) return 'mistral';
  if (url.includes('x.ai')) return 'xai';
  if (url.includes('googleapis') || url.includes('generativelanguage')) return 'google';
  if (url.includes('openai')) return 'openai';
  if (sdk === 'openai' && !url) return 'openai';
  if (sdk === 'anthropic') return 'anthropic';
  if (sdk === 'google') return 'google';
  if (sdk === 'mistral') return 'mistral';
  return null;
}
