/** Provider names that prefix model names in LangChain (`openai:gpt-4o`), gateways and LiteLLM (`anthropic/...`). */
const providerPrefix =
  /^(openai|azure_openai|azure|anthropic|google_genai|google_vertexai|google|gemini|vertex_ai|vertexai|mistralai|mistral|cohere|groq|xai|deepseek|fireworks|together|togetherai|perplexity|bedrock|bedrock_converse|ollama)[:/](?=[\w.])/i;

/** `openai:gpt-4o` → provider `openai`, model `gpt-4o`; a name without such a prefix is returned as written. */
export function providerPrefixed(name: string): { model: string; provider?: string } {
  const match = providerPrefix.exec(name);
  if (!match) return { model: name };
  const rest = name.slice(match[0].length);
  // `models/gemini-...` and `meta-llama/...` are model names, not providers; a prefix needs a name after it.
  return rest ? { model: rest, provider: match[1].toLowerCase() } : { model: name };
}
