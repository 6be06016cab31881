import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decodeLiteral,
  encodeLiteral,
  type DecodedLiteral,
  type HostLanguage,
} from '../../../src/core/compression/literal';

function decoded(source: string, language: HostLanguage): DecodedLiteral {
  const result = decodeLiteral(source, language);
  assert.ok(result.ok, `${source}: ${result.ok ? '' : result.reason}`);
  return result.value;
}

function refusedDecode(source: string, language: HostLanguage): string {
  const result = decodeLiteral(source, language);
  assert.ok(!result.ok, `${source} should not decode`);
  return result.reason;
}

function encoded(value: string, source: string, language: HostLanguage): string {
  const result = encodeLiteral(value, decoded(source, language));
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.value;
}

function refusedEncode(value: string, source: string, language: HostLanguage): string {
  const result = encodeLiteral(value, decoded(source, language));
  assert.ok(!result.ok, `${JSON.stringify(value)} should not encode as ${source}`);
  return result.reason;
}

test('literal: Python decoding of escapes, raw strings, bytes and continuation lines', () => {
  assert.equal(decoded(String.raw`'it\'s\tok\n'`, 'python').value, "it's\tok\n");
  assert.equal(decoded(String.raw`r"C:\path\n"`, 'python').value, String.raw`C:\path\n`);
  assert.equal(decoded(String.raw`r"say \"hi\""`, 'python').value, String.raw`say \"hi\"`);
  assert.equal(decoded(String.raw`Rb'\d+'`, 'python').value, String.raw`\d+`);
  assert.equal(decoded(String.raw`b'\xff\101'`, 'python').value, '\u00ffA');
  assert.equal(decoded(String.raw`u"\u00e9\U0001F600\d"`, 'python').value, 'é😀\\d');
  assert.equal(decoded('"a\\\nb"', 'python').value, 'ab');
  assert.equal(decoded('"""Line "one"\nLine 2"""', 'python').value, 'Line "one"\nLine 2');
  assert.match(refusedDecode(String.raw`"\N{BULLET}"`, 'python'), /\\N/);
  assert.match(refusedDecode('"a"b"', 'python'), /ends early/);
  assert.match(refusedDecode('"""a""""', 'python'), /ends early/);
  assert.match(refusedDecode(String.raw`r"a\"`, 'python'), /backslash|ends early/);
});

test('literal: f-strings keep fields verbatim and read doubled braces as braces', () => {
  const f = decoded('f"Hi {name!r}, {{literal}} {x:>{width}} {d["k"]}"', 'python');
  assert.equal(f.value, 'Hi {name!r}, {literal} {x:>{width}} {d["k"]}');
  assert.deepEqual(f.fields, ['{name!r}', '{x:>{width}}', '{d["k"]}']);
  assert.equal(f.style.interpolated, true);
  assert.match(refusedDecode('f"a } b"', 'python'), /single '\}'/);
});

test('literal: JS strings and template literals', () => {
  assert.equal(decoded(String.raw`'it\'s "fine"\n'`, 'typescript').value, 'it\'s "fine"\n');
  assert.equal(decoded(String.raw`"\u{1F600}\x41\u00e9\q"`, 'javascript').value, '😀Aéq');
  const t = decoded('`Hi ${user.name}, \\${not} \\` ok\nline ${fn({ a: "}" })}`', 'typescriptreact');
  assert.equal(t.value, 'Hi ${user.name}, ${not} ` ok\nline ${fn({ a: "}" })}');
  assert.deepEqual(t.fields, ['${user.name}', '${fn({ a: "}" })}']);
  assert.match(refusedDecode(String.raw`'\1'`, 'javascript'), /legacy escape/);
  assert.match(refusedDecode("'a\nb'", 'javascript'), /line break/);
});

test('literal: encoding keeps the quoting style and escapes what it must', () => {
  assert.equal(encoded("it's\nok \\ done", "'x'", 'python'), String.raw`'it\'s\nok \\ done'`);
  assert.equal(encoded('say "hi"', "'x'", 'python'), `'say "hi"'`);
  assert.equal(encoded('a """ b "', '"""x"""', 'python'), '"""a \\""" b \\""""');
  assert.equal(encoded('line 1\nline "2"', '"""x"""', 'python'), '"""line 1\nline "2\\""""');
  assert.equal(encoded('Use {name} and JSON {"a": 1}', 'f"{name}"', 'python'), 'f"Use {name} and JSON {{\\"a\\": 1}}"');
  assert.equal(encoded(String.raw`C:\dir\file`, 'r"x"', 'python'), String.raw`r"C:\dir\file"`);
  assert.equal(encoded('tab\there\u0001', '"x"', 'python'), '"tab\there\\x01"');
  assert.equal(encoded("it's `${x}` \\", '`${x}`', 'typescript'), "`it's \\`${x}\\` \\\\`");
  assert.equal(encoded('cost: ${price} for ${x}', '`${x}`', 'typescript'), '`cost: \\${price} for ${x}`');
  assert.equal(encoded('a\r\nb\u2028', "'x'", 'javascript'), String.raw`'a\r\nb\u2028'`);
});

test('literal: what a style cannot hold is refused with a reason', () => {
  assert.match(refusedEncode('say "hi"', 'r"x"', 'python'), /cannot be written as a raw string/);
  assert.match(refusedEncode('ends with \\', 'r"x"', 'python'), /raw string/);
  assert.match(refusedEncode('two\nlines', 'r"x"', 'python'), /raw string/);
  assert.match(refusedEncode('ends with "', 'r"""x"""', 'python'), /triple-quoted raw string/);
  assert.match(refusedEncode('π', "b'x'", 'python'), /bytes literal/);
});

// A small deterministic generator: the alphabet holds every character a quoting style cares about.
function* samples(count: number, seed: number, alphabet: string[]): Generator<string> {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state;
  };
  for (let n = 0; n < count; n++) {
    let text = '';
    const length = next() % 24;
    for (let i = 0; i < length; i++) text += alphabet[next() % alphabet.length];
    yield text;
  }
}

const alphabet = [
  'a',
  'Z',
  ' ',
  '"',
  "'",
  '`',
  '\\',
  '\n',
  '\t',
  '{',
  '}',
  '$',
  '%s',
  'é',
  '😀',
  '\r',
  '\u0007',
  '\u2028',
  '""',
];

test('literal: decode(encode(x)) == x for every non-raw style, over many texts', () => {
  const styles: [string, HostLanguage][] = [
    ["'x'", 'python'],
    ['"x"', 'python'],
    ["'''x'''", 'python'],
    ['"""x"""', 'python'],
    ['f"{name}"', 'python'],
    ["f'''{name}'''", 'python'],
    ['u"x"', 'python'],
    ["'x'", 'typescript'],
    ['"x"', 'javascript'],
    ['`${id}`', 'typescriptreact'],
  ];
  for (const [source, language] of styles) {
    const literal = decoded(source, language);
    for (const text of samples(300, source.length * 7919, alphabet)) {
      const value = literal.fields.length ? `${text}${literal.fields[0]}${text}` : text;
      const out = encodeLiteral(value, literal);
      assert.ok(out.ok, `${source} ${JSON.stringify(value)}: ${out.ok ? '' : out.reason}`);
      const back = decoded(out.value, language);
      assert.equal(back.value, value, `${source} ${JSON.stringify(value)} → ${out.value}`);
      assert.deepEqual(back.fields.length >= literal.fields.length, true);
    }
  }
});

test('literal: raw and bytes styles either round-trip or refuse, never write something else', () => {
  for (const [source, language] of [
    ['r"x"', 'python'],
    ["r'''x'''", 'python'],
    ["b'x'", 'python'],
    ['rf"{x}"', 'python'],
  ] as const) {
    const literal = decoded(source, language);
    let written = 0;
    for (const text of samples(300, 17, alphabet)) {
      const out = encodeLiteral(text, literal);
      if (!out.ok) continue;
      written++;
      assert.equal(decoded(out.value, language).value, text);
    }
    assert.ok(written > 0, `${source} wrote nothing`);
  }
});

test('literal: CRLF line endings inside a literal read as LF, as Python and JS read them', () => {
  assert.equal(decoded('"""a\r\nb\rc"""', 'python').value, 'a\nb\nc');
  assert.equal(decoded('`a\r\nb`', 'typescript').value, 'a\nb');
  assert.equal(decoded('"a\\\r\nb"', 'python').value, 'ab');
});

test('literal: a field whose text also appears as plain text is refused (it could not be written back)', () => {
  assert.match(refusedDecode('f"{x} and {{x}}"', 'python'), /reads like its own field \{x\}/);
  assert.match(refusedDecode('`${x} and \\${x}`', 'typescript'), /reads like its own field \$\{x\}/);
  assert.deepEqual(decoded('f"{x} and {x}"', 'python').fields, ['{x}', '{x}']);
});

test('literal: String.raw templates keep backslashes; what they cannot hold is refused', () => {
  const raw = decodeLiteral('`C:\\\\dir\\n ${x} \\` end`', 'typescript', { rawTemplate: true });
  assert.ok(raw.ok);
  assert.equal(raw.value.value, 'C:\\\\dir\\n ${x} \\` end');
  assert.equal(raw.value.style.raw, true);
  const written = encodeLiteral('C:\\new\\dir ${x}', raw.value);
  assert.deepEqual(written, { ok: true, value: '`C:\\new\\dir ${x}`' });
  for (const value of ['a ` b', 'cost ${y}', 'ends with \\']) {
    const refused = encodeLiteral(value, raw.value);
    assert.ok(!refused.ok, value);
    assert.match(refused.reason, /String\.raw template literal/);
  }
});

test('literal: text that looks like a field never becomes one on encoding', () => {
  const f = decoded('f"{name}"', 'python');
  assert.equal(encoded('{name} and {name}', 'f"{name}"', 'python'), 'f"{name} and {name}"');
  assert.deepEqual(encodeLiteral('{other}', f), { ok: true, value: 'f"{{other}}"' });
});
