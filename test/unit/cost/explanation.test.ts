import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cheapestAlternatives,
  defaultCostSettings,
  describeAssumption,
  estimateCallCost,
  explainCall,
  whatIfs,
} from '../../../src/core/cost';
import { bundledTable } from '../../../src/core/pricing';
import { callRecord, near, text } from './records';

const context = { table: bundledTable, settings: defaultCostSettings };
// 6,800 characters of static system prompt: ≈2,000 Claude tokens, above the 1,024-token cacheable minimum.
const longSystem = { kind: 'literal' as const, segments: [text('x'.repeat(6800))] };

describe('what caching and batch would change', () => {
  it('prices cache_control and the batch API for an Anthropic call that uses neither', () => {
    const call = callRecord({ model: 'claude-sonnet-4-5', sdk: 'anthropic', systemPrompt: longSystem });
    const base = estimateCallCost(call, context).monthlyUsd?.expected ?? NaN;
    const changes = whatIfs(call, context);
    assert.deepEqual(
      changes.map((c) => c.change),
      ['cache_control', 'batch'],
    );
    const cached = estimateCallCost(
      { ...call, caching: { explicit: true, ttl: '5m', markers: [] } },
      context,
    ).monthlyUsd;
    near(changes[0].monthlySavingUsd, base - (cached?.expected ?? NaN), 'cache saving');
    near(changes[1].monthlySavingUsd, base / 2, 'batch halves every price');
    assert.match(changes[0].text, /^cache_control on the static prefix would save \$\d/);
  });

  it('offers nothing the call already does, or that would not save', () => {
    const cached = callRecord({
      model: 'claude-sonnet-4-5',
      sdk: 'anthropic',
      systemPrompt: longSystem,
      caching: { explicit: true, ttl: '5m', markers: [] },
      batch: true,
    });
    assert.deepEqual(whatIfs(cached, context), []);
    // Too short a prefix to cache: cache_control saves nothing.
    const short = callRecord({ model: 'claude-sonnet-4-5', sdk: 'anthropic', stream: true });
    assert.deepEqual(whatIfs(short, context), []);
    assert.deepEqual(whatIfs(callRecord({ model: 'my-finetune' }), context), []);
  });
});

describe('a call explained', () => {
  it('has the figures, a section per topic, the assumptions with their settings, and the alternatives', () => {
    const call = callRecord({ model: 'claude-sonnet-4-5', sdk: 'anthropic', systemPrompt: longSystem });
    const cost = estimateCallCost(call, context);
    const explained = explainCall(call, cost, {
      whatIfs: whatIfs(call, context),
      alternatives: cheapestAlternatives(call, context),
    });
    assert.equal(explained.title, 'claude-sonnet-4-5');
    assert.equal(explained.figures.length, 2);
    assert.match(explained.figures[0], /per call, \$[\d,.]+ per month \(expected\)$/);
    assert.deepEqual(
      explained.sections.map((s) => s.title),
      [
        'Model',
        'What caching and batch would change',
        'Cheaper models (same provider)',
        'Assumptions',
        'Prices',
        'How it was computed',
      ],
    );
    const prices = explained.sections.find((s) => s.title === 'Prices');
    assert.ok(
      prices?.rows.every((r) => r.source && /\d{4}-\d{2}-\d{2}/.test(r.source)),
      'every price has a dated source',
    );
    const assumptions = explained.sections.find((s) => s.title === 'Assumptions');
    // Every assumption the estimate made, each with the setting that changes it when one does.
    assert.deepEqual(
      assumptions?.rows.map((r) => r.text),
      cost.assumptions.map(describeAssumption),
    );
    assert.deepEqual(
      assumptions?.rows.filter((r) => r.setting).map((r) => r.setting),
      ['llmCostLens.callsPerDay', 'llmCostLens.dynamicPartTokens', 'llmCostLens.expectedOutputTokens'],
    );
    assert.equal(assumptions?.rows[0].text, 'calls a day: 1,000 (default, llmCostLens.callsPerDay)');
    const how = explained.sections.find((s) => s.title === 'How it was computed');
    assert.deepEqual(
      how?.rows.map((r) => r.text),
      cost.notes,
    );
    const alternatives = explained.sections[2];
    assert.match(alternatives.rows[0].text, /^claude-haiku-4-5: \$\d+\/mo \(saves \$\d+\/mo\)$/);
  });

  it('says where a model found elsewhere is written, and what the workspace names when the code does not say', () => {
    const fromConfig = callRecord({
      file: 'src/app/chat.py',
      model: 'gpt-4o-mini',
      modelVia: 'cross-file',
      modelSource: { file: 'src/settings.py', line: 12 },
    });
    assert.equal(
      explainCall(fromConfig, estimateCallCost(fromConfig, context)).sections[0].rows[0].text,
      'model from src/settings.py:12',
    );
    const sameFile = callRecord({ model: 'gpt-4o', modelVia: 'constant', modelSource: { file: 'app.py', line: 3 } });
    assert.equal(
      explainCall(sameFile, estimateCallCost(sameFile, context)).sections[0].rows[0].text,
      'model from a constant in this file, line 3',
    );
    const open = callRecord({ model: null, modelVia: 'unresolved', modelCandidates: ['gpt-4o', 'gpt-4o-mini'] });
    assert.deepEqual(
      explainCall(open, estimateCallCost(open, context)).sections[0].rows.map((r) => r.text),
      [
        'model not written where the analysis can read it; this workspace uses gpt-4o, gpt-4o-mini for this provider',
        'model not known: the code does not say it here (it comes from a parameter, a setting or another call)',
      ],
    );
  });

  it('says where the model and the calls per day came from', () => {
    const call = callRecord({ model: 'gpt-4o-mini', modelVia: 'annotation', callsPerDay: 5000 });
    const explained = explainCall(call, estimateCallCost(call, context));
    assert.equal(explained.sections[0].rows[0].text, 'model from the llm-cost-lens annotation above the call');
    const assumptions = explained.sections.find((s) => s.title === 'Assumptions');
    assert.equal(assumptions?.rows[0].text, 'calls a day: 5,000 (annotation, llmCostLens.callsPerDay)');
  });

  it('for an unknown model: no figures, the reason and the closest names', () => {
    const call = callRecord({ model: 'gpt-4x-turbo' });
    const explained = explainCall(call, estimateCallCost(call, context));
    assert.deepEqual(explained.figures, []);
    assert.deepEqual(
      explained.sections.map((s) => s.title),
      ['Model', 'Assumptions'],
    );
    assert.match(
      explained.sections[0].rows.map((r) => r.text).join('\n'),
      /unknown model 'gpt-4x-turbo'[\s\S]*closest known names: /,
    );
  });
});
