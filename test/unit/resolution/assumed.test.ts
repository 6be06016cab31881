import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assumeModels, validateAssumedModels } from '../../../src/core/analysis/assumed';
import { withModelCandidates } from '../../../src/core/analysis/modelCandidates';
import { callRecord } from '../cost/records';

describe('models the code does not say', () => {
  it('validates llmCostLens.assumedModels, naming bad entries', () => {
    assert.deepEqual(validateAssumedModels({ OpenAI: 'gpt-4o-mini', anthropic: ' claude-haiku-4-5 ' }), {
      models: { openai: 'gpt-4o-mini', anthropic: 'claude-haiku-4-5' },
      problems: [],
    });
    const bad = validateAssumedModels({ openai: 3, google: '' });
    assert.deepEqual(bad.models, {});
    assert.equal(bad.problems.length, 2);
    assert.match(validateAssumedModels('gpt-4o').problems[0] ?? '', /expected an object/);
  });

  it('assumes the setting’s model per provider, SDK or "*", and never replaces a model the code says', () => {
    const calls = [
      callRecord({ model: null, modelVia: 'unresolved', sdk: 'openai' }),
      callRecord({ model: null, modelVia: 'unresolved', sdk: 'langchain', modelProvider: 'anthropic' }),
      callRecord({ model: null, modelVia: 'unresolved', sdk: 'litellm' }),
      callRecord({ model: 'gpt-4.1', modelVia: 'cross-file', sdk: 'openai' }),
    ];
    const assumed = assumeModels(calls, { openai: 'gpt-4o-mini', anthropic: 'claude-haiku-4-5', '*': 'gpt-4.1-nano' });
    assert.deepEqual(
      assumed.map((c) => `${c.model} ${c.modelVia}`),
      ['gpt-4o-mini assumed', 'claude-haiku-4-5 assumed', 'gpt-4.1-nano assumed', 'gpt-4.1 cross-file'],
    );
    assert.equal(assumeModels(calls, {})[0]?.model, null);
  });

  it('assumes the `openai` model only for OpenAI clients that reach OpenAI, not for one pointed at another server', () => {
    const unresolved = { model: null, modelVia: 'unresolved' as const, sdk: 'openai' as const };
    const calls = [
      callRecord({ ...unresolved }),
      callRecord({ ...unresolved, baseUrl: 'https://api.openai.com/v1' }),
      callRecord({ ...unresolved, baseUrl: 'https://x.openai.azure.com/openai' }),
      callRecord({ ...unresolved, baseUrlHidden: true }),
      callRecord({ ...unresolved, baseUrl: 'http://localhost:11434/v1' }),
      callRecord({ ...unresolved, baseUrl: 'https://api.groq.com/openai/v1' }),
      callRecord({ ...unresolved, baseUrlHidden: true, baseUrlServer: 'lmstudio' }),
    ];
    const models = (assumed: Record<string, string>) => assumeModels(calls, assumed).map((c) => c.model);
    assert.deepEqual(models({ openai: 'gpt-4o-mini' }), [
      ...['gpt-4o-mini', 'gpt-4o-mini', 'gpt-4o-mini', 'gpt-4o-mini'],
      ...[null, null, null],
    ]);
    // The server's own key, then `*`.
    assert.deepEqual(models({ openai: 'gpt-4o-mini', groq: 'llama-3.1-8b-instant', '*': 'gpt-4.1-nano' }).slice(4), [
      'gpt-4.1-nano',
      'llama-3.1-8b-instant',
      'gpt-4.1-nano',
    ]);
  });

  it('lists the models the workspace uses for the same provider as candidates, most used first', () => {
    const calls = withModelCandidates([
      callRecord({ model: 'gpt-4o-mini', sdk: 'openai' }),
      callRecord({ model: 'gpt-4o-mini', sdk: 'openai' }),
      callRecord({ model: 'gpt-4.1', sdk: 'openai' }),
      callRecord({ model: 'claude-haiku-4-5', sdk: 'anthropic' }),
      callRecord({ model: null, modelVia: 'unresolved', sdk: 'openai' }),
      callRecord({ model: null, modelVia: 'unresolved', sdk: 'cohere' }),
    ]);
    assert.deepEqual(calls[4]?.modelCandidates, ['gpt-4o-mini', 'gpt-4.1']);
    assert.equal(calls[4]?.model, null, 'candidates never become the model');
    assert.equal(calls[5]?.modelCandidates, undefined);
  });

  it('takes candidates only from calls to the same endpoint: a base URL elsewhere runs other models', () => {
    const groq = 'https://api.groq.com/openai/v1';
    const calls = withModelCandidates([
      callRecord({ model: 'gpt-4o-mini', sdk: 'openai' }),
      callRecord({ model: 'llama-3.1-8b-instant', sdk: 'openai', baseUrl: groq }),
      callRecord({ model: 'anythingllm', sdk: 'openai', baseUrl: 'http://localhost:3001/api/v1/openai' }),
      callRecord({ model: null, modelVia: 'unresolved', sdk: 'openai' }),
      callRecord({ model: null, modelVia: 'unresolved', sdk: 'openai', baseUrl: `${groq}/` }),
      callRecord({
        model: null,
        modelVia: 'unresolved',
        sdk: 'openai',
        baseUrl: 'https://api.cohere.ai/compatibility/v1',
      }),
    ]);
    assert.deepEqual(calls[3]?.modelCandidates, ['gpt-4o-mini']);
    assert.deepEqual(calls[4]?.modelCandidates, ['llama-3.1-8b-instant']);
    assert.equal(calls[5]?.modelCandidates, undefined);
  });

  it('counts a base URL the code does not show but names for a server as that server (anything-llm)', () => {
    const lmStudio = { sdk: 'openai' as const, baseUrlHidden: true as const, baseUrlServer: 'lmstudio' };
    const calls = withModelCandidates([
      callRecord({ model: 'gpt-4.1-nano', sdk: 'openai' }),
      callRecord({ model: 'qwen2.5-7b-instruct', ...lmStudio }),
      callRecord({ model: null, modelVia: 'unresolved', ...lmStudio }),
      callRecord({ model: null, modelVia: 'unresolved', ...lmStudio, baseUrlServer: 'localai' }),
      callRecord({ model: null, modelVia: 'unresolved', sdk: 'openai', baseUrlHidden: true }),
    ]);
    assert.deepEqual(calls[2]?.modelCandidates, ['qwen2.5-7b-instruct']);
    assert.equal(calls[3]?.modelCandidates, undefined);
    // A hidden base URL named for no server may be OpenAI's.
    assert.deepEqual(calls[4]?.modelCandidates, ['gpt-4.1-nano']);
  });

  it('keeps embedding calls apart: only an `embeddings` key is assumed for them, only embedding models are candidates', () => {
    const calls = [
      callRecord({ model: 'gpt-4o-mini', sdk: 'openai', api: 'chat.completions.create' }),
      callRecord({ model: 'text-embedding-3-small', sdk: 'openai', api: 'embeddings' }),
      callRecord({ model: null, modelVia: 'unresolved', sdk: 'langchain', modelProvider: 'openai', api: 'embeddings' }),
      callRecord({ model: null, modelVia: 'unresolved', sdk: 'openai', api: 'chat.completions.create' }),
    ];
    const withCandidates = withModelCandidates(calls);
    assert.deepEqual(withCandidates[2]?.modelCandidates, ['text-embedding-3-small']);
    assert.deepEqual(withCandidates[3]?.modelCandidates, ['gpt-4o-mini']);
    assert.equal(assumeModels(calls, { openai: 'gpt-4o-mini', '*': 'gpt-4.1' })[2]?.model, null);
    assert.equal(
      assumeModels(calls, { openai: 'gpt-4o-mini', embeddings: 'text-embedding-3-large' })[2]?.model,
      'text-embedding-3-large',
    );
    // The Vercel AI SDK's embed and embedMany are embedding calls too, under their own api names.
    for (const api of ['embed', 'embedMany']) {
      const embed = callRecord({ model: null, modelVia: 'unresolved', sdk: 'vercel-ai', api });
      assert.equal(assumeModels([embed], { '*': 'gpt-4.1' })[0]?.model, null, api);
      assert.equal(assumeModels([embed], { embeddings: 'text-embedding-3-small' })[0]?.model, 'text-embedding-3-small');
    }
  });

  it("takes no embedding model called through a generic API (Bedrock invoke_model) as a chat call's candidate", () => {
    const calls = withModelCandidates([
      callRecord({ model: 'cohere.embed-multilingual-v3', sdk: 'bedrock', api: 'invoke_model' }),
      callRecord({ model: 'anthropic.claude-3-haiku-20240307-v1:0', sdk: 'bedrock', api: 'converse' }),
      callRecord({ model: null, modelVia: 'unresolved', sdk: 'bedrock', api: 'invoke_model' }),
    ]);
    assert.deepEqual(calls[2]?.modelCandidates, ['anthropic.claude-3-haiku-20240307-v1:0']);
  });
});
