import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { ParserHost } from '../../../src/core/parsing/host';
import { languageIdForPath, type LanguageId } from '../../../src/core/parsing/languages';
import { fixturesDir, wasmDir } from '../helpers/paths';
import { mutate, prng } from './random';

const mutations = 1200;
/** Far above the few milliseconds a fixture takes: a hang or a blow-up, not noise. */
const maxMsPerFile = 3000;

function fixtureFiles(): { text: string; languageId: LanguageId; name: string }[] {
  const root = path.join(fixturesDir, 'analysis');
  const files: { text: string; languageId: LanguageId; name: string }[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const languageId = languageIdForPath(entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (languageId)
        files.push({ text: readFileSync(full, 'utf8'), languageId, name: path.relative(root, full) });
    }
  }
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

describe('analysis fuzz', () => {
  it(`analyses ${mutations} random mutations of the fixtures without an exception or a hang`, async () => {
    const host = new ParserHost(wasmDir);
    const files = fixtureFiles();
    const random = prng(424242);
    const started = performance.now();
    let slowest = 0;
    let calls = 0;
    for (let i = 0; i < mutations; i++) {
      const file = files[i % files.length];
      const text = mutate(random, file.text);
      const start = performance.now();
      const result = await analyze(text, file.languageId, file.name, host);
      const elapsed = performance.now() - start;
      slowest = Math.max(slowest, elapsed);
      assert.ok(elapsed < maxMsPerFile, `mutation ${i} of ${file.name} took ${elapsed.toFixed(0)} ms`);
      for (const call of result.calls) {
        assert.ok(call.line >= 1 && call.column >= 1, `mutation ${i}: position`);
        assert.ok(
          call.range.start >= 0 && call.range.end <= text.length && call.range.start < call.range.end,
          `mutation ${i}: range`,
        );
      }
      calls += result.calls.length;
    }
    const total = performance.now() - started;
    console.log(
      `fuzz: ${mutations} mutations, ${calls} calls found, ${total.toFixed(0)} ms in all, slowest ${slowest.toFixed(1)} ms`,
    );
    host.dispose();
  });

  it('never throws on empty, deeply nested, non-UTF-8, minified or oversized input', async () => {
    const host = new ParserHost(wasmDir);
    const call = 'client.chat.completions.create(model="gpt-4o", messages=[])';
    const cases: [string, LanguageId, string][] = [
      ['', 'python', 'empty'],
      ['from openai import OpenAI\n', 'python', 'import only'],
      [
        `from openai import OpenAI\nclient = OpenAI()\nx = ${'['.repeat(20000)}${call}${']'.repeat(20000)}\n`,
        'python',
        'deep lists',
      ],
      [
        `import OpenAI from 'openai';\nconst client = new OpenAI();\nconst x = ${'f('.repeat(20000)}${call}${')'.repeat(20000)};\n`,
        'typescript',
        'deep calls',
      ],
      [`import OpenAI from 'openai';\n${'{'.repeat(30000)}`, 'javascript', 'unclosed braces'],
      [
        Buffer.from([0x66, 0x72, 0x6f, 0x6d, 0x20, 0xff, 0xfe, 0x80, 0x6f, 0x70, 0x65, 0x6e, 0x61, 0x69]).toString(
          'utf8',
        ),
        'python',
        'non-UTF-8',
      ],
      [`import openai\n"\ud800" + openai.chat.completions.create(model="\udfff")\n`, 'python', 'lone surrogates'],
    ];
    for (const [text, languageId, name] of cases) {
      const result = await analyze(text, languageId, name, host);
      assert.ok(Array.isArray(result.calls), name);
    }
    const minified = await analyze(
      `import OpenAI from 'openai';\n${'a=1;'.repeat(3000)}\n`,
      'javascript',
      'min.js',
      host,
    );
    assert.match(minified.skipped?.reason ?? '', /minified/);
    const large = await analyze(`import openai\n${'# padding line\n'.repeat(80000)}`, 'python', 'big.py', host);
    assert.match(large.skipped?.reason ?? '', /larger than 1 MB/);
    host.dispose();
  });
});
