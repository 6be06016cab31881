import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallChange, CallSide } from '../../../src/core/diff/callDiff';
import { diffMarkdown, diffTable } from '../../../src/cli/diff/render';

const side = (model: string | null, monthly: number | null): CallSide => ({
  line: 3,
  functionName: 'ask',
  sdk: 'openai',
  api: 'responses.create',
  model,
  pricedAs: model,
  outputLimit: null,
  limit: 'none',
  inLoop: false,
  batch: false,
  inputTokens: 10,
  callsPerDay: 1000,
  monthlyUsd: monthly === null ? null : { expected: monthly, worst: monthly },
});

const added = (file: string, model: string | null, monthly: number | null): CallChange => ({
  file,
  line: 3,
  kind: 'added',
  before: null,
  after: side(model, monthly),
  deltaMonthlyUsd: monthly,
});

const base = { revision: 'main', commit: 'a'.repeat(40) };

describe('diff headings', () => {
  it('count the changes that have no price beside the dollars, so an unknown model never reads as $0', () => {
    const unpriced = {
      baseMonthlyUsd: 0,
      headMonthlyUsd: 0,
      deltaMonthlyUsd: 0,
      changes: [added('a.py', null, null), added('b.py', null, null)],
    };
    assert.match(diffMarkdown(unpriced, base), /^### LLM Cost Lens: \+?\$0\/month, 2 changes not priced$/m);
    assert.match(
      diffTable(unpriced, base),
      /^Projected monthly cost: \$0 → \$0, \+?\$0\/month, 2 changes not priced against/,
    );
    const mixed = {
      ...unpriced,
      headMonthlyUsd: 30,
      deltaMonthlyUsd: 30,
      changes: [added('c.py', 'gpt-4o', 30), added('a.py', null, null)],
    };
    assert.match(diffMarkdown(mixed, base), /^### LLM Cost Lens: \+\$30(\.00)?\/month, 1 change not priced$/m);
    const priced = { ...mixed, changes: [added('c.py', 'gpt-4o', 30)] };
    assert.match(diffMarkdown(priced, base), /^### LLM Cost Lens: \+\$30(\.00)?\/month$/m);
  });
});
