import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultCostSettings, scanCostFields, type CallCost } from '../../../src/core/cost';
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

  it('writes each priced call as the record, its keys in order, then the cost fields', () => {
    const records = [
      callRecord({ file: 'a.py', model: 'gpt-4o-mini', callsPerDay: 40 }),
      { ...callRecord({ file: 'n.ipynb', model: 'gpt-4o', line: 2 }), cell: 3, functionName: 'ask' },
      callRecord({ file: 'b.py', model: 'house-model-7' }),
    ];
    const bill = workspaceBill(records, inputs);
    bill.calls.forEach((call, index) => {
      const spread = { ...bill.records[index], ...scanCostFields(bill.costs[index] as CallCost) };
      assert.equal(JSON.stringify(call), JSON.stringify(spread));
      assert.deepEqual(Object.keys(call), Object.keys(spread));
    });
    // `callsPerDay` is in both: the record's place, the cost's value (the annotation's, else the setting's).
    assert.equal(
      Object.keys(bill.calls[0] as object).indexOf('callsPerDay'),
      Object.keys(records[0]).indexOf('callsPerDay'),
    );
    assert.equal(bill.calls[0]?.callsPerDay, 40);
    assert.equal(bill.calls[2]?.callsPerDay, defaultCostSettings.callsPerDay);
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
