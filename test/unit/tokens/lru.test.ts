import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Lru } from '../../../src/core/tokens/lru';

test('lru: evicts the least recently used entry past the count or the key-length budget', () => {
  const lru = new Lru<number>(2, 10);
  lru.set('a', 1);
  lru.set('b', 2);
  assert.equal(lru.get('a'), 1);
  lru.set('c', 3);
  assert.equal(lru.get('b'), undefined);
  assert.equal(lru.get('a'), 1);
  lru.set('xxxxxxxxx', 4);
  assert.equal(lru.get('c'), undefined);
  assert.equal(lru.size, 2);
  // 1 + 9 + 2 characters is over the budget of 10: the two oldest go.
  lru.set('zz', 6);
  assert.equal(lru.size, 1);
  lru.set('y'.repeat(11), 5);
  assert.equal(lru.get('y'.repeat(11)), undefined);
});
