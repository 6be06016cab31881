import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cheapestAlternatives, defaultCostSettings, estimateCallCost, modelChoices } from '../../../src/core/cost';
import {
  bundledTable,
  describeSource,
  isHost,
  resolveModel,
  type ModelEntry,
  type ResolveHint,
} from '../../../src/core/pricing';
import { callRecord, near } from '../cost/records';

/** The entry a name resolves to; fails the test when it is unknown. */
function entryOf(name: string, hint: ResolveHint = {}): ModelEntry {
  const r = resolveModel(name, bundledTable, hint);
  assert.equal(r.unknown, false, `${name} resolves`);
  if (r.unknown) throw new Error(name);
  return r.entry;
}

/** What `price` shows for the entry's input and output: USD per 1M and the source each came from, dated. */
function priced(entry: ModelEntry): { input: number; output: number; sources: string[] } {
  const { input, output } = entry.prices;
  assert.ok(input && output, `${entry.id} has input and output prices`);
  const sources = [input, output].map((p) => describeSource(p, bundledTable));
  for (const source of sources) assert.match(source, /\d{4}-\d{2}-\d{2}/, `${entry.id}: '${source}' names a date`);
  return { input: input.usd, output: output.usd, sources };
}

describe('prices beyond the six makers: Cohere, Bedrock, Voyage and the hosts of open models', () => {
  it('Cohere: command-r, command-r-plus, command-a-03-2025, embed-english-v3.0', () => {
    const plus = entryOf('command-r-plus');
    assert.equal(plus.provider, 'cohere');
    assert.deepEqual([priced(plus).input, priced(plus).output], [2.5, 10]);
    const r = entryOf('command-r', { sdk: 'cohere' });
    assert.deepEqual([r.provider, priced(r).input, priced(r).output], ['cohere', 0.15, 0.6]);
    const a = entryOf('command-a-03-2025');
    assert.deepEqual([a.provider, a.id, priced(a).input, priced(a).output], ['cohere', 'command-a', 2.5, 10]);
    const embed = entryOf('embed-english-v3.0');
    assert.deepEqual([embed.provider, embed.mode, embed.prices.input?.usd], ['cohere', 'embedding', 0.1]);
    // The dated snapshots of Command R resolve to their own model, not to a neighbour.
    assert.equal(entryOf('command-r-plus-08-2024').provider, 'cohere');
  });

  it('Bedrock: its own model ids, with and without the us./eu./apac./global. inference-profile prefix', () => {
    const nova = entryOf('amazon.nova-pro-v1:0');
    assert.deepEqual([nova.provider, priced(nova).input, priced(nova).output], ['bedrock', 0.8, 3.2]);
    // A US cross-region profile costs the same as the model; EU profiles cost more where the sources say so.
    assert.equal(entryOf('us.amazon.nova-pro-v1:0').id, nova.id);
    const eu = entryOf('eu.amazon.nova-pro-v1:0');
    assert.equal(eu.provider, 'bedrock');
    assert.ok((eu.prices.input?.usd ?? 0) > 0.8, `eu profile ${eu.id}: ${eu.prices.input?.usd}`);
    const llama = entryOf('meta.llama3-1-70b-instruct-v1:0');
    assert.equal(llama.provider, 'bedrock');
    assert.equal(entryOf('us.meta.llama3-1-70b-instruct-v1:0').id, llama.id);
    assert.equal(entryOf('cohere.command-r-plus-v1:0').provider, 'bedrock');
    assert.equal(entryOf('mistral.mistral-large-2402-v1:0').provider, 'bedrock');
    // Claude on Bedrock is billed at Anthropic's prices: the Anthropic entry, with any region prefix.
    for (const profile of ['', 'us.', 'eu.', 'apac.']) {
      const claude = entryOf(`${profile}anthropic.claude-3-5-sonnet-20241022-v2:0`, { sdk: 'bedrock' });
      assert.deepEqual([claude.provider, priced(claude).input, priced(claude).output], ['anthropic', 3, 15], profile);
    }
    assert.equal(entryOf('global.anthropic.claude-sonnet-4-5-20250929-v1:0').id, 'claude-sonnet-4-5');
  });

  it('Voyage embeddings', () => {
    const voyage = entryOf('voyage-2');
    assert.deepEqual([voyage.provider, voyage.mode, priced(voyage).input], ['voyage', 'embedding', 0.1]);
    assert.equal(entryOf('voyage-3.5-lite', { sdk: 'voyage' }).provider, 'voyage');
  });

  it('Groq, Together, Fireworks and OpenRouter by their prefixes and by the base URL of an OpenAI client', () => {
    const groq = entryOf('groq/llama-3.3-70b-versatile');
    assert.deepEqual([groq.provider, priced(groq).input, priced(groq).output], ['groq', 0.59, 0.79]);
    assert.equal(
      entryOf('llama-3.3-70b-versatile', { sdk: 'openai', baseUrl: 'https://api.groq.com/openai/v1' }).id,
      groq.id,
    );
    // LangChain's ChatGroq and init_chat_model("groq:…") name the provider.
    assert.equal(entryOf('llama-3.3-70b-versatile', { sdk: 'langchain', provider: 'groq' }).provider, 'groq');
    assert.equal(entryOf('groq:llama-3.3-70b-versatile').provider, 'groq');

    const together = entryOf('meta-llama/Llama-3.3-70B-Instruct-Turbo', {
      sdk: 'openai',
      baseUrl: 'https://api.together.xyz/v1',
    });
    assert.deepEqual([together.provider, priced(together).input], ['together', 0.88]);
    assert.equal(entryOf('together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo').id, together.id);

    const fireworks = entryOf('accounts/fireworks/models/llama-v3p1-70b-instruct');
    assert.deepEqual([fireworks.provider, priced(fireworks).input], ['fireworks', 0.9]);
    assert.equal(entryOf('fireworks_ai/accounts/fireworks/models/llama-v3p1-70b-instruct').id, fireworks.id);

    const openRouter = entryOf('openrouter/meta-llama/llama-3.3-70b-instruct');
    assert.equal(openRouter.provider, 'openrouter');
    // OpenRouter passes a maker's own model through at the maker's price: the maker's entry, not a copy.
    assert.equal(entryOf('openrouter/openai/gpt-4o').provider, 'openai');
    assert.equal(
      entryOf('openai/gpt-4o', { sdk: 'openai', baseUrl: 'https://openrouter.ai/api/v1' }).provider,
      'openai',
    );
  });

  it('the same name at a maker and at hosts: the maker unless the call goes to a host', () => {
    // gpt-oss-120b is OpenAI's model, served by Groq, Together and Fireworks at their own prices.
    const groq = entryOf('openai/gpt-oss-120b', { sdk: 'openai', baseUrl: 'https://api.groq.com/openai/v1' });
    assert.equal(groq.provider, 'groq');
    const together = entryOf('openai/gpt-oss-120b', { sdk: 'openai', baseUrl: 'https://api.together.xyz/v1' });
    assert.equal(together.provider, 'together');
    // A name the host's list lacks is priced at another provider's entry, and the estimate says so.
    const call = callRecord({ model: 'gemini-2.5-flash', baseUrl: 'https://api.groq.com/openai/v1' });
    const cost = estimateCallCost(call, { table: bundledTable, settings: defaultCostSettings });
    assert.equal(cost.resolved?.provider, 'google');
    assert.ok(
      cost.notes.some((n) => /not in Groq's price list: priced as Google's gemini-2\.5-flash/.test(n)),
      cost.notes.join('\n'),
    );
  });

  it('an unknown name gets suggestions from the makers, not a host catalogue', () => {
    const r = resolveModel('gpt-4o-turbo-xl', bundledTable);
    assert.equal(r.unknown, true);
    if (!r.unknown) return;
    assert.ok(r.suggestions.length > 0);
    for (const name of r.suggestions) {
      const entry = entryOf(name);
      assert.equal(isHost(entry.provider), false, `${name} is a maker's`);
    }
  });
});

describe('routers and hosts do not crowd the cheaper-model list', () => {
  const context = { table: bundledTable, settings: defaultCostSettings };

  it("a maker's call is offered the maker's models only, each once", () => {
    for (const model of ['gpt-4o', 'claude-sonnet-4-5', 'command-r-plus']) {
      const found = cheapestAlternatives(callRecord({ model }), context);
      assert.ok(found && found.alternatives.length > 0, model);
      const provider = entryOf(model).provider;
      for (const a of found.alternatives) assert.equal(a.provider, provider, `${model}: ${a.id}`);
      assert.equal(new Set(found.alternatives.map((a) => a.id)).size, found.alternatives.length);
    }
  });

  it("a host's call is offered the host's own models, named as its API takes them, one spelling each", () => {
    const call = callRecord({ model: 'llama-3.3-70b-versatile', baseUrl: 'https://api.groq.com/openai/v1' });
    const groq = cheapestAlternatives(call, context);
    assert.ok(groq && groq.alternatives.length > 0);
    assert.equal(groq.scope, 'same-provider');
    for (const a of groq.alternatives) {
      assert.equal(a.provider, 'groq', a.id);
      assert.equal(a.name, a.id);
      assert.equal(entryOf(a.name, { sdk: 'openai', baseUrl: call.baseUrl }).provider, 'groq');
    }
    const together = cheapestAlternatives(
      callRecord({ model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', baseUrl: 'https://api.together.xyz/v1' }),
      context,
    );
    assert.ok(together && together.alternatives.length > 0);
    const spellings = together.alternatives.map((a) => a.id.toLowerCase().replace(/^[^/]+\/(meta-)?/, ''));
    assert.equal(new Set(spellings).size, spellings.length, spellings.join());
    for (const a of together.alternatives) assert.equal(a.provider, 'together', a.id);
  });

  it('a Bedrock call is offered Bedrock ids (never a name its API refuses), without regional copies', () => {
    for (const model of ['anthropic.claude-3-5-sonnet-20241022-v2:0', 'amazon.nova-pro-v1:0']) {
      const found = cheapestAlternatives(callRecord({ model, sdk: 'bedrock', api: 'converse' }), context);
      assert.ok(found && found.alternatives.length > 0, model);
      for (const a of found.alternatives) {
        assert.equal(a.provider, 'bedrock', `${model}: ${a.id}`);
        assert.doesNotMatch(a.id, /^(us|eu|apac|global)\./);
      }
    }
  });

  it('through an aggregator, the makers only: no host copy of the same model', () => {
    const found = cheapestAlternatives(callRecord({ model: 'openai/gpt-4o', sdk: 'litellm' }), context);
    assert.ok(found && found.alternatives.length > 0);
    for (const a of found.alternatives) assert.equal(isHost(a.provider), false, a.id);
  });

  it('prices an alternative the way the call would be priced with it', () => {
    const call = callRecord({ model: 'command-r-plus', sdk: 'cohere', api: 'chat' });
    const found = cheapestAlternatives(call, context);
    for (const a of found?.alternatives ?? []) {
      const own = estimateCallCost({ ...call, model: a.name }, context).monthlyUsd?.expected ?? NaN;
      near(a.monthlyUsd.expected, own, a.id);
    }
  });
});

describe('routers and hosts do not crowd the choose-a-model list', () => {
  const choices = (fields: Parameters<typeof callRecord>[0]): ModelEntry[] =>
    modelChoices(callRecord(fields), bundledTable).flatMap((g) => g.entries);

  it("a call whose SDK reaches several providers lists the makers' own models, no host's copies", () => {
    for (const sdk of ['litellm', 'langchain', 'other'] as const) {
      const listed = choices({ model: null, sdk });
      assert.ok(listed.length > 50, `${sdk}: ${listed.length}`);
      for (const entry of listed) assert.equal(isHost(entry.provider), false, `${sdk}: ${entry.provider} ${entry.id}`);
      // The table has far more than the makers' models: the hosts' lists stay out.
      assert.ok(listed.length < bundledTable.models.length / 2, `${sdk}: ${listed.length}`);
    }
  });

  it("a call to a host lists that host's models, its current chat models first", () => {
    const groups = modelChoices(callRecord({ model: null, baseUrl: 'https://api.groq.com/openai/v1' }), bundledTable);
    assert.equal(groups[0]?.group, 'Price table: groq');
    for (const entry of groups.flatMap((g) => g.entries)) assert.equal(entry.provider, 'groq', entry.id);
    assert.ok(groups[0]?.entries.some((e) => e.id === 'llama-3.3-70b-versatile'));
    const together = modelChoices(callRecord({ model: null, baseUrl: 'https://api.together.xyz/v1' }), bundledTable);
    // A host's Llama "-Instruct" is its chat model, listed among the current ones.
    assert.ok(together[0]?.entries.some((e) => e.id === 'meta-llama/Llama-3.3-70B-Instruct-Turbo'));
  });

  it('a Bedrock call lists Bedrock ids (no regional copies among the current ones) and Claude', () => {
    const groups = modelChoices(callRecord({ model: null, sdk: 'bedrock', api: 'converse' }), bundledTable);
    const providers = new Set(groups.flatMap((g) => g.entries.map((e) => e.provider)));
    assert.deepEqual([...providers].sort(), ['anthropic', 'bedrock']);
    const current = groups.find((g) => g.group === 'Price table: bedrock')?.entries ?? [];
    assert.ok(current.some((e) => e.id === 'amazon.nova-pro-v1:0'));
    for (const entry of current) assert.doesNotMatch(entry.id, /^(us|eu|apac|global)\./);
  });

  it('an OpenAI call without a base URL lists OpenAI only; a Cohere embed call, Cohere embedding models', () => {
    for (const entry of choices({ model: null })) assert.equal(entry.provider, 'openai', entry.id);
    const embed = choices({ model: null, sdk: 'cohere', api: 'embeddings' });
    assert.ok(embed.length > 0);
    for (const entry of embed) assert.deepEqual([entry.provider, entry.mode], ['cohere', 'embedding'], entry.id);
  });
});
