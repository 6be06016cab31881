import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultCostSettings } from '../../../src/core/cost';
import { bundledTable } from '../../../src/core/pricing';
import { workspaceBill } from '../../../src/core/workspace/bill';
import { callRecord } from '../cost/records';

const inputs = { table: bundledTable, settings: defaultCostSettings, sources: {}, assumedModels: {} };

describe('workspace bill', () => {
  it('prices every call, keeps unknown models unpriced, and totals what it priced', () => {
    const bill = workspaceBill(
      [
        callRecord({ file: 'a.py', model: 'gpt-4o-mini' }),
        callRecord({ file: 'b.py', model: 'gpt-4o', line: 3 }),
        callRecord({ file: 'b.py', model: 'house-model-7', line: 9 }),
      ],
      inputs,
    );
    assert.equal(bill.calls.length, 3);
    const [mini, big, unknown] = bill.calls;
    assert.ok(mini?.monthlyUsd && big?.monthlyUsd && big.monthlyUsd.expected > mini.monthlyUsd.expected);
    assert.equal(unknown?.monthlyUsd, null);
    assert.ok(unknown?.unknownModel);
    assert.equal(bill.totals.unpriced, 1);
    assert.ok(Math.abs(bill.totals.monthlyUsd.expected - (mini.monthlyUsd.expected + big.monthlyUsd.expected)) < 1e-9);
    assert.deepEqual(
      bill.totals.byFile.map((r) => [r.key, r.calls, r.unpriced]),
      [
        ['b.py', 2, 1],
        ['a.py', 1, 0],
      ],
    );
    assert.equal(bill.assumptions.callsPerDay.value, defaultCostSettings.callsPerDay);
    assert.equal(bill.assumptions.callsPerDay.calls, 3);
  });

  it('applies the assumed models to calls whose model the code does not say, and lists candidates otherwise', () => {
    const unresolved = callRecord({ file: 'c.py', model: null, modelVia: 'unresolved' });
    const known = callRecord({ file: 'd.py', model: 'gpt-4.1-nano' });
    const assumed = workspaceBill([unresolved, known], { ...inputs, assumedModels: { openai: 'gpt-4o-mini' } });
    assert.equal(assumed.records[0]?.model, 'gpt-4o-mini');
    assert.equal(assumed.records[0]?.modelVia, 'assumed');
    assert.ok(assumed.calls[0]?.monthlyUsd);
    const candidates = workspaceBill([unresolved, known], inputs);
    assert.deepEqual(candidates.records[0]?.modelCandidates, ['gpt-4.1-nano']);
    assert.equal(candidates.calls[0]?.monthlyUsd, null);
    assert.equal(candidates.totals.unpriced, 1);
  });
});
