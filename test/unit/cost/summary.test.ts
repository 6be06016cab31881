import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callSummary, defaultCostSettings, estimateCallCost, formatUsdShort } from '../../../src/core/cost';
import { bundledTable } from '../../../src/core/pricing';
import { callRecord, text } from './records';

const context = { table: bundledTable, settings: defaultCostSettings };

describe('one-line summaries', () => {
  it('write dollars at a glance: two significant digits below a dollar, cents to $100, whole dollars above', () => {
    assert.deepEqual([0.004213, 0.00031, 0.0567, 0.6, 0.996, 12.6, 99.996, 126.4, 12600.5].map(formatUsdShort), [
      '$0.0042',
      '$0.00031',
      '$0.057',
      '$0.60',
      '$1.00',
      '$12.60',
      '$100',
      '$126',
      '$12,601',
    ]);
    assert.equal(formatUsdShort(0), '$0');
  });

  it('give model, input tokens (≈ when estimated), the output limit, per call and per month', () => {
    const call = callRecord({
      model: 'gpt-4o',
      outputLimit: true,
      outputLimitParam: 'max_tokens',
      outputLimitValue: 800,
    });
    // 206 input tokens (one dynamic part of 200 + 6 chat tokens): 206 × $2.50 + 500 × $10 per 1M = $0.005515.
    assert.equal(
      callSummary(call, estimateCallCost(call, context)),
      'gpt-4o · ≈206 in · ≤800 out · $0.0055/call · $165/mo',
    );
    const exact = callRecord({ model: 'gpt-4o', messages: [{ role: 'user', segments: [text('Hello there')] }] });
    assert.match(callSummary(exact, estimateCallCost(exact, context)), /^gpt-4o · 8 in · no limit · /);
    const passed = { ...exact, sites: { ...exact.sites, complete: false } };
    assert.match(callSummary(passed, estimateCallCost(passed, context)), /^gpt-4o · 8 in · limit not shown · /);
    const unknownLimit = callRecord({ model: 'gpt-4o', outputLimit: true, outputLimitParam: 'max_tokens' });
    assert.match(callSummary(unknownLimit, estimateCallCost(unknownLimit, context)), / · ≤\? out · /);
  });

  it('leave out the output of an embedding call', () => {
    const call = callRecord({ model: 'text-embedding-3-small', api: 'embeddings' });
    assert.equal(
      callSummary(call, estimateCallCost(call, context)),
      'text-embedding-3-small · ≈200 in · $0.000004/call · $0.12/mo',
    );
  });

  it('say when the model is not known and never give a dollar figure for it', () => {
    const none = callRecord({ model: null, modelVia: 'unresolved' });
    assert.equal(callSummary(none, estimateCallCost(none, context)), 'model not known');
    const odd = callRecord({ model: 'my-finetune-v3' });
    assert.equal(callSummary(odd, estimateCallCost(odd, context)), "unknown model 'my-finetune-v3'");
  });
});
