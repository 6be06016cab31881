import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { defaultCostSettings } from '../../../src/core/cost';
import { whatChanged } from '../../../src/cli/diff/describeChange';
import { diffCalls } from '../../../src/core/diff/callDiff';
import { ParserHost } from '../../../src/core/parsing/host';
import { bundledTable } from '../../../src/core/pricing';
import { costCalls } from '../../../src/core/workspace/costs';
import { wasmDir } from '../helpers/paths';

const host = new ParserHost(wasmDir);
after(() => host.dispose());

const header = 'from openai import OpenAI\nclient = OpenAI()\n\n';
const ask = (model: string, content: string, extra = ''): string =>
  `    client.chat.completions.create(model="${model}", max_tokens=100${extra}, messages=[{"role": "user", "content": "${content}"}])\n`;

async function costed(text: string) {
  const { calls } = await analyze(text, 'python', 'app.py', host);
  return costCalls(calls, { table: bundledTable, settings: defaultCostSettings, sources: {} });
}

async function changes(before: string, after: string) {
  return diffCalls(await costed(before), await costed(after)).changes.map((c) => [
    c.kind,
    c.before?.model ?? null,
    c.after?.model ?? null,
  ]);
}

describe('matching calls across revisions', () => {
  it('pairs a function’s calls that send the same thing first, so a call inserted before another is the added one', async () => {
    const before = `${header}def run():\n${ask('gpt-4o', 'Summarise')}`;
    const after = `${header}def run():\n${ask('gpt-4o-mini', 'Classify')}${ask('gpt-4o', 'Summarise')}`;
    assert.deepEqual(await changes(before, after), [['added', null, 'gpt-4o-mini']]);
  });

  it('pairs by order when the counts agree (a swap is a change), and reports a removed call', async () => {
    const before = `${header}def run():\n${ask('gpt-4o', 'A')}${ask('gpt-4o', 'B')}\ndef old():\n${ask('gpt-4o-mini', 'C')}`;
    const after = `${header}def run():\n${ask('gpt-4o', 'A')}${ask('gpt-4.1', 'B')}\n`;
    assert.deepEqual(await changes(before, after), [
      ['changed', 'gpt-4o', 'gpt-4.1'],
      ['removed', 'gpt-4o-mini', null],
    ]);
  });

  it('ignores a call that only moved (another line, the same function), and one in a function moved within the file', async () => {
    const before = `${header}def a():\n${ask('gpt-4o', 'A')}\ndef b():\n${ask('gpt-4o-mini', 'B')}`;
    const after = `${header}# a comment\n\ndef b():\n    x = 1\n${ask('gpt-4o-mini', 'B')}\ndef a():\n${ask('gpt-4o', 'A')}`;
    const diff = diffCalls(await costed(before), await costed(after));
    assert.deepEqual(diff.changes, []);
    assert.ok(Math.abs(diff.deltaMonthlyUsd) < 1e-9);
  });

  it('reports a change of limit, of prompt size and of loop, each with its dollar difference', async () => {
    const before = `${header}def run(items):\n${ask('gpt-4o', 'Hi')}`;
    const after = `${header}def run(items):\n    for item in items:\n    ${ask('gpt-4o', 'Hi there, a much longer prompt than before')}`;
    const diff = diffCalls(await costed(before), await costed(after));
    const [change] = diff.changes;
    assert.equal(change?.kind, 'changed');
    assert.equal(change?.after?.inLoop, true);
    assert.ok((change?.after?.inputTokens ?? 0) > (change?.before?.inputTokens ?? 0));
    assert.ok(Math.abs((change?.deltaMonthlyUsd ?? 0) - diff.deltaMonthlyUsd) < 1e-9);
  });

  it('says a limit is not shown when the settings come whole from the caller, and set when its value is not known', async () => {
    const call = (limit: string): string =>
      `${header}def run(text, n, **options):\n    client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}]${limit}, **options)\n`;
    const described = async (before: string, after: string): Promise<string[]> =>
      diffCalls(await costed(before), await costed(after)).changes.map(whatChanged);
    assert.deepEqual(await described(call(''), call(', max_tokens=300')), ['output limit not shown → 300']);
    assert.deepEqual(await described(call(', max_tokens=n'), call('')), ['output limit set → not shown']);
    const plain = (limit: string): string =>
      `${header}def run(text):\n${ask('gpt-4o', 'Hi', limit).replace(', max_tokens=100', '')}`;
    assert.deepEqual(await described(plain(', max_tokens=300'), plain('')), ['output limit 300 → none']);
  });
});
