import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offlinePass } from '../../../src/core/compression/offline';
import { checkInvariants } from '../../../src/core/compression/invariants';

test('offline: removes sentence-initial filler and capitalises what follows', () => {
  const { text, changes } = offlinePass(
    'Please note that the answer must be short. I would like you to summarize the text.',
  );
  assert.equal(text, 'The answer must be short. Summarize the text.');
  assert.deepEqual(changes, ['removed "Please note that"', 'removed "I would like you to"']);
});

test('offline: removes "please", "kindly" and standalone thanks', () => {
  const { text } = offlinePass('Please answer briefly. You should kindly list the steps.\nThank you!');
  assert.equal(text, 'Answer briefly. You should list the steps.');
});

test('offline: keeps "thank you" inside a sentence and words that carry meaning', () => {
  const input = 'Thank you for waiting is what the bot says. Reply "please wait" when busy.';
  assert.equal(offlinePass(input).text, input);
});

test('offline: shortens wordy connectives', () => {
  assert.equal(
    offlinePass('In order to help, cite sources due to the fact that users check them.').text,
    'To help, cite sources because users check them.',
  );
});

test('offline: collapses spaces and blank lines in prose only', () => {
  const input = 'Summarize   the    text.\n\n\n\nUse this:\n```python\ndef f():\n    return  1\n\n\n\n```\nDone.  ';
  assert.equal(
    offlinePass(input).text,
    'Summarize the text.\n\nUse this:\n```python\ndef f():\n    return  1\n\n\n\n```\nDone.  ',
  );
});

test('offline: JSON examples, quotes and placeholders are copied verbatim', () => {
  const input = 'Return JSON like {"name":   "x",  "please": 1}. Greet {user_name}   kindly.  Say "kindly  stop".';
  const { text } = offlinePass(input);
  assert.equal(text, 'Return JSON like {"name":   "x",  "please": 1}. Greet {user_name} kindly. Say "kindly  stop".');
});

test('offline: keeps leading and trailing whitespace of the whole text', () => {
  assert.equal(offlinePass('\n    Please summarize.\n    ').text, '\n    Summarize.\n    ');
});

test('offline: is deterministic and idempotent, and its output passes the invariant check', () => {
  const samples = [
    'Please note that you must answer in JSON with keys "a" and "b". Thank you!',
    'I would like you to translate {text} into %s.   Kindly keep https://example.com/a?b=1 intact.',
    'It is important to note that 3 items cost $4.50. Please respond with YAML.\n\n\n\nThanks in advance.',
  ];
  for (const sample of samples) {
    const once = offlinePass(sample).text;
    assert.equal(offlinePass(sample).text, once);
    assert.equal(offlinePass(once).text, once);
    assert.deepEqual(checkInvariants(sample, once), { ok: true }, sample);
  }
});

test('offline: a text that is only filler is left as it is', () => {
  assert.equal(offlinePass('Thank you!').text, 'Thank you!');
});

test('offline: list items are sentence starts; text after a placeholder is not', () => {
  assert.equal(
    offlinePass('- Please list the items.\n- Kindly   sort them.\n1. Please number them.').text,
    '- List the items.\n- Sort them.\n1. Number them.',
  );
  assert.equal(
    offlinePass('Greet {name} please reply. Use "x" - please wait.').text,
    'Greet {name} please reply. Use "x" - please wait.',
  );
});
