import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ParserHost } from '../../../src/core/parsing/host';
import { fixturesDir, wasmDir } from '../helpers/paths';
import { analysisFixtures, scoreFixtures } from './fixtureRunner';

describe('analysis fixtures', () => {
  it('finds every expected call and nothing else (precision and recall 100%)', async () => {
    const host = new ParserHost(wasmDir);
    const score = await scoreFixtures(analysisFixtures(fixturesDir), host);
    host.dispose();
    const precision = score.reported === 0 ? 1 : score.matched / score.reported;
    const recall = score.expected === 0 ? 1 : score.matched / score.expected;
    console.log(
      `analysis fixtures: ${score.expected} calls, ${score.negatives} look-alikes; ` +
        `precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}%`,
    );
    assert.ok(score.expected >= 60, `at least 60 call sites (${score.expected})`);
    assert.ok(score.negatives >= 15, `at least 15 look-alike cases (${score.negatives})`);
    assert.deepEqual(score.problems, []);
    assert.equal(precision, 1);
    assert.equal(recall, 1);
  });
});
