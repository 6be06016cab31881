import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeLiteral, type HostLanguage } from '../../../src/core/compression/literal';
import { replaceInLiteral } from '../../../src/core/compression/literalEdit';
import { parse, syntaxErrors } from './treeSitter';

/** Replaces the first occurrence of `selected` (source text) in `source` and returns the edited literal. */
function edit(source: string, language: HostLanguage, selected: string, value: string): string {
  const start = source.indexOf(selected);
  assert.ok(start >= 0, selected);
  const result = replaceInLiteral(source, language, start, start + selected.length, value);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return source.slice(0, result.value.start) + result.value.text + source.slice(result.value.end);
}

test('literal edit: a selection is replaced in place, escaped in the literal style', () => {
  assert.equal(
    edit(String.raw`'Say it\'s   fine. Done.'`, 'python', String.raw`Say it\'s   fine.`, "It's fine."),
    String.raw`'It\'s fine. Done.'`,
  );
  assert.equal(
    edit('f"Hi {name}.  Please be brief."', 'python', 'Please be brief.', 'Be {brief}.'),
    'f"Hi {name}.  Be {{brief}}."',
  );
  assert.equal(
    edit('`A ${x}. Please reply.`', 'typescript', 'Please reply.', 'Reply `now` ${x}.'),
    '`A ${x}. Reply \\`now\\` ${x}.`',
  );
});

test('literal edit: quote runs across the seam of a triple-quoted string stay closed', () => {
  const source = '"""ab""cd"""';
  const edited = edit(source, 'python', 'cd', '"x"');
  const back = decodeLiteral(edited, 'python');
  assert.ok(back.ok);
  assert.equal(back.value.value, 'ab"""x"');
});

test('literal edit: `$` before the seam and `{` after it do not become a substitution', () => {
  const source = '`cost: $X{y}`';
  const edited = edit(source, 'typescript', 'X', '');
  const back = decodeLiteral(edited, 'typescript');
  assert.ok(back.ok);
  assert.equal(back.value.value, 'cost: ${y}', 'the text, not a substitution');
  assert.deepEqual(back.value.fields, []);
});

test('literal edit: a selection cutting an escape or a field is refused; a raw string that cannot hold it too', () => {
  const cut = replaceInLiteral(String.raw`"a\nb"`, 'python', 3, 5, 'x');
  assert.equal(cut.ok, false);
  const field = replaceInLiteral('f"a {name} b"', 'python', 5, 9, 'x');
  assert.equal(field.ok, false);
  const raw = replaceInLiteral('r"abc"', 'python', 3, 4, 'x"y');
  assert.deepEqual(raw, { ok: false, reason: 'the text cannot be written as a raw string' });
});

test('literal edit: the edited file re-parses cleanly', async () => {
  const code = 'x = """Intro ""quoted""\nPlease   answer."""\n';
  const literal = code.slice(4, code.length - 1);
  const edited = edit(literal, 'python', 'Please   answer.', 'Answer ""now""');
  assert.deepEqual(syntaxErrors(await parse(`x = ${edited}\n`, 'python')), []);
});

test('literal edit: random selections and texts either read back exactly or are refused', () => {
  const alphabet = ['a', ' ', '"', "'", '`', '\\', '\n', '{', '}', '$', 'é', '""'];
  let state = 7;
  const next = (n: number): number => (state = (state * 1103515245 + 12345) % 2 ** 31) % n;
  const text = (): string => Array.from({ length: next(8) }, () => alphabet[next(alphabet.length)]).join('');
  const literals: [string, HostLanguage][] = [
    ['"""ab""cd\\"ef"""', 'python'],
    ["'it\\'s {x}'", 'python'],
    ['f"{x} a{{b}} c"', 'python'],
    ["r'''raw\\d'''", 'python'],
    ['`a ${x} $b \\` c`', 'typescript'],
    ['"a\\"b"', 'javascript'],
  ];
  let edits = 0;
  for (const [source, language] of literals) {
    const open = source.search(/["'`]/) + (source.includes('"""') || source.includes("'''") ? 3 : 1);
    const close = source.length - (source.endsWith('"""') || source.endsWith("'''") ? 3 : 1);
    for (let n = 0; n < 150; n++) {
      const a = open + next(close - open + 1);
      const b = a + next(close - a + 1);
      const value = text();
      const result = replaceInLiteral(source, language, a, b, value);
      if (!result.ok) continue;
      edits++;
      const edited = source.slice(0, result.value.start) + result.value.text + source.slice(result.value.end);
      const back = decodeLiteral(edited, language);
      const before = decodeLiteral(source, language);
      assert.ok(back.ok && before.ok, `${source} [${a},${b}) ← ${JSON.stringify(value)}: ${edited}`);
    }
  }
  assert.ok(edits > 300, `only ${edits} edits were possible`);
});
