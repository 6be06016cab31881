import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cheapestAlternatives,
  defaultCostSettings,
  estimateCallCost,
  isCurrentGeneralPurpose,
} from '../../../src/core/cost';
import { bundledTable, resolveModel, type PriceTable } from '../../../src/core/pricing';
import { callRecord, near, text } from './records';

const context = { table: bundledTable, settings: defaultCostSettings };

function providerOf(name: string): string {
  const found = resolveModel(name, bundledTable);
  assert.equal(found.unknown, false, name);
  return found.unknown ? '' : found.entry.provider;
}

describe('cheapest alternatives', () => {
  it('lists three cheaper models of the same provider, cheapest first, each with the call priced on it', () => {
    const call = callRecord({ model: 'gpt-4o' });
    const found = cheapestAlternatives(call, context);
    assert.ok(found);
    assert.equal(found.scope, 'same-provider');
    assert.equal(found.alternatives.length, 3);
    const current = estimateCallCost(call, context).monthlyUsd?.expected ?? 0;
    let previous = 0;
    for (const alternative of found.alternatives) {
      assert.equal(alternative.provider, 'openai');
      assert.equal(alternative.name, alternative.id);
      // The figure is the same call priced with that model, and the saving is the difference.
      const own = estimateCallCost({ ...call, model: alternative.id }, context).monthlyUsd?.expected ?? NaN;
      near(alternative.monthlyUsd.expected, own, alternative.id);
      near(alternative.monthlySavingUsd, current - own, `${alternative.id} saving`);
      assert.ok(alternative.monthlyUsd.expected >= previous, 'sorted cheapest first');
      previous = alternative.monthlyUsd.expected;
    }
  });

  it('leaves out special-purpose, preview, retired and dated-snapshot names, and embedding models for chat', () => {
    for (const model of ['gpt-4o', 'claude-opus-4-5', 'gemini-2.5-pro', 'mistral-large']) {
      const found = cheapestAlternatives(callRecord({ model, sdk: 'openai' }), context);
      for (const a of found?.alternatives ?? []) {
        assert.doesNotMatch(a.id, /preview|latest|search|research|embed|gpt-3\.5|claude-3-|gemini-1\.5/, a.id);
      }
    }
  });

  it('prefers a plain name over its dated snapshot', () => {
    const ids = cheapestAlternatives(callRecord({ model: 'mistral-large', sdk: 'mistral' }), context)?.alternatives.map(
      (a) => a.id,
    );
    assert.ok(ids?.includes('ministral-3b'), ids?.join());
    assert.ok(!ids?.includes('ministral-3b-2512'), ids?.join());
  });

  it('lists any provider when the call goes through LiteLLM, OpenRouter or a gateway, named the way it expects', () => {
    const lite = cheapestAlternatives(callRecord({ model: 'anthropic/claude-sonnet-4-5', sdk: 'litellm' }), context);
    assert.equal(lite?.scope, 'any-provider');
    assert.equal(lite?.via, 'LiteLLM');
    const openRouter = cheapestAlternatives(
      callRecord({ model: 'anthropic/claude-sonnet-4.5', baseUrl: 'https://openrouter.ai/api/v1' }),
      context,
    );
    assert.equal(openRouter?.via, 'OpenRouter');
    const gateway = cheapestAlternatives(
      callRecord({ model: 'gpt-4o', baseUrl: 'https://gateway.ai.cloudflare.com/v1/acct/gw/openai' }),
      context,
    );
    assert.equal(gateway?.via, 'a gateway');
    for (const found of [lite, openRouter, gateway]) {
      assert.ok(found && found.alternatives.length === 3);
      for (const a of found.alternatives) {
        // The written name resolves to the entry it stands for, whatever the provider.
        assert.match(a.name, /^[a-z-]+\/[\w.-]+$/);
        assert.equal(providerOf(a.name), a.provider);
      }
      const providers = new Set(found.alternatives.map((a) => a.provider));
      assert.ok(!providers.has('anthropic') || providers.size > 1 || found.via !== null);
    }
    assert.ok(
      lite?.alternatives.some((a) => a.provider !== 'anthropic'),
      'an aggregator offers other providers',
    );
  });

  it('skips models whose context window or maximum output cannot hold the call', () => {
    const table: PriceTable = {
      ...bundledTable,
      models: bundledTable.models.map((m) => (m.id === 'gpt-4.1-nano' ? { ...m, maxOutputTokens: 1000 } : m)),
    };
    const call = callRecord({
      model: 'gpt-4.1',
      outputLimit: true,
      outputLimitParam: 'max_tokens',
      outputLimitValue: 4000,
    });
    const withRoom = cheapestAlternatives(call, context)?.alternatives.map((a) => a.id) ?? [];
    assert.ok(withRoom.includes('gpt-4.1-nano'), withRoom.join());
    const without = cheapestAlternatives(call, { ...context, table })?.alternatives.map((a) => a.id) ?? [];
    assert.ok(!without.includes('gpt-4.1-nano'), without.join());
    const huge = callRecord({
      model: 'gpt-4.1',
      messages: [{ role: 'user', segments: [text('word '.repeat(150_000))] }],
    });
    for (const a of cheapestAlternatives(huge, context)?.alternatives ?? []) {
      const entry = bundledTable.models.find((m) => m.id === a.id);
      assert.ok(entry?.contextWindow === null || (entry?.contextWindow ?? 0) >= 150_000, a.id);
    }
  });

  it('gives nothing for an unknown model, and nothing when the call already uses the cheapest', () => {
    assert.equal(cheapestAlternatives(callRecord({ model: 'my-finetune' }), context), null);
    assert.equal(cheapestAlternatives(callRecord({ model: null, modelVia: 'unresolved' }), context), null);
    const cheapest = cheapestAlternatives(callRecord({ model: 'claude-haiku-4-5', sdk: 'anthropic' }), context);
    assert.ok(cheapest);
    assert.deepEqual(cheapest.alternatives, []);
  });

  it('tells current general-purpose models from dated snapshots, retired, preview and special-purpose ones', () => {
    const entry = (id: string) => {
      const found = bundledTable.models.find((m) => m.id === id);
      assert.ok(found, id);
      return found;
    };
    for (const id of ['gpt-4o-mini', 'gpt-4.1', 'claude-sonnet-4-5', 'gemini-2.5-flash', 'mistral-small-latest']) {
      assert.equal(isCurrentGeneralPurpose(entry(id), bundledTable), true, id);
    }
    const older = [
      'gpt-3.5-turbo-0613',
      'gpt-4o-2024-05-13',
      'gpt-4-turbo',
      'gpt-4-vision-preview',
      'o3-deep-research',
    ];
    for (const id of older) {
      assert.equal(isCurrentGeneralPurpose(entry(id), bundledTable), false, id);
    }
  });
});
