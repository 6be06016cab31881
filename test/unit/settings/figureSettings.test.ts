import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultCostSettings } from '../../../src/core/cost';
import { figureValuesFromSettingsJson, readFigureSettings } from '../../../src/core/settings/figureSettings';

describe('figure settings (the llmCostLens.* values the editor and the CLI share)', () => {
  it('reads dotted keys and section objects alike, and ignores everything else', () => {
    const values = figureValuesFromSettingsJson({
      'editor.fontSize': 14,
      'llmCostLens.callsPerDay': 50,
      'llmCostLens.pricing': { overrides: { 'gpt-4o': { input: 1, output: 2 } } },
      llmCostLens: { rules: { severity: { 'missing-output-limit': 'off' } }, reasoningTokens: { low: 10 } },
      'llmCostLens.compressor.model': 'x',
      '[python]': { 'llmCostLens.callsPerDay': 1 },
    });
    assert.deepEqual(values, {
      callsPerDay: 50,
      'pricing.overrides': { 'gpt-4o': { input: 1, output: 2 } },
      'rules.severity': { 'missing-output-limit': 'off' },
      reasoningTokens: { low: 10 },
    });
  });

  it('validates each value, naming a bad one and keeping its default, and marks where each cost value came from', () => {
    const { settings, problems } = readFigureSettings({
      callsPerDay: 20,
      expectedOutputTokens: 'lots',
      'pricing.file': 42,
      'pricing.overrides': { 'gpt-4o': { input: -1 } },
      'rules.severity': { 'missing-output-limit': 'loud', 'batch-candidate': 'off' },
    });
    assert.equal(settings.cost.callsPerDay, 20);
    assert.equal(settings.cost.expectedOutputTokens, defaultCostSettings.expectedOutputTokens);
    assert.equal(settings.costSources.callsPerDay, 'setting');
    assert.equal(settings.costSources.expectedOutputTokens, 'setting');
    assert.equal(settings.costSources.dynamicPartTokens, 'default');
    assert.equal(settings.priceFile, null);
    assert.deepEqual(settings.rules.severity, { 'batch-candidate': 'off' });
    assert.equal(problems.length, 4);
    for (const [problem, mentions] of [
      [problems[0], 'llmCostLens.expectedOutputTokens'],
      [problems[1], 'llmCostLens.pricing.overrides'],
      [problems[2], 'llmCostLens.pricing.file'],
      [problems[3], 'llmCostLens.rules.severity.missing-output-limit'],
    ] as const) {
      assert.ok(problem?.startsWith(mentions), `${problem} names ${mentions}`);
    }
  });
});
