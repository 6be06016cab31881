import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trieSource } from '../../../src/core/analysis/trie';
import { pick, prng } from './random';

/** Every match of `pattern` in `text`: offset and text. */
function matches(pattern: RegExp, text: string): string[] {
  return [...text.matchAll(pattern)].map((m) => `${m.index}:${m[0]}`);
}

describe('trieSource', () => {
  it('matches what the flat alternation of the same words matches, prefixes of each other included', () => {
    const words = [
      'create',
      'createEmbedding',
      'createChatCompletion',
      'chat',
      'chatStream',
      'chat_stream',
      'c',
      'a$b',
    ];
    const trie = new RegExp(`${trieSource(words)}(?![\\w$])`, 'g');
    const flat = new RegExp(`(?:${words.map((w) => w.replace('$', '\\$')).join('|')})(?![\\w$])`, 'g');
    const text =
      'x.create( createEmbedding createChat createChatCompletion chat chatS chatStream chat_stream c cc a$b a$ ' +
      'creat chat_streamer createEmbeddings';
    assert.deepEqual(matches(trie, text), matches(flat, text));
    assert.deepEqual(matches(trie, text).slice(0, 3), ['2:create', '10:createEmbedding', '37:createChatCompletion']);
  });

  it('checks a word’s condition where the word ends, and still tries the longer words through it', () => {
    const source = trieSource([
      'stream',
      ['start', '(?<=conversations\\.start)'],
      ['startStream', '(?<=\\.startStream)'],
    ]);
    const pattern = new RegExp(`${source}(?![\\w$])`, 'g');
    assert.deepEqual(matches(pattern, 'start conversations.start x.startStream startStream stream'), [
      '20:start',
      '28:startStream',
      '52:stream',
    ]);
  });

  it('matches what the flat alternation matches on random words and texts (three letters: many shared prefixes)', () => {
    const random = prng(7);
    const word = (): string =>
      Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(random, ['a', 'b', 'c'])).join('');
    for (let round = 0; round < 200; round++) {
      const words = [...new Set(Array.from({ length: 1 + Math.floor(random() * 8) }, word))];
      const text = Array.from({ length: 30 }, () => pick(random, ['a', 'b', 'c', ' ', '.'])).join('');
      const trie = new RegExp(`${trieSource(words)}(?![\\w$])`, 'g');
      const flat = new RegExp(`(?:${words.join('|')})(?![\\w$])`, 'g');
      assert.deepEqual(matches(trie, text), matches(flat, text), `${words.join('|')} in '${text}'`);
    }
  });

  it('escapes what the words hold that a regular expression would read', () => {
    const pattern = new RegExp(trieSource(['a.b', 'a+', '@scope/x']), 'g');
    assert.deepEqual(matches(pattern, 'axb a.b aa+ @scope/x'), ['4:a.b', '9:a+', '12:@scope/x']);
  });
});
