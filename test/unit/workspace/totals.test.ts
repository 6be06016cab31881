import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { notPricedReason } from '../../../src/core/cost/format';
import { totalLine } from '../../../src/cli/scan/costs';
import { costTotals, type TotalsInput } from '../../../src/core/workspace/totals';

const call = (file: string, model: string | null, provider: string | null, expected: number | null): TotalsInput => ({
  file,
  model,
  pricedAs: provider ? model : null,
  provider,
  monthlyUsd: expected === null ? null : { expected, worst: expected * 2 },
});

describe('cost totals', () => {
  it('sums priced calls per provider, model and file, highest first, and counts the unpriced ones apart', () => {
    const totals = costTotals([
      call('a.py', 'gpt-4o', 'openai', 100),
      call('a.py', 'claude-haiku-4-5', 'anthropic', 30),
      call('b.ts', 'gpt-4o', 'openai', 50),
      call('b.ts', 'my-model', null, null),
      call('c.py', null, null, null),
    ]);
    assert.deepEqual(
      { calls: totals.calls, priced: totals.priced, unpriced: totals.unpriced, monthly: totals.monthlyUsd },
      { calls: 5, priced: 3, unpriced: 2, monthly: { expected: 180, worst: 360 } },
    );
    assert.deepEqual(
      totals.byProvider.map((r) => [r.key, r.calls, r.unpriced, r.monthlyUsd.expected]),
      [
        ['openai', 2, 0, 150],
        ['anthropic', 1, 0, 30],
        ['unknown provider', 2, 2, 0],
      ],
    );
    assert.deepEqual(
      totals.byModel.map((r) => [r.key, r.monthlyUsd.expected]),
      [
        ['gpt-4o', 150],
        ['claude-haiku-4-5', 30],
        ['model not resolved', 0],
        ['my-model', 0],
      ],
    );
    assert.deepEqual(
      totals.byFile.map((r) => [r.key, r.calls, r.monthlyUsd.worst]),
      [
        ['a.py', 2, 260],
        ['b.ts', 2, 100],
        ['c.py', 1, 0],
      ],
    );
  });

  it('lists the names the code writes for a model row priced under another name, most calls first', () => {
    const as = (model: string, pricedAs: string): TotalsInput => ({ ...call('a.py', model, 'openai', 10), pricedAs });
    const totals = costTotals([
      as('gpt-4-0125-preview', 'gpt-4-turbo'),
      as('gpt-4-turbo-preview', 'gpt-4-turbo'),
      as('gpt-4-0125-preview', 'gpt-4-turbo'),
      as('gpt-4-turbo', 'gpt-4-turbo'),
      call('b.py', 'gpt-4o', 'openai', 5),
      call('c.py', 'my-model', null, null),
    ]);
    assert.deepEqual(
      totals.byModel.map((r) => [r.key, r.written]),
      [
        ['gpt-4-turbo', ['gpt-4-0125-preview', 'gpt-4-turbo', 'gpt-4-turbo-preview']],
        ['gpt-4o', undefined],
        ['my-model', undefined],
      ],
    );
    assert.equal(totals.byFile[0]?.written, undefined);
  });

  it('tells calls that name no model from calls whose named model has no price, in the totals and each row', () => {
    const named = call('b.ts', 'ui-tars', null, null);
    const unnamed = call('c.py', null, null, null);
    const priced = call('a.py', 'gpt-4o', 'openai', 100);
    const mixed = costTotals([priced, named, unnamed, { ...unnamed, file: 'b.ts' }]);
    assert.deepEqual([mixed.unpriced, mixed.unnamed], [3, 2]);
    assert.deepEqual(
      mixed.byFile.map((r) => [r.key, r.unpriced, r.unnamed]),
      [
        ['a.py', 0, 0],
        ['b.ts', 2, 1],
        ['c.py', 1, 1],
      ],
    );
    assert.equal(notPricedReason(mixed), 'model not known or not in the price table');
    assert.equal(notPricedReason(costTotals([priced, unnamed])), 'model not known');
    assert.equal(notPricedReason(costTotals([priced, named])), 'model not in the price table');
    assert.match(totalLine(costTotals([priced, named])), /; 1 call not priced \(model not in the price table\)\.$/);
    // Calls whose model the code does not say: the line says how to name it.
    const assume =
      ' To price calls whose model the code does not say, name it per provider in the llmCostLens.assumedModels setting ({"openai": "gpt-4o-mini"}).';
    assert.ok(
      totalLine(costTotals([priced, unnamed, unnamed])).endsWith(`; 2 calls not priced (model not known).${assume}`),
    );
    // Nothing priced: no $0 total.
    assert.equal(
      totalLine(costTotals([unnamed, unnamed])),
      `No call priced: 2 calls not priced (model not known).${assume}`,
    );
  });

  it("puts an unpriced call under the provider its SDK or its name's prefix says, when one does", () => {
    const totals = costTotals([
      call('a.py', 'claude-haiku-4-5', 'anthropic', 30),
      { ...call('b.py', null, null, null), sdk: 'anthropic' },
      { ...call('c.ts', 'llama-9', null, null), sdk: 'litellm', modelProvider: 'groq' },
      { ...call('d.ts', 'x', null, null), sdk: 'vercel-ai' },
    ]);
    assert.deepEqual(
      totals.byProvider.map((r) => [r.key, r.calls, r.unpriced, r.monthlyUsd.expected]),
      [
        ['anthropic', 2, 1, 30],
        ['groq', 1, 1, 0],
        ['unknown provider', 1, 1, 0],
      ],
    );
  });

  it('says an unknown worst case instead of adding it as $0', () => {
    const unbounded: TotalsInput = { ...call('d.py', 'grok-4', 'xai', 40), monthlyUsd: { expected: 40, worst: null } };
    const totals = costTotals([call('a.py', 'gpt-4o', 'openai', 100), unbounded]);
    assert.deepEqual(totals.monthlyUsd, { expected: 140, worst: null });
    assert.equal(totals.unbounded, 1);
    assert.deepEqual(
      totals.byProvider.map((r) => [r.key, r.monthlyUsd.worst]),
      [
        ['openai', 200],
        ['xai', null],
      ],
    );
  });

  it('is zero over no calls', () => {
    assert.deepEqual(costTotals([]).monthlyUsd, { expected: 0, worst: 0 });
  });
});
