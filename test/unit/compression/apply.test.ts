import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compressOffline } from '../../../src/core/compression/compress';
import { findStringLiteralAt, templateTag } from '../../../src/core/compression/findLiteral';
import { decodeLiteral, encodeLiteral, type HostLanguage } from '../../../src/core/compression/literal';
import { parse, syntaxErrors } from './treeSitter';

/** The "apply writes valid code" path end to end, without VS Code: find, decode, compress, encode, re-parse. */

async function applyAt(
  code: string,
  marker: string,
  language: HostLanguage,
): Promise<{ code: string; literal: string }> {
  const tree = await parse(code, language);
  assert.deepEqual(syntaxErrors(tree), [], 'the fixture parses');
  const node = findStringLiteralAt(tree.rootNode, code.indexOf(marker));
  assert.ok(node, `no literal at ${marker}`);
  const decoded = decodeLiteral(node.text, language);
  assert.ok(decoded.ok, decoded.ok ? '' : decoded.reason);
  const result = compressOffline(
    decoded.value.value,
    { fields: decoded.value.fields },
    { countTokens: (t) => t.length },
  );
  assert.equal(result.offline.accepted, true, result.offline.refusedReasons.join('; '));
  const encoded = encodeLiteral(result.offline.text, decoded.value);
  assert.ok(encoded.ok, encoded.ok ? '' : encoded.reason);
  const edited = code.slice(0, node.startIndex) + encoded.value + code.slice(node.endIndex);
  const after = await parse(edited, language);
  assert.deepEqual(syntaxErrors(after), [], edited);
  const again = decodeLiteral(encoded.value, language);
  assert.ok(again.ok && again.value.value === result.offline.text);
  return { code: edited, literal: encoded.value };
}

const python = `# café ☕ — non-ASCII before the literal
import openai

def ask(client, user_name, items):
    system = """
    Please note that you are a   helpful assistant. Say "ok" when done.   Reply with \\"\\"\\"quotes\\"\\"\\".
    Thank you!
    """
    prompt = f"I would like you to greet {user_name!r}   and list {len(items)} items as JSON {{\\"items\\": []}}. Kindly be brief."
    other = 'Please answer   in French.' 'Second part.'
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "system", "content": system}, {"role": "user", "content": prompt}])
`;

test('apply: Python triple-quoted system prompt', async () => {
  const { literal } = await applyAt(python, 'helpful assistant', 'python');
  assert.equal(
    literal,
    '"""\n    You are a helpful assistant. Say "ok" when done. Reply with \\"""quotes\\""".\n    """',
  );
});

test('apply: Python f-string keeps fields and doubled braces', async () => {
  const { literal } = await applyAt(python, 'greet {user_name', 'python');
  assert.equal(literal, 'f"Greet {user_name!r} and list {len(items)} items as JSON {{\\"items\\": []}}. Be brief."');
});

test('apply: one part of a concatenated string', async () => {
  const { literal } = await applyAt(python, 'answer   in French', 'python');
  assert.equal(literal, "'Answer in French.'");
});

const ts = `// naïve — non-ASCII first
const user = { name: 'Ana' };
const system = \`Please note that you must   answer for \${user.name}.
I would like you to return JSON {"answer": "..."} with \\\`code\\\` and \\\${literal}.
Thank you!\`;
const single = 'Kindly   reply in one line.\\n';
const jsx = <div title="Please be concise.">{system}</div>;
`;

test('apply: TS/TSX template literal keeps ${} fields, escaped backticks and escaped ${', async () => {
  const { literal } = await applyAt(ts, 'must   answer', 'typescriptreact');
  assert.equal(
    literal,
    '`You must answer for ${user.name}.\nReturn JSON {"answer": "..."} with \\`code\\` and \\${literal}.`',
  );
});

test('apply: TS single-quoted string', async () => {
  const { literal } = await applyAt(ts, 'reply in one', 'typescriptreact');
  assert.equal(literal, "'Reply in one line.\\n'");
});

test('findStringLiteralAt: outermost literal, cursor after the closing quote, nothing in code', async () => {
  const code = 'x = f"a {d["k"]} b"\ny = 1\n';
  const tree = await parse(code, 'python');
  assert.equal(findStringLiteralAt(tree.rootNode, code.indexOf('"k"') + 1)?.text, 'f"a {d["k"]} b"');
  assert.equal(findStringLiteralAt(tree.rootNode, code.indexOf(' b"') + 3)?.text, 'f"a {d["k"]} b"');
  assert.equal(findStringLiteralAt(tree.rootNode, code.indexOf('y = 1') + 4), undefined);
});

test('apply: encoded literals of awkward texts re-parse cleanly in every style', async () => {
  const alphabet = [
    'a',
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
    '${',
    'é',
    '😀',
    '\r',
    '""',
    '"""',
    '\u0001',
  ];
  let state = 42;
  const pick = (): string => alphabet[(state = (state * 1103515245 + 12345) % 2 ** 31) % alphabet.length];
  const styles: [string, HostLanguage, string][] = [
    ["'x'", 'python', 'name = 1\nx = LIT\n'],
    ['"""x"""', 'python', 'name = 1\nx = LIT\n'],
    ["f'''{name}'''", 'python', 'name = 1\nx = LIT\n'],
    ['f"{name}"', 'python', 'name = 1\nx = LIT\n'],
    ["'x'", 'typescript', 'const id = 1;\nconst x = LIT;\n'],
    ['"x"', 'javascript', 'const id = 1;\nconst x = LIT;\n'],
    ['`${id}`', 'typescriptreact', 'const id = 1;\nconst x = <p title={LIT} />;\n'],
  ];
  for (const [source, language, wrapper] of styles) {
    const decoded = decodeLiteral(source, language);
    assert.ok(decoded.ok);
    for (let n = 0; n < 60; n++) {
      let text = '';
      for (let i = n % 12; i >= 0; i--) text += pick();
      const value = decoded.value.fields.length ? `${text}${decoded.value.fields[0]}${text}` : text;
      const encoded = encodeLiteral(value, decoded.value);
      assert.ok(encoded.ok, encoded.ok ? '' : encoded.reason);
      const code = wrapper.replace('LIT', () => encoded.value);
      assert.deepEqual(syntaxErrors(await parse(code, language)), [], code);
    }
  }
});

test('apply: the syntax check does catch a badly escaped literal', async () => {
  assert.notDeepEqual(syntaxErrors(await parse("x = 'it's'\n", 'python')), []);
  assert.notDeepEqual(syntaxErrors(await parse('const x = `a ` b`;\n', 'typescript')), []);
  assert.notDeepEqual(syntaxErrors(await parse('x = """a""""\n', 'python')), []);
});

test('findStringLiteralAt: TS template with a nested string, JSX attribute, code', async () => {
  const code = 'const é = 1;\nconst a = `x ${f(\'inner\')} y`;\nconst b = <p title="Be brief." />;\n';
  const tree = await parse(code, 'typescriptreact');
  assert.equal(findStringLiteralAt(tree.rootNode, code.indexOf('inner'))?.text, "`x ${f('inner')} y`");
  assert.equal(findStringLiteralAt(tree.rootNode, code.indexOf('brief'))?.text, '"Be brief."');
  assert.equal(findStringLiteralAt(tree.rootNode, code.indexOf('const a')), undefined);
});

test('templateTag: String.raw and other tags; untagged templates have none', async () => {
  const code = 'const a = String.raw`C:\\\\x`;\nconst b = sql`select 1`;\nconst c = `plain`;\nconst d = f(`arg`);\n';
  const tree = await parse(code, 'typescript');
  const tagOf = (marker: string): string | undefined => {
    const node = findStringLiteralAt(tree.rootNode, code.indexOf(marker));
    assert.ok(node, marker);
    return templateTag(node);
  };
  assert.equal(tagOf('C:'), 'String.raw');
  assert.equal(tagOf('select'), 'sql');
  assert.equal(tagOf('plain'), undefined);
  assert.equal(tagOf('arg'), undefined);
});
