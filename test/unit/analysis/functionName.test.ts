import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { DocumentAnalyzer } from '../../../src/core/analysis/incremental';
import { ParserHost } from '../../../src/core/parsing/host';
import { wasmDir } from '../helpers/paths';

const host = new ParserHost(wasmDir);
after(() => host.dispose());

const python = `from openai import OpenAI
client = OpenAI()
client.chat.completions.create(model="gpt-4o", messages=[])

class Bot:
    def ask(self, q):
        return client.chat.completions.create(model="gpt-4o", messages=[])

def outer():
    def inner():
        return client.chat.completions.create(model="gpt-4o", messages=[])
    handler = lambda q: client.chat.completions.create(model="gpt-4o", messages=[])
    return inner
`;

const typescript = `import OpenAI from 'openai';
const openai = new OpenAI();
export const summarize = async (text: string) => openai.chat.completions.create({ model: 'gpt-4o', messages: [] });
export class Service {
  ask(q: string) { return openai.chat.completions.create({ model: 'gpt-4o', messages: [] }); }
  handler = async () => openai.chat.completions.create({ model: 'gpt-4o', messages: [] });
}
const routes = { chat: function () { return openai.chat.completions.create({ model: 'gpt-4o', messages: [] }); } };
app.post('/x', async () => openai.chat.completions.create({ model: 'gpt-4o', messages: [] }));
`;

describe('the enclosing function of a call (its identity across revisions)', () => {
  it('names functions, methods, lambdas and class members in Python', async () => {
    const { calls } = await analyze(python, 'python', 'bot.py', host);
    assert.deepEqual(
      calls.map((c) => c.functionName ?? null),
      [null, 'Bot.ask', 'outer.inner', 'outer.handler'],
    );
  });

  it('names arrow functions by what they are assigned to, and says <anonymous> for a callback', async () => {
    const { calls } = await analyze(typescript, 'typescript', 'app.ts', host);
    assert.deepEqual(
      calls.map((c) => c.functionName ?? null),
      ['summarize', 'Service.ask', 'Service.handler', 'chat', '<anonymous>'],
    );
  });

  it('is recomputed when an edit renames the class around it, in the editor’s incremental analysis', async () => {
    const analyzer = new DocumentAnalyzer();
    const first = await host.parse(python, 'python');
    analyzer.analyze(first, python, 'python', 'bot.py');
    const at = python.indexOf('class Bot') + 'class '.length;
    const renamed = `${python.slice(0, at)}Agent${python.slice(at + 'Bot'.length)}`;
    const change = { start: at, oldEnd: at + 'Bot'.length, newText: 'Agent' };
    const tree = await host.parse(renamed, 'python');
    const calls = analyzer.analyze(tree, renamed, 'python', 'bot.py', [change], [{ start: at, end: at + 5 }]);
    assert.equal(calls[1]?.functionName, 'Agent.ask');
    first.delete();
    tree.delete();
  });
});
