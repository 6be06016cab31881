/** Provider names that prefix model names: LangChain and pydantic-ai (`openai:gpt-4o`), gateways and LiteLLM (`anthropic/...`). */
const providerPrefix =
  /^(openai|azure_openai|azure|anthropic|google_genai|google_vertexai|google-genai|google-vertexai|google|gemini|vertex_ai|vertexai|mistralai|mistral|cohere|groq|xai|deepseek|fireworks|together|togetherai|perplexity|bedrock|bedrock_converse|ollama)([:/])(?=[\w.])/i;

/**
 * The provider a prefixed name gives, and the model. `openai:gpt-4o` (LangChain's `provider:model`, which no API
 * takes as written) becomes `gpt-4o`; `anthropic/claude-...` stays as written (LiteLLM and gateways send it so,
 * and prices read it) with its provider noted. Other names (`models/gemini-...`, `meta-llama/...`) are unchanged.
 */
export function providerPrefixed(name: string): { model: string; provider?: string } {
  const match = providerPrefix.exec(name);
  if (!match || match[0].length === name.length) return { model: name };
  const provider = (match[1] as string).toLowerCase();
  return match[2] === ':' ? { model: name.slice(match[0].length), provider } : { model: name, provider };
}

const providerWord =
  /(openai|azure|anthropic|claude|google|gemini|vertex|bedrock|mistral|cohere|groq|xai|grok|deepseek|fireworks|together|perplexity|ollama|voyage|openrouter)/i;
const canonicalProvider: Record<string, string> = {
  azure: 'openai',
  claude: 'anthropic',
  gemini: 'google',
  vertex: 'google',
  grok: 'xai',
};

/** The provider a factory or class name names (`ChatAnthropic`, `createOpenAI`, `google`), or undefined. */
export function providerOfName(name: string): string | undefined {
  const match = providerWord.exec(name);
  if (!match) return undefined;
  const word = (match[1] as string).toLowerCase();
  return canonicalProvider[word] ?? word;
}

/**
 * The cloud that serves and bills a model maker's client for it (`AnthropicBedrock`, `AsyncAnthropicVertex`,
 * LangChain's `ChatAnthropicVertex`): its name says the cloud after the maker, so the maker's word must not win.
 */
export function cloudOfClient(name: string): string | undefined {
  if (/Bedrock/.test(name)) return 'bedrock';
  if (/Vertex/.test(name)) return 'google';
  return undefined;
}

/** `https://api.groq.com/openai/v1` → `api.groq.com`; a value that is not a URL stands for itself. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
