import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeControls } from '../../../src/core/io/controlCharacters';
import { terminalSafe } from '../../../src/cli/output/terminalText';
import { logLine } from '../../../src/editor/logText';

describe('the editor log’s lines', () => {
  it('escape C0 and C1 controls, DEL and a lone carriage return, in the message and in every argument', () => {
    const hostile = 'model\u001b[2Jgpt\u0007\u0008\u0000\u007f\u0085\u009b31m\rfake';
    const expected = 'model\\x1b[2Jgpt\\x07\\x08\\x00\\x7f\\x85\\x9b31m\\x0dfake';
    assert.equal(logLine(hostile, [], []), expected);
    assert.equal(logLine('Prices:', [hostile], []), `Prices: ${expected}`);
    assert.equal(logLine('failed:', [new Error(hostile)], []), `failed: ${expected}`);
    // JSON.stringify leaves C1 controls and DEL raw: the line escapes them too.
    assert.equal(logLine('got', [{ model: 'a\u009bb\u007f' }], []), 'got {"model":"a\\x9bb\\x7f"}');
    assert.doesNotMatch(logLine('x', [{ a: '\u001b' }, 7, null, undefined], []), /\p{Cc}(?<![\t\n])/u);
  });

  it('keep tabs, line feeds and CRLF, which messages and stacks legitimately have', () => {
    assert.equal(logLine('a\tb\nc\r\nd', [], []), 'a\tb\nc\r\nd');
    const error = new Error('boom\u001b');
    const line = logLine(error, ['more'], []);
    assert.ok(line.startsWith('Error: boom\\x1b\n    at '), line);
    assert.ok(line.endsWith(' more'));
  });

  it('never show a secret it was given, in the message or an argument (a server echoing the key)', () => {
    const key = 'sk-test-0123456789abcdef';
    const line = logLine(`401 from server: Incorrect API key ${key}`, [new Error(`key=${key}`), { key }], [key]);
    assert.ok(!line.includes(key), line);
    assert.equal(line, '401 from server: Incorrect API key *** key=*** {"key":"***"}');
    // Short values are not keys: hiding them would garble ordinary text.
    assert.equal(logLine('gpt-4o', [], ['gpt']), 'gpt-4o');
  });

  it('use the core’s escaping, which the CLI prints with: the same text comes out of both', () => {
    for (let code = 0; code < 0x100; code++) {
      const text = `a${String.fromCharCode(code)}b`;
      assert.equal(logLine(text, [], []), escapeControls(text));
      assert.equal(terminalSafe(text), escapeControls(text));
    }
  });
});
