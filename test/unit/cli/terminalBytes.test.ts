import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isTerminalSafeUtf8,
  safeJson,
  safeJsonBytes,
  terminalSafe,
  terminalSafeBytes,
} from '../../../src/cli/output/terminalText';

/** The byte check must say "safe" exactly when `terminalSafe` would leave the text as it is. */
function agrees(text: string): void {
  assert.equal(isTerminalSafeUtf8(Buffer.from(text, 'utf8')), terminalSafe(text) === text, JSON.stringify(text));
}

describe('isTerminalSafeUtf8', () => {
  it('agrees with terminalSafe on every code point below U+0800, alone and between letters', () => {
    for (let code = 0; code < 0x800; code++) {
      const char = String.fromCharCode(code);
      agrees(char);
      agrees(`a${char}b`);
      agrees(`${char}\n`);
    }
  });

  it('agrees on line ends, wide characters and text far into a large buffer', () => {
    for (const text of ['a\r\nb', 'a\rb', 'a\r', '\r\r\n', '\t\n', '¢£€😀', '\u202e', '\u2028', 'x'.repeat(100_000)]) {
      agrees(text);
      agrees(`${'y'.repeat(70_000)}${text}`);
    }
    agrees(`${'z'.repeat(200_000)}\u001b[2J`);
    agrees(`${'z'.repeat(200_000)}\u0085`);
  });

  it('refuses bytes that are not UTF-8, which would not print as they are', () => {
    assert.equal(isTerminalSafeUtf8(Buffer.from([0x61, 0xff, 0x62])), false);
    assert.equal(isTerminalSafeUtf8(Buffer.from([0x61, 0xc2])), false);
    assert.equal(isTerminalSafeUtf8(Buffer.from('plain text\n')), true);
  });

  it('looks only at the bytes of a view, not the rest of its buffer', () => {
    const whole = Buffer.from('\u001bsafe part\u001b');
    assert.equal(isTerminalSafeUtf8(whole.subarray(1, whole.length - 1)), true);
    assert.equal(isTerminalSafeUtf8(new Uint8Array(whole.buffer, whole.byteOffset, whole.length)), false);
  });
});

describe('terminalSafeBytes', () => {
  it('gives the bytes of terminalSafe, the text as it is or escaped', () => {
    const texts = [
      'plain\n',
      'a\r\nb',
      'a\rb',
      '\u001b[2J',
      'x\u0085y',
      '\u007f',
      '¢€😀\t',
      'lone \ud800 half',
      '\u202e',
    ];
    for (const text of [...texts, ...texts.map((t) => `${'z'.repeat(70_000)}${t}`)]) {
      assert.ok(terminalSafeBytes(text).equals(Buffer.from(terminalSafe(text), 'utf8')), JSON.stringify(text));
    }
  });

  it('leaves a JSON document as it is: its strings carry no control a terminal acts on', () => {
    const every = Array.from({ length: 0x100 }, (_, code) => String.fromCharCode(code)).join('');
    const json = safeJson({ every, bidi: '\u202e\u2066\u2028', lone: '\udc00' }, 'indented');
    assert.equal(terminalSafe(json), json);
    assert.ok(terminalSafeBytes(json).equals(Buffer.from(json, 'utf8')));
  });
});

describe('safeJsonBytes', () => {
  /** The bytes must be exactly those of safeJson's text. */
  const same = (value: unknown): void => {
    for (const layout of ['indented', 'compact'] as const) {
      const bytes = safeJsonBytes(value, layout);
      assert.ok(bytes.equals(Buffer.from(safeJson(value, layout), 'utf8')), `${layout} ${JSON.stringify(value)}`);
    }
  };

  it('gives the bytes of safeJson for every code point of the first planes that matter, alone and among others', () => {
    for (let code = 0; code < 0x3000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      same({ text: char });
      same([`a${char}b`, { [`k${char}`]: 1 }]);
    }
  });

  it('gives the bytes of safeJson far into a large document, with neighbours of the escaped characters', () => {
    const filler = 'x'.repeat(100_000);
    for (const tail of [
      '\u2029',
      '\u202f',
      '\u2065',
      '\u2066',
      '\u206a',
      '\u061b',
      '\u061c',
      '\u00a0',
      '\u0085',
      '≈—→×',
      '😀',
      '\udc00',
    ]) {
      same({ filler, tail });
      same([filler, `${tail}${filler}${tail}`]);
    }
    same({ none: filler, nested: [{ a: 1, b: [null, true, 2.5] }] });
  });
});
