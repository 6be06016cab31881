import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultCostSettings, type Assumption, type AssumptionKey } from '../../../src/core/cost';
import { workspaceAssumptions } from '../../../src/core/workspace/assumptions';
import type { CostedCall } from '../../../src/core/workspace/costs';

/** A priced call as far as the assumptions read it: where its calls a day came from, and what it assumed. */
const costed = (perDay: 'annotation' | 'default', assumed: [AssumptionKey, Assumption['source']][]): CostedCall =>
  ({
    file: 'a.py',
    line: 1,
    callsPerDay: perDay === 'annotation' ? 40 : defaultCostSettings.callsPerDay,
    callsPerDaySource: perDay,
    assumptions: assumed.map(([key, source]) => ({ key, label: key, value: 1, source })),
  }) as unknown as CostedCall;

describe('workspace assumptions', () => {
  it('counts each call once per setting it used, and thinking budgets written in the code apart', () => {
    const calls = [
      costed('default', [
        ['dynamicPartTokens', 'default'],
        ['dynamicPartTokens', 'default'],
        ['expectedOutputTokens', 'default'],
      ]),
      costed('annotation', [
        ['historyTokens', 'setting'],
        ['reasoningTokens', 'code'],
        ['expectedOutputTokens', 'default'],
      ]),
      costed('default', [
        ['reasoningTokens', 'code'],
        ['reasoningTokens', 'default'],
        ['worstCaseOutput', 'code'],
      ]),
      costed('default', [['reasoningTokens', 'flag']]),
      costed('default', []),
    ];
    const assumed = workspaceAssumptions(defaultCostSettings, { historyTokens: 'setting' }, calls);
    assert.deepEqual(
      [
        assumed.callsPerDay.calls,
        assumed.dynamicPartTokens.calls,
        assumed.historyTokens.calls,
        assumed.expectedOutputTokens.calls,
        assumed.reasoningTokens.calls,
        assumed.reasoningTokens.thinkingBudgetCalls,
      ],
      [4, 1, 1, 2, 2, 2],
    );
    assert.equal(assumed.historyTokens.source, 'setting');
    assert.equal(assumed.dynamicPartTokens.source, 'default');
    assert.deepEqual(
      assumed.perCall.map((c) => c.source),
      ['default', 'annotation', 'default', 'default', 'default'],
    );
  });
});
