import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentTrees, ParserHost, languageIdForPath, syntaxErrorCount } from '../../../src/core/parsing';
import { wasmDir } from '../helpers/paths';

describe('parser host', () => {
  const host = new ParserHost(wasmDir);

  it('maps file extensions to language ids', () => {
    assert.equal(languageIdForPath('a/b.py'), 'python');
    assert.equal(languageIdForPath('x.MTS'), 'typescript');
    assert.equal(languageIdForPath('x.tsx'), 'typescriptreact');
    assert.equal(languageIdForPath('x.cjs'), 'javascript');
    assert.equal(languageIdForPath('x.jsx'), 'javascriptreact');
    assert.equal(languageIdForPath('x.d.ts'), undefined);
    assert.equal(languageIdForPath('src/X.D.MTS'), undefined);
    assert.equal(languageIdForPath('x.D.cts'), undefined);
    assert.equal(languageIdForPath('d.ts'), 'typescript');
    assert.equal(languageIdForPath('src.d/x.ts'), 'typescript');
    assert.equal(languageIdForPath('x.d.tsx'), 'typescriptreact');
    assert.equal(languageIdForPath('A/B.PY'), 'python');
    assert.equal(languageIdForPath('a.b/Makefile'), undefined);
    assert.equal(languageIdForPath('Makefile'), undefined);
  });

  it('parses every language lazily and reports UTF-16 indices', async () => {
    assert.equal(host.isLoaded('python'), false);
    const text = 'x = "é😀"; create(1)\n';
    const tree = await host.parse(text, 'python');
    const node = tree.rootNode.descendantForIndex(text.indexOf('create'));
    assert.equal(node?.text, 'create');
    assert.equal(node?.startIndex, text.indexOf('create'));
    assert.equal(node?.startPosition.column, text.indexOf('create'));
    tree.delete();
    for (const id of ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'] as const) {
      const errors = await syntaxErrorCount(host, 'const a = <b>{1}</b>;', id);
      assert.ok(id === 'typescript' ? errors > 0 : errors === 0, `${id}: ${errors}`);
    }
  });

  it('re-parses incrementally to the same tree as a full parse', async () => {
    const trees = new DocumentTrees(host);
    const before = 'def f():\n    s = "héllo 😀"\n    return client.chat.completions.create(model="a")\n';
    await trees.update('doc', before, 1, 'python');
    const start = before.indexOf('"a"') + 1;
    const after = before.slice(0, start) + 'gpt-4o' + before.slice(start + 1);
    const entry = await trees.update('doc', after, 2, 'python', [{ start, oldEnd: start + 1, newText: 'gpt-4o' }]);
    const full = await host.parse(after, 'python');
    assert.equal(entry.tree.rootNode.toString(), full.rootNode.toString());
    const edited = entry.tree.rootNode.descendantForIndex(after.indexOf('gpt-4o'));
    assert.equal(edited?.text, 'gpt-4o');
    full.delete();
    trees.close('doc');
    assert.equal(trees.get('doc'), undefined);
  });
});
