import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCandidate, checkInvariants, extractInvariants } from '../../../src/core/compression/invariants';
import { offlinePass } from '../../../src/core/compression/offline';

function reasons(original: string, candidate: string, fields?: string[]): string[] {
  const check = checkInvariants(original, candidate, { fields });
  return check.ok ? [] : check.reasons;
}

test('invariants: extracts every kind of placeholder', () => {
  const found = extractInvariants('Hi {user_name}, {{ topic }} ${id} %(count)d {% if x %} {0} %s {} {"k": 1}');
  assert.deepEqual(
    found.placeholders.sort(),
    ['${id}', '%(count)d', '{% if x %}', '{{ topic }}', '{user_name}'].sort(),
  );
  assert.deepEqual(found.positional, ['{0}', '%s', '{}']);
  assert.deepEqual(found.jsonKeys, ['k']);
});

test('invariants: a percentage or a JSON object is not a placeholder', () => {
  const found = extractInvariants('Give a 50% discount, done 100% of the time. Example: {"a": 1}');
  assert.deepEqual(found.placeholders, []);
  assert.deepEqual(found.positional, []);
});

test('invariants: dropped and invented placeholders are named', () => {
  assert.deepEqual(reasons('Greet {user_name} in {lang}.', 'Greet {name} in {lang}.'), [
    'placeholder {user_name} was dropped',
    'placeholder {name} was invented',
  ]);
});

test('invariants: positional placeholders must keep their order', () => {
  assert.deepEqual(reasons('From %s to %d.', 'To %d from %s.'), ['positional placeholders changed (%s %d → %d %s)']);
});

test('invariants: caller-given f-string fields must survive verbatim', () => {
  assert.deepEqual(reasons('Hello {user.name!r}, today', 'Hello {user.name}', ['{user.name!r}']), [
    'placeholder {user.name!r} was dropped',
    'placeholder {user.name} was invented',
  ]);
});

test('invariants: code blocks verbatim, JSON examples structurally', () => {
  const original = 'Run:\n```sh\nls -la\n```\nReturn {"name": "x", "tags": [1, 2]}.';
  assert.deepEqual(reasons(original, 'Run:\n```sh\nls -la\n```\nReturn {"name":"x","tags":[1,2]}.'), []);
  assert.deepEqual(reasons(original, 'Run:\n```sh\nls\n```\nReturn {"name":"x","tags":[1]}.'), [
    'code block 1 (```sh ls -la ```) was changed or dropped',
    'the JSON example {"name":"x","tags":[1,2]} was changed or dropped',
  ]);
});

test('invariants: keys of a JSON example that does not parse are still checked', () => {
  const original = 'Output {"summary": "...", "score": <0-10>}';
  assert.deepEqual(reasons(original, 'Output {"summary": ...}'), [
    'the JSON key "score" is missing',
    'the number 0 is missing',
    'the number 10 is missing',
  ]);
});

test('invariants: URLs, numbers, quoted text and output-format instructions', () => {
  const original = 'See https://example.com/docs. Use at most 3 bullets. Reply "OK" when done. Respond in JSON.';
  assert.deepEqual(reasons(original, 'See docs. Use few bullets. Reply when done.'), [
    'the URL https://example.com/docs is missing',
    'the number 3 is missing',
    'the quoted text "OK" is missing',
    'the output-format instruction (JSON) was dropped',
  ]);
});

test('invariants: garbled text (replacement characters) is refused', () => {
  assert.deepEqual(reasons('翻译这段文字', '翻译\uFFFD文字'), [
    'the text contains replacement characters (garbled encoding)',
  ]);
});

test('candidate: must be strictly shorter than the reference', () => {
  assert.deepEqual(checkCandidate('abc def', 'abc defg'), {
    ok: false,
    reasons: ['compressed text is not shorter than the original (7 → 8 characters)'],
  });
  assert.deepEqual(checkCandidate('abc def', '   '), { ok: false, reasons: ['the compressed text is empty'] });
  assert.deepEqual(checkCandidate('abc  def', 'abc def'), { ok: true });
});

test('invariants: list markers are structure, other numbers are content', () => {
  assert.deepEqual(reasons('Steps:\n1. Read 3 files.\n2. Reply.', 'Steps:\n- Read 3 files.\n- Reply.'), []);
  assert.deepEqual(reasons('Steps:\n1. Read 3 files.', 'Steps:\n- Read files.'), ['the number 3 is missing']);
});

test('invariants: non-keyword output formats (bullets, yes or no) are kept', () => {
  assert.deepEqual(reasons('Answer yes or no. Format the reasons as bullet points.', 'Give reasons.'), [
    'the output-format instruction (yes or no) was dropped',
    'the output-format instruction (bullet points) was dropped',
  ]);
  assert.deepEqual(reasons('Answer yes or no. Format the reasons as bullet points.', 'Yes or no; bullets.'), []);
});

test('invariants: a translated text is refused (the script changed); code and placeholders do not count', () => {
  assert.deepEqual(
    reasons('请用中文回答用户 {user_name} 的问题，并且保持简短。', 'Answer {user_name} briefly in Chinese.'),
    ['the text changed script (CJK → Latin): it was translated, not shortened'],
  );
  assert.deepEqual(reasons('Ответь кратко на вопрос {question} пользователя.', 'Кратко ответь на {question}.'), []);
  assert.deepEqual(reasons('用 {user_name} 和 {order_id} 回答', '用 {user_name} {order_id} 答'), []);
});

test('invariants: a long text full of unclosed brackets is checked quickly', () => {
  const text = `${'[{ '.repeat(20_000)}end`;
  const started = Date.now();
  assert.deepEqual(checkInvariants(text, text), { ok: true });
  assert.equal(offlinePass(text).text, text);
  const deep = `${'{'.repeat(20_000)}"k": 1${']'.repeat(20_000)}`;
  assert.deepEqual(checkInvariants(deep, deep), { ok: true });
  assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
});

test('invariants: a long prompt with many JSON examples is checked in linear time', () => {
  const paragraph = 'Answer {user} in JSON like {"a": [1, 2, {"b": "c"}]}. See https://x.y/z?q=1 and "quoted".\n\n';
  const text = paragraph.repeat(1000);
  const started = Date.now();
  assert.deepEqual(checkCandidate(text, text.replace(/\n\n/g, '\n')), { ok: true });
  assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
});
