import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RankTable } from '../../../src/core/tokens/rankTable';

const b64 = (latin1: string): string => Buffer.from(latin1, 'latin1').toString('base64');

test('rank table: ranks count up along each line from its first rank, padded tokens included', () => {
  const text = `! 0 ${b64('a')} ${b64('b')} ${b64('ab')}\n! 10 ${b64('abc')} ${b64('\xff\x00')} ${b64('hello world')}\n`;
  const table = new RankTable(text);
  assert.equal(table.size, 6);
  const piece = 'xxabcxx';
  assert.equal(table.rankOf(piece, 2, 3), 0);
  assert.equal(table.rankOf(piece, 3, 4), 1);
  assert.equal(table.rankOf(piece, 2, 4), 2);
  assert.equal(table.rankOf(piece, 2, 5), 10);
  assert.equal(table.rankOf('\xff\x00', 0, 2), 11);
  assert.equal(table.rankOf('hello world', 0, 11), 12);
  // Absent: another byte string, a prefix of a token, a token with a byte more.
  assert.equal(table.rankOf(piece, 4, 5), -1);
  assert.equal(table.rankOf('hello', 0, 5), -1);
  assert.equal(table.rankOf('abcd', 0, 4), -1);
  const pairs: string[] = [];
  table.forEachPair((first, second, rank) => pairs.push(`${first},${second}=${rank}`));
  assert.deepEqual(pairs, ['97,98=2', '255,0=11']);
});

test('rank table: every one of many tokens is found at its rank (hash collisions probe on)', () => {
  const tokens = Array.from({ length: 5000 }, (_, i) => `t${i.toString(36)}-${(i * 7919) % 1000}`);
  const text = `! 100 ${tokens.map(b64).join(' ')}\n`;
  const table = new RankTable(text);
  assert.equal(table.size, tokens.length);
  tokens.forEach((token, i) => assert.equal(table.rankOf(`<${token}>`, 1, token.length + 1), 100 + i));
  assert.equal(table.rankOf('t0-', 0, 3), -1);
});
