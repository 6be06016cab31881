import { isHost, type Provider } from './types';

/**
 * Path segments routers and SDKs put before a model name (`groq/`, `together_ai/`, `openrouter/`,
 * `azure/`, `anthropic/`, LangChain's provider names): hosts serve other makers' models at their own prices,
 * makers are the providers whose own models the name is.
 */
const providerWords: Record<string, Provider> = {
  openai: 'openai',
  azure: 'openai',
  azure_openai: 'openai',
  anthropic: 'anthropic',
  claude: 'anthropic',
  gemini: 'google',
  google: 'google',
  google_genai: 'google',
  google_vertexai: 'google',
  vertex_ai: 'google',
  vertexai: 'google',
  deepseek: 'deepseek',
  mistral: 'mistral',
  mistralai: 'mistral',
  xai: 'xai',
  'x-ai': 'xai',
  cohere: 'cohere',
  cohere_chat: 'cohere',
  voyage: 'voyage',
  voyageai: 'voyage',
  bedrock: 'bedrock',
  bedrock_converse: 'bedrock',
  groq: 'groq',
  together: 'together',
  together_ai: 'together',
  togetherai: 'together',
  fireworks: 'fireworks',
  fireworks_ai: 'fireworks',
  openrouter: 'openrouter',
};

/** The provider a word names (`together_ai`, `mistralai`, `bedrock_converse`), or null. */
export function providerOfWord(word: string | undefined): Provider | null {
  return (word && providerWords[word.trim().toLowerCase()]) || null;
}

/** Bedrock's vendors (`amazon.nova-pro-v1:0`) and the covered provider each one is, when it is one. */
const bedrockVendors: Record<string, Provider | null> = {
  amazon: null,
  meta: null,
  ai21: null,
  qwen: null,
  nvidia: null,
  writer: null,
  twelvelabs: null,
  minimax: null,
  moonshot: null,
  moonshotai: null,
  zai: null,
  stability: null,
  anthropic: 'anthropic',
  cohere: 'cohere',
  deepseek: 'deepseek',
  google: 'google',
  mistral: 'mistral',
  openai: 'openai',
  xai: 'xai',
};

/** `[region.]vendor.model` — a Bedrock model id or cross-region inference profile. */
const bedrockId = new RegExp(
  `^(?:(us|eu|apac|au|ca|jp|global|us-gov)\\.)?(${Object.keys(bedrockVendors).join('|')})\\.(.+)$`,
);

/** One way to read a name: the key to look it up by, and the provider whose list it belongs to (null: any). */
export interface NameReading {
  key: string;
  provider: Provider | null;
}

export interface ParsedName {
  /** The model name, lowercase, without routers, clouds, regions, vendors or version tags. */
  bare: string;
  /** The host a route segment or a Bedrock id names (`groq/`, `openrouter/`, `amazon.…`), if any. */
  host: Provider | null;
  /** The maker a segment or a Bedrock vendor names (`anthropic/`, `mistralai/`, `anthropic.…`), if any. */
  maker: Provider | null;
  /** For a Bedrock id: `vendor.model`, and `region.vendor.model` for an inference profile. */
  bedrockKeys: string[];
}

/** Vertex `claude-sonnet-4-5@20250929`, Bedrock `...-v1:0` / `...:0`, Ollama-style `:latest`. */
function withoutVersionTag(name: string): string {
  return name
    .replace(/@[\w.-]+$/, '')
    .replace(/-v\d+:\d+$/, '')
    .replace(/:(?:\d+|latest)$/, '');
}

/** LangChain's `provider:model` (`init_chat_model("openai:gpt-4.1")`): a provider word, a colon, the model. */
const providerColon = /^([a-z_-]+):(?!\d+$|latest$)(.+)$/;

export function parseModelName(name: string): ParsedName {
  let lower = name.trim().toLowerCase();
  const colon = providerColon.exec(lower);
  // Read as the route it names: `groq:llama-3.3-70b-versatile` is `groq/llama-3.3-70b-versatile`.
  if (colon && providerWords[colon[1] as string]) lower = `${colon[1]}/${colon[2]}`;
  const segments = lower.split('/').filter(Boolean);
  let host: Provider | null = null;
  let maker: Provider | null = null;
  for (const segment of segments.slice(0, -1)) {
    const provider = providerWords[segment];
    if (!provider) continue;
    // The first router named is where the call goes (`groq/openai/gpt-oss-120b` is Groq's); the last maker is whose model it is.
    if (isHost(provider)) host ??= provider;
    else maker = provider;
  }
  let bare = segments[segments.length - 1] ?? '';
  const bedrockKeys: string[] = [];
  const bedrock = bedrockId.exec(bare);
  if (bedrock) {
    const [, region, vendor = '', model = ''] = bedrock;
    // Only the revision goes: `-v2` is a model version on Bedrock (`amazon.titan-embed-text-v2:0` is not v1).
    const id = `${vendor}.${model}`.replace(/:\d+$/, '');
    if (region) bedrockKeys.push(`${region}.${id}`);
    bedrockKeys.push(id);
    host ??= 'bedrock';
    maker = bedrockVendors[vendor] ?? maker;
    bare = model;
  }
  return { bare: withoutVersionTag(bare), host, maker, bedrockKeys };
}

/**
 * The readings of a name to try, most specific first: a Bedrock id in Bedrock's list (the inference profile's
 * region first), the host a route or the call names (`groq/`, a Groq base URL), then the maker's own list
 * (`anthropic.claude-…` on Bedrock is Anthropic's Claude), then the provider the call's SDK suggests.
 */
export function nameReadings(parsed: ParsedName, hinted: Provider | null): NameReading[] {
  const readings: NameReading[] = parsed.bedrockKeys.map((key) => ({ key: canonicalKey(key), provider: 'bedrock' }));
  const bare = canonicalKey(parsed.bare);
  const add = (provider: Provider | null): void => {
    if (provider && !readings.some((r) => r.key === bare && r.provider === provider))
      readings.push({ key: bare, provider });
  };
  // A Bedrock id is looked up whole in Bedrock's list; its bare model name only in its maker's.
  if (parsed.bedrockKeys.length === 0) add(parsed.host);
  if (hinted && isHost(hinted)) add(hinted);
  add(parsed.maker);
  if (hinted && !isHost(hinted)) add(hinted);
  return readings;
}

/** The most specific key of a name: what an entry's own names are indexed by. */
export function indexKey(name: string): string {
  const parsed = parseModelName(name);
  return canonicalKey(parsed.bedrockKeys[0] ?? parsed.bare);
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

/** Hosts by their API's address, checked before the makers' (Groq's is `api.groq.com/openai/v1`). */
const hostUrls: readonly [string, Provider][] = [
  ['groq.com', 'groq'],
  ['together.xyz', 'together'],
  ['together.ai', 'together'],
  ['fireworks.ai', 'fireworks'],
  ['openrouter.ai', 'openrouter'],
  ['bedrock', 'bedrock'],
  ['anthropic', 'anthropic'],
  ['deepseek', 'deepseek'],
  ['mistral', 'mistral'],
  ['x.ai', 'xai'],
  ['googleapis', 'google'],
  ['generativelanguage', 'google'],
  ['cohere', 'cohere'],
  ['voyageai', 'voyage'],
  ['openai', 'openai'],
];

/** SDKs that reach one provider only. */
const sdkProviders: Record<string, Provider> = {
  anthropic: 'anthropic',
  google: 'google',
  mistral: 'mistral',
  cohere: 'cohere',
  voyage: 'voyage',
  bedrock: 'bedrock',
};

/**
 * The provider a call goes to, from what the code says besides the model name: the provider a LangChain class,
 * an `init_chat_model("groq:…")` prefix or a Vercel provider factory names, else the base URL, else an SDK that
 * reaches one provider (the OpenAI SDK without a base URL is OpenAI's).
 */
export function providerFromHint(sdk?: string, baseUrl?: string | null, named?: string): Provider | null {
  const fromName = providerOfWord(named);
  const url = (baseUrl ?? '').toLowerCase();
  const byUrl = hostUrls.find(([part]) => url.includes(part));
  // `openai` named by an OpenAI-protocol class (`ChatOpenAI(base_url=…)`) is the protocol: a known host's base URL
  // says who serves and bills the call.
  if (fromName && !(fromName === 'openai' && byUrl)) return fromName;
  if (byUrl) return byUrl[1];
  if (sdk === 'openai' && !url) return 'openai';
  return (sdk && sdkProviders[sdk]) || null;
}
