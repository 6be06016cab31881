import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { LanguageId } from '../../../src/core/analysis/types';
import type { RuleCode } from '../../../src/core/rules';
import { applied, check, commentAbove, disposeHost, errors, only } from './helpers';

after(disposeHost);

const pyHead = 'import anthropic\nfrom openai import OpenAI\nclient = OpenAI()\nclaude = anthropic.Anthropic()\n';
const tsHead =
  "import Anthropic from '@anthropic-ai/sdk';\nimport OpenAI from 'openai';\nconst client = new OpenAI();\nconst claude = new Anthropic();\n";
/** A static text of about 1,800 Claude tokens (6,000 characters), past every 1,024-token cache minimum. */
const longText = Array.from(
  { length: 60 },
  (_, i) => `Rule ${i + 1}: answer only from the policy, quote the section you rely on, never invent facts.`,
).join(' ');

interface Case {
  /** Code in which the rule reports exactly once; `text` after the preferred fix, when given, is checked. */
  positive: string;
  fixed?: string;
  /** Code in which it does not report. */
  negative: string;
}

type Cases = Record<'python' | 'typescript', Case>;

/** Positive, negative and ignored cases of every rule in Python and TypeScript. */
const cases: Partial<Record<RuleCode, Cases>> = {
  'missing-output-limit': {
    python: {
      positive: `${pyHead}def f(q):\n    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])\n`,
      fixed: `${pyHead}def f(q):\n    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}], max_tokens=2048)\n`,
      negative: `${pyHead}def f(q):\n    return client.chat.completions.create(model="gpt-4o", max_tokens=200, messages=[{"role": "user", "content": q}])\n`,
    },
    typescript: {
      positive: `${tsHead}export const f = (q: string) =>\n  client.chat.completions.create({\n    model: 'gpt-4o',\n    messages: [{ role: 'user', content: q }],\n  });\n`,
      fixed: `${tsHead}export const f = (q: string) =>\n  client.chat.completions.create({\n    model: 'gpt-4o',\n    messages: [{ role: 'user', content: q }],\n    max_tokens: 2048,\n  });\n`,
      negative: `${tsHead}export const f = (q: string) => client.chat.completions.create({ model: 'gpt-4o', max_tokens: 200, messages: [{ role: 'user', content: q }] });\n`,
    },
  },
  'max-tokens-rejected': {
    python: {
      positive: `${pyHead}client.chat.completions.create(model="o3", max_tokens=2000, messages=[])\n`,
      fixed: `${pyHead}client.chat.completions.create(model="o3", max_completion_tokens=2000, messages=[])\n`,
      negative: `${pyHead}client.chat.completions.create(model="gpt-4o", max_tokens=2000, messages=[])\n`,
    },
    typescript: {
      positive: `${tsHead}client.chat.completions.create({ model: 'azure/gpt-5', 'max_tokens': 2000, messages: [] });\n`,
      fixed: `${tsHead}client.chat.completions.create({ model: 'azure/gpt-5', 'max_completion_tokens': 2000, messages: [] });\n`,
      negative: `${tsHead}client.responses.create({ model: 'o3', max_output_tokens: 2000, input: 'x' });\n`,
    },
  },
  'reasoning-starves-output': {
    python: {
      positive: `${pyHead}client.chat.completions.create(model="o4-mini", max_completion_tokens=256, messages=[])\n`,
      fixed: `${pyHead}client.chat.completions.create(model="o4-mini", max_completion_tokens=4608, messages=[])\n`,
      negative: `${pyHead}client.chat.completions.create(model="o4-mini", max_completion_tokens=256, reasoning_effort="minimal", messages=[])\n`,
    },
    typescript: {
      positive: `${tsHead}const LIMIT = 500;\nclient.chat.completions.create({ model: 'gpt-5-mini', max_completion_tokens: LIMIT, messages: [] });\n`,
      fixed: `${tsHead}const LIMIT = 4608;\nclient.chat.completions.create({ model: 'gpt-5-mini', max_completion_tokens: LIMIT, messages: [] });\n`,
      negative: `${tsHead}client.chat.completions.create({ model: 'gpt-4o-mini', max_completion_tokens: 256, messages: [] });\n`,
    },
  },
  'cacheable-prompt-not-cached': {
    python: {
      positive: `${pyHead}POLICY = "${longText}"\nclaude.messages.create(model="claude-sonnet-4-5", max_tokens=300, system=POLICY, messages=[])\n`,
      fixed: `${pyHead}POLICY = "${longText}"\nclaude.messages.create(model="claude-sonnet-4-5", max_tokens=300, system=[{"type": "text", "text": POLICY, "cache_control": {"type": "ephemeral"}}], messages=[])\n`,
      negative: `${pyHead}claude.messages.create(model="claude-sonnet-4-5", max_tokens=300, system="Be brief.", messages=[])\n`,
    },
    typescript: {
      positive: `${tsHead}const POLICY = '${longText}';\nclaude.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 300, system: [{ type: 'text', text: POLICY }], messages: [] });\n`,
      fixed: `${tsHead}const POLICY = '${longText}';\nclaude.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 300, system: [{ type: 'text', text: POLICY, cache_control: { type: 'ephemeral' } }], messages: [] });\n`,
      negative: `${tsHead}const POLICY = '${longText}';\nclaude.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 300, system: [{ type: 'text', text: POLICY, cache_control: { type: 'ephemeral' } }], messages: [] });\n`,
    },
  },
  'cache-below-minimum': {
    python: {
      positive: `${pyHead}claude.messages.create(model="claude-haiku-4-5", max_tokens=50, system=[{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}], messages=[{"role": "user", "content": "Hi"}])\n`,
      negative: `${pyHead}def f(history):\n    claude.messages.create(model="claude-haiku-4-5", max_tokens=50, system=[{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}], messages=history)\n`,
    },
    typescript: {
      positive: `${tsHead}claude.messages.create({ model: 'claude-haiku-4-5', max_tokens: 50, system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content: 'Hi' }] });\n`,
      negative: `${tsHead}claude.messages.create({ model: 'claude-haiku-4-5', max_tokens: 50, system: [{ type: 'text', text: 'Be brief.' }], messages: [{ role: 'user', content: 'Hi' }] });\n`,
    },
  },
  'cache-breaking-prefix': {
    python: {
      positive: `import uuid\n${pyHead}def f(q):\n    client.chat.completions.create(model="gpt-4o", max_tokens=50, messages=[{"role": "system", "content": f"Request {uuid.uuid4()}\\n${longText}"}, {"role": "user", "content": q}])\n`,
      fixed: `import uuid\n${pyHead}def f(q):\n    client.chat.completions.create(model="gpt-4o", max_tokens=50, messages=[{"role": "system", "content": f"${longText}\\n\\nRequest {uuid.uuid4()}"}, {"role": "user", "content": q}])\n`,
      negative: `import uuid\n${pyHead}def f(q):\n    client.chat.completions.create(model="gpt-4o", max_tokens=50, messages=[{"role": "system", "content": f"${longText}\\nRequest {uuid.uuid4()}"}, {"role": "user", "content": q}])\n`,
    },
    typescript: {
      positive: `${tsHead}export const f = (user: string) => client.chat.completions.create({ model: 'gpt-4o', max_tokens: 50, messages: [{ role: 'system', content: \`You help \${user}. ${longText}\` }] });\n`,
      fixed: `${tsHead}export const f = (user: string) => client.chat.completions.create({ model: 'gpt-4o', max_tokens: 50, messages: [{ role: 'system', content: \`${longText} You help \${user}.\` }] });\n`,
      negative: `${tsHead}const BASE = 'x';\nexport const f = () => client.chat.completions.create({ model: 'gpt-4o', max_tokens: 50, messages: [{ role: 'system', content: \`\${BASE} ${longText}\` }] });\n`,
    },
  },
  'too-many-cache-breakpoints': {
    python: {
      positive: `${pyHead}C = {"type": "ephemeral"}\nclaude.messages.create(model="claude-sonnet-4-5", max_tokens=50, system=[${Array.from({ length: 5 }, (_, i) => `{"type": "text", "text": "p${i}", "cache_control": C}`).join(', ')}], messages=[])\n`,
      negative: `${pyHead}C = {"type": "ephemeral"}\nclaude.messages.create(model="claude-sonnet-4-5", max_tokens=50, system=[${Array.from({ length: 4 }, (_, i) => `{"type": "text", "text": "p${i}", "cache_control": C}`).join(', ')}], messages=[])\n`,
    },
    typescript: {
      positive: `${tsHead}const C = { type: 'ephemeral' as const };\nclaude.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 50, system: [${Array.from({ length: 6 }, (_, i) => `{ type: 'text', text: 'p${i}', cache_control: C }`).join(', ')}], messages: [] });\n`,
      negative: `${tsHead}const C = { type: 'ephemeral' as const };\nclaude.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 50, system: [{ type: 'text', text: 'p', cache_control: C }], messages: [] });\n`,
    },
  },
  'premium-model-for-simple-task': {
    python: {
      positive: `${pyHead}MODEL = "claude-opus-4-5"\ndef f(q):\n    return claude.messages.create(model=MODEL, max_tokens=10, system="Classify the ticket as billing or shipping.", messages=[{"role": "user", "content": q}])\n`,
      fixed: `${pyHead}MODEL = "claude-haiku-4-5"\ndef f(q):\n    return claude.messages.create(model=MODEL, max_tokens=10, system="Classify the ticket as billing or shipping.", messages=[{"role": "user", "content": q}])\n`,
      negative: `${pyHead}def f(q):\n    return claude.messages.create(model="claude-opus-4-5", max_tokens=4000, system="Implement the function the user describes.", messages=[{"role": "user", "content": q}])\n`,
    },
    typescript: {
      positive: `${tsHead}export const f = (q: string) => client.chat.completions.create({ model: 'gpt-4', max_tokens: 3, messages: [{ role: 'user', content: \`Is this spam? Answer yes or no: \${q}\` }] });\n`,
      negative: `${tsHead}export const f = (q: string) => client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 3, messages: [{ role: 'user', content: \`Is this spam? Answer yes or no: \${q}\` }] });\n`,
    },
  },
  'batch-candidate': {
    python: {
      positive: `${pyHead}def job(rows):\n    for row in rows:\n        client.chat.completions.create(model="gpt-4o", max_tokens=5, messages=[{"role": "user", "content": row}])\n`,
      negative: `${pyHead}from fastapi import FastAPI\napp = FastAPI()\n@app.post("/tag")\ndef tag(rows: list[str]):\n    for row in rows:\n        client.chat.completions.create(model="gpt-4o", max_tokens=5, messages=[{"role": "user", "content": row}])\n`,
    },
    typescript: {
      positive: `${tsHead}export const job = (rows: string[]) => Promise.all(rows.map((row) => client.chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages: [{ role: 'user', content: row }] })));\n`,
      negative: `${tsHead}export async function chat(read: () => Promise<string>) {\n  while (true) await client.chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages: [{ role: 'user', content: await read() }] });\n}\n`,
    },
  },
  'growing-history': {
    python: {
      positive: `${pyHead}def chat():\n    messages = []\n    while True:\n        messages.append({"role": "user", "content": input()})\n        reply = client.chat.completions.create(model="gpt-4o", max_tokens=500, messages=messages)\n        messages.append(reply.choices[0].message)\n`,
      negative: `${pyHead}def chat():\n    messages = []\n    while True:\n        messages.append({"role": "user", "content": input()})\n        reply = client.chat.completions.create(model="gpt-4o", max_tokens=500, messages=messages[-10:])\n        messages.append(reply.choices[0].message)\n`,
    },
    typescript: {
      positive: `${tsHead}class Bot {\n  private history: OpenAI.ChatCompletionMessageParam[] = [];\n  async ask(q: string) {\n    this.history.push({ role: 'user', content: q });\n    return client.chat.completions.create({ model: 'gpt-4o', max_tokens: 500, messages: this.history });\n  }\n}\n`,
      negative: `${tsHead}class Bot {\n  private history: OpenAI.ChatCompletionMessageParam[] = [];\n  async ask(q: string) {\n    this.history.push({ role: 'user', content: q });\n    this.history = this.history.slice(-8);\n    return client.chat.completions.create({ model: 'gpt-4o', max_tokens: 500, messages: this.history });\n  }\n}\n`,
    },
  },
  'unknown-model': {
    python: {
      positive: `${pyHead}MODEL = "claude-sonet-4-5"\nclaude.messages.create(model=MODEL, max_tokens=50, messages=[])\n`,
      negative: `${pyHead}claude.messages.create(model="claude-sonnet-4-5", max_tokens=50, messages=[])\n`,
    },
    typescript: {
      positive: `${tsHead}client.chat.completions.create({ model: 'openrouter/gpt-4oo', max_tokens: 5, messages: [] });\n`,
      negative: `${tsHead}client.chat.completions.create({ model: 'openrouter/openai/gpt-4o', max_tokens: 5, messages: [] });\n`,
    },
  },
};

const languages: [keyof Cases, LanguageId, string][] = [
  ['python', 'python', '#'],
  ['typescript', 'typescript', '//'],
];

for (const [code, byLanguage] of Object.entries(cases) as [RuleCode, Cases][]) {
  describe(`rule ${code}`, () => {
    for (const [key, languageId, comment] of languages) {
      const { positive, negative, fixed } = byLanguage[key];
      it(`${key}: reports the call, and each of its fixes re-parses`, async () => {
        const { findings, calls } = await check(positive, languageId);
        const found = only(findings, code);
        assert.equal(found.length, 1, `${code} findings: ${JSON.stringify(findings.map((f) => f.code))}`);
        assert.ok(found[0].message.length > 20);
        assert.equal(found[0].line, calls.find((c) => c.line === found[0].line)?.line);
        for (const fix of found[0].fixes) {
          assert.equal(await errors(applied(positive, fix), languageId), 0, `${fix.title} breaks the code`);
        }
        if (fixed !== undefined) {
          const preferred = found[0].fixes.find((f) => f.preferred) ?? found[0].fixes[0];
          assert.ok(preferred, 'a fix is offered');
          assert.equal(applied(positive, preferred), fixed);
        }
      });
      it(`${key}: does not report the negative case`, async () => {
        const { findings } = await check(negative, languageId);
        assert.deepEqual(only(findings, code), []);
      });
      it(`${key}: an ignore comment above the call, with or without codes, silences it`, async () => {
        const { calls } = await check(positive, languageId);
        const call = calls[calls.length - 1];
        for (const directive of [`llm-cost-lens-ignore ${code}`, 'llm-cost-lens-ignore']) {
          const text = commentAbove(positive, call.range.start, `${comment} ${directive}`);
          assert.deepEqual(only((await check(text, languageId)).findings, code), [], directive);
        }
        const other = commentAbove(positive, call.range.start, `${comment} llm-cost-lens-ignore some-other-rule`);
        assert.equal(only((await check(other, languageId)).findings, code).length, 1, 'another code does not');
      });
    }
  });
}

describe('unknown-model suggestions', () => {
  it("keep a gateway prefix, and do not write an org part twice when the table's name has it (llamacoder)", async () => {
    const text = (model: string) =>
      `${pyHead}together = OpenAI(base_url="https://api.together.xyz/v1")\ndef f(q):\n    return together.chat.completions.create(model="${model}", max_tokens=5, messages=[{"role": "user", "content": q}])\n`;
    const [qwen] = only(
      (await check(text('Qwen/Qwen3-235B-A22B-Instruct-2507-FP8'), 'python')).findings,
      'unknown-model',
    );
    assert.match(qwen?.message ?? '', /\(did you mean 'Qwen\/Qwen3-235B-A22B-Instruct-2507-tput'\?\)/);
    assert.equal(qwen?.fixes[0]?.title, "Change the model to 'Qwen/Qwen3-235B-A22B-Instruct-2507-tput'");
    const litellm = `import litellm\ndef f(q):\n    return litellm.completion(model="azure/gpt-4o-mni", max_tokens=5, messages=[])\n`;
    const [routed] = only((await check(litellm, 'python')).findings, 'unknown-model');
    assert.match(routed?.message ?? '', /did you mean 'azure\/gpt-4o-mini'/);
  });
});

describe('batch-candidate and loops that send one prompt each turn', () => {
  it('a sweep of a setting or a repeated request is no batch; a loop whose data reaches the prompt is', async () => {
    const py = (body: string) => `${pyHead}import time\nROWS = ["a", "b"]\ndef job(prompt):\n${body}`;
    const flagged = async (text: string, languageId: LanguageId = 'python') =>
      only((await check(text, languageId)).findings, 'batch-candidate').length;
    // anthropics/courses: a latency benchmark over max_tokens, a temperature demo, a request repeated three times.
    const sweep =
      '    for n in [100, 1000]:\n        start = time.time()\n' +
      '        client.chat.completions.create(model="gpt-4o", max_tokens=n, messages=[{"role": "user", "content": prompt}])\n';
    const temperatures =
      '    for t in [0, 1]:\n        client.chat.completions.create(model="gpt-4o", max_tokens=5, temperature=t, messages=[{"role": "user", "content": prompt}])\n';
    const repeated =
      '    for _ in range(3):\n        client.chat.completions.create(model="gpt-4o", max_tokens=5, messages=[{"role": "user", "content": prompt}])\n';
    for (const body of [sweep, temperatures, repeated]) assert.equal(await flagged(py(body)), 0, body);
    // The loop's data reaches the prompt through a name assigned from it, or directly (a comprehension, a callback).
    const assigned =
      '    for row in ROWS:\n        text = f"Summarize: {row}"\n        client.chat.completions.create(model="gpt-4o", max_tokens=5, messages=[{"role": "user", "content": text}])\n';
    const comprehension =
      '    return [client.chat.completions.create(model="gpt-4o", max_tokens=5, messages=[{"role": "user", "content": r}]) for r in ROWS]\n';
    for (const body of [assigned, comprehension]) assert.equal(await flagged(py(body)), 1, body);
    const ts = `${tsHead}export const run = (prompt: string) => Promise.all([0, 1].map((t) => client.chat.completions.create({ model: 'gpt-4o', max_tokens: 5, temperature: t, messages: [{ role: 'user', content: prompt }] })));\n`;
    assert.equal(await flagged(ts, 'typescript'), 0);
  });

  it('embeddings in a loop are told first that one request takes the whole list (ChatDev embeds chunks one by one)', async () => {
    const text = `${pyHead}def embed(chunks):\n    return [client.embeddings.create(model="text-embedding-3-small", input=c) for c in chunks]\n`;
    const [finding] = only((await check(text, 'python')).findings, 'batch-candidate');
    assert.match(
      finding?.message ?? '',
      /^Embeddings requested one at a time in a loop: one request takes the whole list \(`input=\[\.\.\.\]`\), and when the vectors are not needed at once .* OpenAI Batch API would halve it/,
    );
  });
});

describe('a system block given its cache_control after it is built', () => {
  const python =
    `${pyHead}POLICY = "${longText}"\n` +
    'def run(messages):\n    system = {"type": "text", "text": POLICY}\n    system["cache_control"] = {"type": "ephemeral"}\n' +
    '    return claude.messages.create(model="claude-sonnet-4-5", max_tokens=300, system=[system], messages=messages)\n' +
    'def bare(messages):\n    system = {"type": "text", "text": POLICY}\n' +
    '    return claude.messages.create(model="claude-sonnet-4-5", max_tokens=300, system=[system], messages=messages)\n';
  const typescript =
    `${tsHead}const POLICY = '${longText}';\n` +
    "export function run(messages: []) {\n  const system: Anthropic.TextBlockParam = { type: 'text', text: POLICY };\n" +
    "  system.cache_control = { type: 'ephemeral' };\n" +
    "  return claude.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 300, system: [system], messages });\n}\n";

  it('is cached: priced with the cache and not told to cache (Python subscript, TypeScript member)', async () => {
    const py = await check(python, 'python');
    const [cached, bare] = py.calls;
    assert.equal(cached?.caching.explicit, true);
    assert.equal(cached?.caching.markers.length, 1);
    assert.equal(cached?.sites.systemBlocks?.[0]?.cached, true);
    assert.equal(bare?.caching.explicit, false);
    assert.deepEqual(
      only(py.findings, 'cacheable-prompt-not-cached').map((f) => f.line),
      [bare?.line],
    );
    const ts = await check(typescript, 'typescript');
    assert.equal(ts.calls[0]?.caching.explicit, true);
    assert.equal(only(ts.findings, 'cacheable-prompt-not-cached').length, 0);
  });
});

describe('a conversation marked for caching before the call', () => {
  const python =
    `${pyHead}POLICY = "${longText}"\n` +
    'def inject(messages):\n    messages[-1]["content"][-1]["cache_control"] = {"type": "ephemeral"}\n' +
    'def log(messages):\n    print(len(messages))\n' +
    'def helper(messages):\n    inject(messages)\n' +
    '    return claude.messages.create(model="claude-sonnet-4-5", max_tokens=300, system=POLICY, messages=messages)\n' +
    'def direct(messages):\n    messages[-1]["content"][-1]["cache_control"] = {"type": "ephemeral"}\n' +
    '    return claude.messages.create(model="claude-sonnet-4-5", max_tokens=300, system=POLICY, messages=messages)\n' +
    'def logged(messages):\n    log(messages)\n    messages[-1]["content"] = "x"\n' +
    '    return claude.messages.create(model="claude-sonnet-4-5", max_tokens=300, system=POLICY, messages=messages)\n';
  const typescript =
    `${tsHead}const POLICY = '${longText}';\n` +
    "function markLast(messages: { cache_control?: object }[]) {\n  messages[messages.length - 1].cache_control = { type: 'ephemeral' };\n}\n" +
    'export function run(messages: Anthropic.MessageParam[]) {\n  markLast(messages);\n' +
    "  return claude.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 300, system: POLICY, messages });\n}\n" +
    'export function direct(messages: { cache_control?: object }[]) {\n' +
    "  messages[0].cache_control = { type: 'ephemeral' };\n" +
    "  return claude.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 300, system: POLICY, messages: messages as Anthropic.MessageParam[] });\n}\n";

  it('counts as cached through a function of the file or an assignment into it; other uses do not', async () => {
    const py = await check(python, 'python');
    assert.deepEqual(
      py.calls.map((c) => c.caching.explicit),
      [true, true, false],
    );
    assert.deepEqual(
      only(py.findings, 'cacheable-prompt-not-cached').map((f) => f.line),
      [py.calls[2]?.line],
    );
    const ts = await check(typescript, 'typescript');
    assert.deepEqual(
      ts.calls.map((c) => c.caching.explicit),
      [true, true],
    );
  });
});

describe('the model a finding names', () => {
  it('is the one the code writes, not the price entry it is priced as', async () => {
    const text = `${pyHead}claude.messages.create(model="claude-3-opus-20240229", max_tokens=5, system="Answer yes or no.", messages=[{"role": "user", "content": "Is it raining?"}])\n`;
    const { calls, findings } = await check(text, 'python');
    assert.notEqual(calls[0]?.model, undefined);
    const [premium] = only(findings, 'premium-model-for-simple-task');
    assert.match(premium?.message ?? '', /^claude-3-opus-20240229 \(frontier\) on /);
  });
});
