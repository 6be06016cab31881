import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { CallRecord, LanguageId } from '../../../src/core/analysis/types';
import { ParserHost } from '../../../src/core/parsing/host';
import { hostAnalyzer } from '../../../src/core/workspace/analyzer';
import { scanWorkspace, type FileAnalysis, type FileAnalyzer, type ScanCache } from '../../../src/core/workspace/scan';
import { MemoryFileSystem } from '../../support/memoryFileSystem';
import { openAiBot } from '../../support/hostileRepo';
import { wasmDir } from '../helpers/paths';

const host = new ParserHost(wasmDir);
after(() => host.dispose());

/** The host analyser, counting the files it parses. */
function countingAnalyzer(): FileAnalyzer & { parsed: string[] } {
  const inner = hostAnalyzer(host);
  const parsed: string[] = [];
  return {
    parsed,
    analyze(text: string, languageId: LanguageId, file: string): Promise<CallRecord[]> {
      parsed.push(file);
      if (file.includes('explodes')) return Promise.reject(new Error('analyser bug'));
      return inner.analyze(text, languageId, file);
    },
  };
}

function mapCache(): ScanCache & { entries: Map<string, FileAnalysis> } {
  const entries = new Map<string, FileAnalysis>();
  return {
    entries,
    hash: (bytes) => Buffer.from(bytes).toString('base64'),
    get: (file, hash) => entries.get(`${file}\0${hash}`),
    set: (file, hash, analysis) => void entries.set(`${file}\0${hash}`, analysis),
  };
}

const workspace = (): MemoryFileSystem =>
  new MemoryFileSystem({
    '/ws/app/bot.py': openAiBot,
    '/ws/app/plain.py': 'def add(a, b):\n    return a + b\n',
    '/ws/app/explodes.py': openAiBot,
    '/ws/app/min.js': `import OpenAI from 'openai';\n${'x=1;'.repeat(3000)}\n`,
    '/ws/app/huge.py': `# openai\n${'x = 1\n'.repeat(200_000)}`,
    '/ws/app/notes.md': openAiBot,
    '/ws/node_modules/pkg/bot.py': openAiBot,
    '/ws/.gitignore': 'generated/\n',
    '/ws/generated/bot.py': openAiBot,
    '/ws/web/chat.ts': `import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport const ask = (q: string) =>\n  openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n`,
  });

describe('workspace scan (core, over a FileSystem)', () => {
  it('finds the calls with root-relative paths, and lists every skipped file with its reason', async () => {
    const fs = workspace();
    const analyzer = countingAnalyzer();
    const scan = await scanWorkspace(['/ws'], { fs, root: '/ws', analyzer });
    assert.equal(scan.cancelled, false);
    assert.equal(scan.files, 6);
    assert.deepEqual(
      scan.calls.map((c) => `${c.file}:${c.line} ${c.model}`),
      ['app/bot.py:7 gpt-4o-mini', 'web/chat.ts:4 gpt-4o'],
    );
    assert.deepEqual(scan.skipped, [
      { file: 'app/explodes.py', reason: 'could not be analysed: analyser bug' },
      { file: 'app/huge.py', reason: 'larger than 1 MB' },
      { file: 'app/min.js', reason: 'minified (a line longer than 10000 characters)' },
    ]);
    assert.deepEqual(analyzer.parsed.sort(), ['app/bot.py', 'app/explodes.py', 'web/chat.ts']);
    assert.equal(fs.reads.get('/ws/node_modules/pkg/bot.py'), undefined);
    assert.equal(fs.reads.get('/ws/generated/bot.py'), undefined);
  });

  it('keeps a file given directly, and says why a non-source one is skipped', async () => {
    const fs = workspace();
    const scan = await scanWorkspace(['/ws/generated/bot.py', '/ws/app/notes.md'], {
      fs,
      root: '/ws',
      analyzer: countingAnalyzer(),
    });
    assert.deepEqual(
      scan.calls.map((c) => c.file),
      ['generated/bot.py'],
    );
    assert.deepEqual(scan.skipped, [{ file: 'app/notes.md', reason: 'not a Python, TypeScript or JavaScript file' }]);
  });

  it('with a cache, parses only files whose content changed, and returns the same records', async () => {
    const fs = workspace();
    const cache = mapCache();
    const first = await scanWorkspace(['/ws'], { fs, root: '/ws', analyzer: countingAnalyzer(), cache });
    const again = countingAnalyzer();
    const second = await scanWorkspace(['/ws'], { fs, root: '/ws', analyzer: again, cache });
    assert.deepEqual(again.parsed, []);
    assert.deepEqual(second, first);
    fs.write(
      '/ws/web/chat.ts',
      new TextDecoder().decode(await fs.readFile('/ws/web/chat.ts')).replace('gpt-4o', 'gpt-4.1'),
    );
    const edited = countingAnalyzer();
    const third = await scanWorkspace(['/ws'], { fs, root: '/ws', analyzer: edited, cache });
    assert.deepEqual(edited.parsed, ['web/chat.ts']);
    assert.deepEqual(
      third.calls.map((c) => c.model),
      ['gpt-4o-mini', 'gpt-4.1'],
    );
  });

  it('reports progress up to the total, and stops when cancelled, saying so', async () => {
    const fs = workspace();
    const seen: [number, number][] = [];
    const full = await scanWorkspace(['/ws'], {
      fs,
      root: '/ws',
      analyzer: countingAnalyzer(),
      onProgress: (done, total) => seen.push([done, total]),
    });
    assert.deepEqual(seen.at(-1), [full.files, full.files]);
    let done = 0;
    const partial = await scanWorkspace(['/ws'], {
      fs,
      root: '/ws',
      analyzer: countingAnalyzer(),
      onProgress: (n) => (done = n),
      isCancelled: () => done >= 2,
    });
    assert.equal(partial.cancelled, true);
    assert.ok(partial.calls.length < full.calls.length);
  });

  it('does not parse a file that names an SDK but no method that ends a billable call, nor an alias of one', async () => {
    const parses: string[] = [];
    const spy = Object.create(host) as ParserHost;
    spy.parse = (text, languageId, oldTree) => {
      parses.push(text);
      return host.parse(text, languageId, oldTree);
    };
    const analyzer = hostAnalyzer(spy);
    const typesOnly = 'from anthropic.types import MessageParam\n\nHistory = list[MessageParam]\n';
    assert.deepEqual(await analyzer.analyze(typesOnly, 'python', 'types.py'), []);
    assert.deepEqual(parses, []);
    // An alias may hide the billable name (`import openai as oa` ... `oa.chat...`): parsed.
    const aliased = 'import openai as oa\n\nclient = oa.OpenAI()\n';
    assert.deepEqual(await analyzer.analyze(aliased, 'python', 'aliased.py'), []);
    const calls = await analyzer.analyze(openAiBot, 'python', 'bot.py');
    assert.deepEqual(parses, [aliased, openAiBot]);
    assert.equal(calls.length, 1);
  });
});
