import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { annotationEdit, findAnnotation, parseAnnotation } from '../../../src/core/analysis/annotation';
import type { LanguageId } from '../../../src/core/analysis/types';
import { ParserHost } from '../../../src/core/parsing/host';
import { wasmDir } from '../helpers/paths';

const host = new ParserHost(wasmDir);
after(() => host.dispose());

function apply(text: string, edit: { start: number; end: number; newText: string }): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

async function firstCall(text: string, languageId: LanguageId = 'python') {
  const [call] = (await analyze(text, languageId, 'x', host)).calls;
  assert.ok(call, `a call in:\n${text}`);
  return call;
}

describe('llm-cost-lens annotations', () => {
  it('reads the model, calls per day, or both, in any order', () => {
    assert.deepEqual(parseAnnotation('# llm-cost-lens: model=gpt-4o-mini'), {
      model: 'gpt-4o-mini',
      callsPerDay: null,
    });
    assert.deepEqual(parseAnnotation('// llm-cost-lens: 20/day'), { model: null, callsPerDay: 20 });
    assert.deepEqual(parseAnnotation('# llm-cost-lens: model=openrouter/anthropic/claude-haiku-4.5, 5000/day'), {
      model: 'openrouter/anthropic/claude-haiku-4.5',
      callsPerDay: 5000,
    });
    assert.deepEqual(parseAnnotation('# LLM-Cost-Lens: 1.5k/day, model=gemini-2.5-flash'), {
      model: 'gemini-2.5-flash',
      callsPerDay: 1500,
    });
    assert.deepEqual(parseAnnotation('/* llm-cost-lens: model=gpt-4.1 */'), { model: 'gpt-4.1', callsPerDay: null });
    assert.equal(parseAnnotation('# llm-cost-lens: nothing here'), null);
    assert.equal(parseAnnotation('# an ordinary comment, 5000/day'), null);
  });

  it('finds the annotation above a call across other comments and blank lines, not past code', () => {
    const text = '# llm-cost-lens: model=gpt-4o\n# why: see the ticket\n\nr = create()\n';
    assert.equal(findAnnotation(text, text.indexOf('create'))?.model, 'gpt-4o');
    const blocked = '# llm-cost-lens: model=gpt-4o\nx = 1\nr = create()\n';
    assert.equal(findAnnotation(blocked, blocked.indexOf('create')), null);
    const trailing = 'r = create()  # llm-cost-lens: 30/day\n';
    assert.deepEqual(findAnnotation(trailing, trailing.indexOf('create'))?.callsPerDay, 30);
  });

  it('writes a new annotation line above the call with its indentation, in the language’s comment style', () => {
    const py = 'def f():\n    r = client.chat.completions.create(model=MODEL)\n';
    const edited = apply(py, annotationEdit(py, py.indexOf('client'), true, 'gpt-4o-mini'));
    assert.equal(
      edited,
      'def f():\n    # llm-cost-lens: model=gpt-4o-mini\n    r = client.chat.completions.create(model=MODEL)\n',
    );
    const ts = 'async function f() {\n  const r = await openai.chat.completions.create({ model });\n}\n';
    const editedTs = apply(ts, annotationEdit(ts, ts.indexOf('openai.chat'), false, 'gpt-4o'));
    assert.equal(
      editedTs,
      'async function f() {\n  // llm-cost-lens: model=gpt-4o\n  const r = await openai.chat.completions.create({ model });\n}\n',
    );
  });

  it('combines with an existing N/day annotation instead of adding a second line', () => {
    const py = '    # llm-cost-lens: 5000/day\n    r = client.messages.create(model=MODEL)\n';
    const edited = apply(py, annotationEdit(py, py.indexOf('client'), true, 'claude-haiku-4-5'));
    assert.equal(
      edited,
      '    # llm-cost-lens: model=claude-haiku-4-5, 5000/day\n    r = client.messages.create(model=MODEL)\n',
    );
    const again = apply(edited, annotationEdit(edited, edited.indexOf('client'), true, 'claude-sonnet-4-5'));
    assert.equal(
      again,
      '    # llm-cost-lens: model=claude-sonnet-4-5, 5000/day\n    r = client.messages.create(model=MODEL)\n',
    );
    const block = '/* llm-cost-lens: 20/day */\nawait generateText({ model });\n';
    const editedBlock = apply(block, annotationEdit(block, block.indexOf('generateText'), false, 'gpt-4o'));
    assert.equal(editedBlock, '/* llm-cost-lens: model=gpt-4o, 20/day */\nawait generateText({ model });\n');
  });

  it('gives the record its model, marked as coming from the annotation, with the calls per day beside it', async () => {
    const text =
      'import os\nfrom openai import OpenAI\nclient = OpenAI()\nMODEL = os.environ["MODEL"]\n' +
      '# llm-cost-lens: model=gpt-4o-mini, 5000/day\nr = client.chat.completions.create(model=MODEL, messages=[])\n';
    const call = await firstCall(text);
    assert.equal(call.model, 'gpt-4o-mini');
    assert.equal(call.modelVia, 'annotation');
    assert.equal(call.callsPerDay, 5000);
    const unannotated = await firstCall(text.replace('# llm-cost-lens: model=gpt-4o-mini, 5000/day\n', ''));
    assert.equal(unannotated.model, null);
    assert.equal(unannotated.modelVia, 'unresolved');
    const ts = await firstCall(
      "import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport async function f(model: string) {\n" +
        '  // llm-cost-lens: model=gpt-4.1-mini\n  return openai.chat.completions.create({ model, messages: [] });\n}\n',
      'typescript',
    );
    assert.deepEqual([ts.model, ts.modelVia], ['gpt-4.1-mini', 'annotation']);
  });
});
