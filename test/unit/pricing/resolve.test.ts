import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bundledTable, resolveModel } from '../../../src/core/pricing';
import { resolveHintOf } from '../../../src/core/pricing/resolve';

function idOf(name: string, hint = {}): string {
  const r = resolveModel(name, bundledTable, hint);
  assert.equal(r.unknown, false, `${name} resolves`);
  return r.unknown ? '' : r.entry.id;
}

test('resolve: provider prefixes, routers and clouds', () => {
  assert.equal(idOf('openai/gpt-4o'), 'gpt-4o');
  assert.equal(idOf('anthropic/claude-sonnet-4-5'), 'claude-sonnet-4-5');
  assert.equal(idOf('gemini/gemini-2.5-pro'), 'gemini-2.5-pro');
  assert.equal(idOf('models/gemini-2.5-flash'), 'gemini-2.5-flash');
  assert.equal(idOf('openrouter/anthropic/claude-3.5-sonnet'), 'claude-3-5-sonnet');
  assert.equal(idOf('azure/gpt-4.1-mini'), 'gpt-4.1-mini');
  assert.equal(idOf('bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0'), 'claude-haiku-4-5');
  assert.equal(idOf('claude-sonnet-4-5@20250929'), 'claude-sonnet-4-5');
  assert.equal(idOf('xai/grok-4'), 'grok-4-0709');
  assert.equal(idOf('deepseek/deepseek-chat'), 'deepseek-chat');
  // -latest follows the newest dated snapshot (Mistral Large 3), not the first model of the name.
  assert.equal(idOf('mistral/mistral-large-latest'), 'mistral-large-2512');
  // Gateway names reach the same entries (and their capability flags).
  assert.equal(idOf('openai/o3'), 'o3');
  assert.equal(idOf('azure/gpt-5'), 'gpt-5');
  // LangChain's provider:model (init_chat_model), and a version tag that is not a provider.
  assert.equal(idOf('openai:gpt-4.1'), 'gpt-4.1');
  assert.equal(idOf('anthropic:claude-3-7-sonnet-latest'), 'claude-3-7-sonnet-latest');
  assert.equal(idOf('google_genai:gemini-2.5-flash'), 'gemini-2.5-flash');
  assert.equal(idOf('claude-sonnet-4-5:latest'), 'claude-sonnet-4-5');
});

test('resolve: dated snapshots, -latest, dots and dashes', () => {
  assert.equal(idOf('gpt-4o-2024-08-06'), 'gpt-4o');
  assert.equal(idOf('gpt-4o-mini-2024-07-18'), 'gpt-4o-mini');
  assert.equal(idOf('claude-sonnet-4-5-20250929'), 'claude-sonnet-4-5');
  assert.equal(idOf('claude-3-5-haiku-latest'), 'claude-3-5-haiku-latest');
  assert.equal(idOf('claude-3-7-sonnet-20250219'), 'claude-3-7-sonnet-latest');
  assert.equal(idOf('o3-mini-latest'), 'o3-mini');
  assert.equal(idOf('claude-sonnet-4.5'), 'claude-sonnet-4-5');
  assert.equal(idOf('claude-opus-4.1'), 'claude-opus-4-1');
  assert.equal(idOf('gpt-4-1'), 'gpt-4.1');
  assert.equal(idOf('GPT-4o'), 'gpt-4o');
  assert.equal(idOf('gpt-4o-mini'), 'gpt-4o-mini');
  assert.equal(idOf('gemini-2.5-flash-lite'), 'gemini-2.5-flash-lite');
});

test('resolve: an unknown name is unknown, with the closest names, never a price', () => {
  const r = resolveModel('gpt-4x-turbo', bundledTable);
  assert.equal(r.unknown, true);
  assert.ok(r.unknown && r.suggestions.includes('gpt-4-turbo'), JSON.stringify(r));
  const claude = resolveModel('claude-sonet-4-5', bundledTable, { sdk: 'anthropic' });
  assert.ok(claude.unknown && claude.suggestions[0] === 'claude-sonnet-4-5', JSON.stringify(claude));
  assert.equal(resolveModel('', bundledTable).unknown, true);
  assert.equal(resolveModel('my-fine-tune', bundledTable).unknown, true);
});

test("resolve: an unknown name's suggestions are models of the kind the call's API takes", () => {
  const modeOf = (id: string): string | undefined => bundledTable.models.find((m) => m.id === id)?.mode;
  const suggested = (name: string, api: string): string[] => {
    const r = resolveModel(name, bundledTable, resolveHintOf({ sdk: 'openai', baseUrl: null, api }));
    assert.ok(r.unknown, name);
    return r.unknown ? r.suggestions : [];
  };
  const forEmbeddings = suggested('thenlper/gte-small', 'embeddings');
  assert.ok(forEmbeddings.length > 0);
  assert.deepEqual([...new Set(forEmbeddings.map(modeOf))], ['embedding'], forEmbeddings.join(', '));
  // Cohere's and the Vercel AI SDK's embedding APIs are embedding calls too.
  for (const api of ['embed', 'embedMany']) {
    assert.deepEqual([...new Set(suggested('thenlper/gte-small', api).map(modeOf))], ['embedding'], api);
  }
  const forChat = suggested('text-generation-webui', 'chat.completions.create');
  assert.ok(forChat.length > 0);
  assert.deepEqual([...new Set(forChat.map(modeOf))], ['chat'], forChat.join(', '));
});

test('resolve: `openai` named by an OpenAI-protocol class yields to the known host its base URL names', () => {
  const groq = 'https://api.groq.com/openai/v1';
  const chatOpenAiAtGroq = { sdk: 'langchain', baseUrl: groq, provider: 'openai' };
  const r = resolveModel('openai/gpt-oss-120b', bundledTable, chatOpenAiAtGroq);
  assert.equal(r.unknown ? 'unknown' : `${r.entry.provider} ${r.entry.id}`, 'groq openai/gpt-oss-120b');
  const proxy = resolveModel('gpt-4o', bundledTable, { ...chatOpenAiAtGroq, baseUrl: 'https://llm.internal/v1' });
  assert.equal(proxy.unknown ? 'unknown' : proxy.entry.provider, 'openai', 'an unknown host leaves the class its word');
  const claude = resolveModel('claude-haiku-4-5', bundledTable, {
    sdk: 'langchain',
    baseUrl: groq,
    provider: 'anthropic',
  });
  assert.equal(claude.unknown ? 'unknown' : claude.entry.provider, 'anthropic', 'only the protocol word yields');
});
