/** Shared by the unit and in-host tests of Update Prices: a small LiteLLM-format price map and a server for it. */
import { startFakeOpenAi, type FakeServer, type RecordedRequest, type ScriptedReply } from './fakeOpenAi';

type Row = [provider: string, key: string, inputPerMTok: number, outputPerMTok: number];

/** Bundled prices for most; gpt-4o at a new $2 / $8, and a model the snapshot does not know. */
const rows: Row[] = [
  ['openai', 'gpt-4o', 2, 8],
  ['openai', 'gpt-4o-mini', 0.15, 0.6],
  ['openai', 'gpt-4.1', 2, 8],
  ['openai', 'gpt-4.1-mini', 0.4, 1.6],
  ['openai', 'gpt-4.1-nano', 0.1, 0.4],
  ['openai', 'o3', 2, 8],
  ['openai', 'o4-mini', 1.1, 4.4],
  ['openai', 'gpt-5', 1.25, 10],
  ['openai', 'gpt-5-mini', 0.25, 2],
  ['openai', 'gpt-test-next', 3, 12],
  ['anthropic', 'claude-sonnet-4-5', 3, 15],
  ['anthropic', 'claude-haiku-4-5', 1, 5],
  ['anthropic', 'claude-opus-4-5', 5, 25],
  ['anthropic', 'claude-sonnet-4-6', 3, 15],
  ['gemini', 'gemini/gemini-2.5-flash', 0.3, 2.5],
  ['gemini', 'gemini/gemini-2.5-pro', 1.25, 10],
  ['gemini', 'gemini/gemini-2.5-flash-lite', 0.1, 0.4],
  ['gemini', 'gemini/gemini-2.0-flash', 0.1, 0.4],
  ['xai', 'xai/grok-3', 3, 15],
  ['xai', 'xai/grok-3-mini', 0.3, 0.5],
  ['deepseek', 'deepseek/deepseek-chat', 0.28, 0.42],
  ['mistral', 'mistral/mistral-small-latest', 0.1, 0.3],
];

const entry = ([provider, , input, output]: Row): object => ({
  litellm_provider: provider,
  mode: 'chat',
  input_cost_per_token: input / 1e6,
  output_cost_per_token: output / 1e6,
  max_input_tokens: 128_000,
  max_output_tokens: 16_384,
  supports_function_calling: true,
});

/** A valid map of 22 chat models of six providers (plus an image model and another provider's entry). */
export function validPriceMap(): string {
  const map: Record<string, object> = { sample_spec: { note: 'LiteLLM puts a spec entry first' } };
  for (const row of rows) map[row[1]] = entry(row);
  map['dall-e-3'] = { litellm_provider: 'openai', mode: 'image_generation', output_cost_per_image: 0.04 };
  map['perplexity/some-model'] = { litellm_provider: 'perplexity', mode: 'chat', input_cost_per_token: 1e-7 };
  return JSON.stringify(map);
}

/** Valid LiteLLM JSON, but far too small to be the real map (a truncated or wrong file). */
export function tinyPriceMap(): string {
  return JSON.stringify(Object.fromEntries(rows.slice(0, 3).map((row) => [row[1], entry(row)])));
}

/**
 * What the price server answers per path: `/valid.json` a valid map; `/invalid.json` broken JSON;
 * `/error-page.json` an HTML page with status 200; `/tiny.json` a map too small to be the real one;
 * `/stall.json` headers, then nothing; `/huge.json` a body of 50 MB and more; anything else a 404.
 */
function priceMapReply(request: RecordedRequest): ScriptedReply {
  switch (request.url) {
    case '/valid.json':
      return { body: validPriceMap() };
    case '/invalid.json':
      return { body: '{"gpt-4o": {"litellm_provider": "openai", ' };
    case '/error-page.json':
      return { body: '<html><body>Rate limited</body></html>', headers: { 'content-type': 'text/html' } };
    case '/tiny.json':
      return { body: tinyPriceMap() };
    case '/stall.json':
      return { stallAfterHeaders: true };
    case '/huge.json':
      // Valid-looking JSON text for as long as the client reads (the server stops at 64 MB).
      return { endlessBody: `{"m${'x'.repeat(1000)}": 1},` };
    default:
      return { status: 404, body: 'Not Found' };
  }
}

/** A price server on 127.0.0.1 and the origin its paths hang off. */
export async function startPriceServer(): Promise<{ server: FakeServer; origin: string }> {
  const server = await startFakeOpenAi(priceMapReply);
  return { server, origin: server.baseURL.replace(/\/v1$/, '') };
}
