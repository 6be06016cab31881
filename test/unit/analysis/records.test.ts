import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { after, describe, it } from 'node:test';
import { analyze, mentionsLlmSdk, skipReason } from '../../../src/core/analysis/analyze';
import { mayHoldCandidates } from '../../../src/core/analysis/candidates';
import type { CallRecord, LanguageId, PromptSegment } from '../../../src/core/analysis/types';
import { ParserHost } from '../../../src/core/parsing/host';
import { wasmDir } from '../helpers/paths';

const host = new ParserHost(wasmDir);
after(() => host.dispose());

async function calls(text: string, languageId: LanguageId = 'python'): Promise<CallRecord[]> {
  return (await analyze(text, languageId, 'x', host)).calls;
}

/** Where each segment is written, as source text. */
function written(text: string, segments: readonly PromptSegment[]): string[] {
  return segments.map((s) => (s.range ? text.slice(s.range.start, s.range.end) : '(no range)'));
}

/** A copy without ranges (and with empty range lists), to compare contents. */
function withoutRanges<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (key, item: unknown) => {
      if (key === 'range') return undefined;
      if (key === 'markers') return [];
      return item;
    }),
  ) as T;
}

describe('call records', () => {
  it('places line and column on the final method-name token and ranges on the call', async () => {
    const text =
      'from openai import OpenAI\nclient = OpenAI()\nr = client.chat.completions.\\\n    create(model="gpt-4o", messages=[])\n';
    const [call] = await calls(text);
    assert.equal(call.line, 4);
    assert.equal(call.column, 5);
    assert.equal(text.slice(call.range.start, call.range.end).startsWith('client.chat'), true);
    assert.equal(
      text.slice(call.argumentRanges.args.start, call.argumentRanges.args.end),
      '(model="gpt-4o", messages=[])',
    );
    assert.equal(text.slice(call.argumentRanges.model?.start, call.argumentRanges.model?.end), '"gpt-4o"');
    assert.equal(
      text.slice(call.argumentRanges.lastArgument?.start, call.argumentRanges.lastArgument?.end),
      'messages=[]',
    );
  });

  it("names the models a loop goes through as candidates, not the workspace's (anthropics/courses's model comparison)", async () => {
    const [py] = await calls(
      'import anthropic\nclient = anthropic.Anthropic()\nMODELS = ["claude-3-5-sonnet-20240620", "claude-3-opus-20240229"]\n' +
        'def compare(q):\n    for model in MODELS:\n        client.messages.create(model=model, max_tokens=5, messages=[{"role": "user", "content": q}])\n',
    );
    assert.equal(py.model, null);
    assert.deepEqual(py.modelCandidates, ['claude-3-5-sonnet-20240620', 'claude-3-opus-20240229']);
    const [ts] = await calls(
      "import OpenAI from 'openai';\nconst client = new OpenAI();\n" +
        "export async function compare(q: string) {\n  for (const model of ['gpt-4o', 'o3']) await client.chat.completions.create({ model, max_tokens: 5, messages: [{ role: 'user', content: q }] });\n}\n",
      'typescript',
    );
    assert.deepEqual(ts.modelCandidates, ['gpt-4o', 'o3']);
    // A loop over names the code does not list gives none.
    const [other] = await calls(
      'import anthropic\nclient = anthropic.Anthropic()\n' +
        'def compare(q, models):\n    for model in models:\n        client.messages.create(model=model, max_tokens=5, messages=[])\n',
    );
    assert.equal(other.modelCandidates, undefined);
  });

  it('reads templates filled by .replace() and .format() with known text, and dedent`...` as its text', async () => {
    const pyText =
      'import anthropic\nclient = anthropic.Anthropic()\n' +
      'PROMPT = "Summarize this call.\\n[TRANSCRIPT]\\nThree bullets. [TRANSCRIPT] again."\n' +
      'TEMPLATE = "Use the context.\\nContext: {context}\\nQ: {question} ({})"\nCONTEXT = "We open at 9."\n' +
      'def a(transcript):\n    p = PROMPT.replace("[TRANSCRIPT]", transcript)\n' +
      '    return client.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=[{"role": "user", "content": p}])\n' +
      'def b(question):\n    p = TEMPLATE.format("short", context=CONTEXT, question=question)\n' +
      '    return client.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=[{"role": "user", "content": p}])\n';
    const [a, b] = await calls(pyText);
    // Python replaces every occurrence; the text around each stays static, where it is written.
    assert.deepEqual(withoutRanges(a.messages[0].segments), [
      { kind: 'static', text: 'Summarize this call.\n' },
      { kind: 'dynamic', expression: 'transcript' },
      { kind: 'static', text: '\nThree bullets. ' },
      { kind: 'dynamic', expression: 'transcript' },
      { kind: 'static', text: ' again.' },
    ]);
    // A field given a constant is that constant's text; a positional `{}` takes the positional argument.
    assert.deepEqual(withoutRanges(b.messages[0].segments), [
      { kind: 'static', text: 'Use the context.\nContext: We open at 9.\nQ: ' },
      { kind: 'dynamic', expression: 'question' },
      { kind: 'static', text: ' (short)' },
    ]);
    const tsText =
      "import OpenAI from 'openai';\nimport dedent from 'dedent';\nconst openai = new OpenAI();\n" +
      'const SYSTEM = dedent`\n  You plan apps.\n`;\nconst TITLE = "Title for {c}: {c}";\n' +
      "export const f = (q: string) => openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: TITLE.replace('{c}', q) }] });\n";
    const [ts] = await calls(tsText, 'typescript');
    assert.equal(ts.systemPrompt.kind, 'constant');
    // JavaScript's replace with a string replaces the first occurrence only.
    assert.deepEqual(withoutRanges(ts.messages[0].segments), [
      { kind: 'static', text: 'Title for ' },
      { kind: 'dynamic', expression: 'q' },
      { kind: 'static', text: ': {c}' },
    ]);
  });

  it('splits prompts into static text and dynamic parts (f-strings, templates, concatenation, format)', async () => {
    const pyText =
      'import anthropic\nclient = anthropic.Anthropic()\nBASE = "You help " + "with {topic}."\n' +
      'def f(user, topic):\n    return client.messages.create(model="claude-haiku-4-5", max_tokens=5, system=BASE.format(topic=topic),\n' +
      '        messages=[{"role": "user", "content": f"Hi {user}!"}, {"role": "assistant", "content": [{"type": "text", "text": "Hello"}]}])\n';
    const py = await calls(pyText);
    assert.equal(py[0].systemPrompt.kind, 'dynamic');
    // Text joined from two literals and then split at a format field has no one place in the source.
    assert.deepEqual(written(pyText, py[0].systemPrompt.segments), ['(no range)', '(no range)', '(no range)']);
    const formatText =
      'import anthropic\nclient = anthropic.Anthropic()\nBASE = "You help " + "with:"\nTOPIC = "On {topic}."\n' +
      'def f(topic):\n    return client.messages.create(model="claude-haiku-4-5", max_tokens=5, system=BASE + TOPIC.format(topic=topic), messages=[])\n';
    const [formatted] = await calls(formatText);
    assert.deepEqual(written(formatText, formatted.systemPrompt.segments), ['(no range)', '{topic}', '.']);
    const [joined] = await calls(formatText.replace('TOPIC.format(topic=topic)', 'f"{topic}"'));
    assert.deepEqual(
      written(formatText.replace('TOPIC.format(topic=topic)', 'f"{topic}"'), joined.systemPrompt.segments),
      ['You help " + "with:', '{topic}'],
    );
    assert.deepEqual(
      py[0].messages.map((m) => written(pyText, m.segments)),
      [['Hi ', '{user}', '!'], ['Hello']],
    );
    assert.deepEqual(withoutRanges(py[0].systemPrompt.segments), [
      { kind: 'static', text: 'You help with ' },
      { kind: 'dynamic', expression: 'topic' },
      { kind: 'static', text: '.' },
    ]);
    assert.deepEqual(withoutRanges(py[0].messages), [
      {
        role: 'user',
        segments: [
          { kind: 'static', text: 'Hi ' },
          { kind: 'dynamic', expression: 'user' },
          { kind: 'static', text: '!' },
        ],
      },
      { role: 'assistant', segments: [{ kind: 'static', text: 'Hello' }] },
    ]);
    const tsText =
      "import OpenAI from 'openai';\nconst openai = new OpenAI();\nconst SYSTEM = 'Be brief.';\n" +
      "export const f = (name: string) => openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: `Hi ${name}` }] });\n";
    const ts = await calls(tsText, 'typescript');
    assert.equal(ts[0].systemPrompt.kind, 'constant');
    assert.deepEqual(written(tsText, ts[0].systemPrompt.segments), ['Be brief.']);
    assert.deepEqual(written(tsText, ts[0].messages[0].segments), ['Hi ', '${name}']);
    assert.deepEqual(withoutRanges(ts[0].systemPrompt.segments), [{ kind: 'static', text: 'Be brief.' }]);
    assert.deepEqual(withoutRanges(ts[0].messages), [
      {
        role: 'user',
        segments: [
          { kind: 'static', text: 'Hi ' },
          { kind: 'dynamic', expression: 'name' },
        ],
      },
    ]);
  });

  it('reads caching markers, the 1h ttl, annotations, batch, base URL and spread parameters', async () => {
    const [cached, batch] = await calls(
      'import anthropic\nclient = anthropic.Anthropic(base_url="https://proxy.example/v1")\n' +
        'BLOCK = {"type": "text", "text": "policy", "cache_control": {"type": "ephemeral", "ttl": "1h"}}\n' +
        'params = {"model": "claude-sonnet-4-5"}\nparams["max_tokens"] = 2048\n' +
        '# llm-cost-lens: 1.5k/day\nr = client.messages.create(**params, system=[BLOCK], messages=[])\n' +
        'b = client.messages.batches.create(requests=[])\n',
    );
    assert.deepEqual(withoutRanges(cached.caching), { explicit: true, ttl: '1h', markers: [] });
    assert.equal(cached.caching.markers.length, 1);
    assert.equal(cached.callsPerDay, 1500);
    assert.equal(cached.model, 'claude-sonnet-4-5');
    assert.equal(cached.modelVia, 'constant');
    assert.equal(cached.outputLimitValue, 2048);
    assert.equal(cached.baseUrl, 'https://proxy.example/v1');
    assert.equal(batch.batch, true);
  });

  it('takes anthropic.Client and AsyncClient, the Python SDK’s aliases, as Anthropic clients', async () => {
    const found = await calls(
      'import anthropic\nfrom anthropic import AsyncClient\nclient = anthropic.Client()\nasync_client = AsyncClient()\n' +
        'client.messages.create(model="claude-3-opus-20240229", max_tokens=4096, messages=[])\n' +
        'async def f():\n    await async_client.messages.create(model="claude-3-opus-20240229", max_tokens=4096, messages=[])\n',
    );
    assert.deepEqual(
      found.map((c) => [c.sdk, c.api, c.line]),
      [
        ['anthropic', 'messages.create', 5],
        ['anthropic', 'messages.create', 7],
      ],
    );
  });

  it('resolves enum members, class attributes, dataclass defaults and `or` fallbacks', async () => {
    const found = await calls(
      'from dataclasses import dataclass\nfrom enum import Enum\nfrom openai import OpenAI\n' +
        'class Tier(str, Enum):\n    CHEAP = "gpt-4o-mini"\n' +
        '@dataclass\nclass Config:\n    model: str = "gpt-4.1"\n    limit: int = 256\n' +
        'client = OpenAI()\ncfg = Config()\n' +
        'def a(m=None):\n    client.chat.completions.create(model=Tier.CHEAP.value, messages=[])\n' +
        '    client.chat.completions.create(model=cfg.model, max_tokens=cfg.limit, messages=[])\n' +
        '    client.chat.completions.create(model=m or "o3", messages=[])\n',
    );
    assert.deepEqual(
      found.map((c) => c.model),
      ['gpt-4o-mini', 'gpt-4.1', 'o3'],
    );
    assert.equal(found[1].outputLimitValue, 256);
  });

  it('takes an empty model name for a placeholder, not a model (unresolved, never priced as "")', async () => {
    const text =
      'import OpenAI from "openai"\nconst client = new OpenAI()\n' +
      'export async function run(kind: string, id?: string) {\n  let deployment = ""\n' +
      '  if (kind === "a") deployment = id || ""\n' +
      '  await client.chat.completions.create({ model: deployment, messages: [] })\n' +
      '  await client.chat.completions.create({ model: "", messages: [] })\n' +
      '  await client.chat.completions.create({ model: id || "gpt-4o", messages: [] })\n}\n';
    const found = await calls(text, 'typescript');
    assert.deepEqual(
      found.map((c) => [c.model, c.modelVia, c.modelSource === null]),
      [
        [null, 'unresolved', true],
        [null, 'unresolved', true],
        ['gpt-4o', found[2]?.modelVia, false],
      ],
    );
  });

  it("follows a client returned by the class's own method (self._get_client(), this.getClient())", async () => {
    const python = await calls(
      'from openai import AsyncOpenAI, OpenAI\nfrom app.db import Database\n' +
        'class Model:\n    def _get_client(self) -> AsyncOpenAI:\n        return self._client\n' +
        '    def _sync(self):\n        return OpenAI()\n    def _db(self):\n        return Database()\n' +
        '    async def run(self, **kwargs):\n        client = self._get_client()\n' +
        '        await client.responses.create(**kwargs)\n        self._sync().chat.completions.create(**kwargs)\n' +
        '        self._db().messages.create(**kwargs)\n',
    );
    assert.deepEqual(
      python.map((c) => [c.line, c.sdk, c.api]),
      [
        [12, 'openai', 'responses.create'],
        [13, 'openai', 'chat.completions.create'],
      ],
    );
    const typescript = await calls(
      'import OpenAI from "openai"\nexport class Bot {\n  private client?: OpenAI\n' +
        '  private getClient(): OpenAI {\n    return (this.client ??= new OpenAI())\n  }\n' +
        '  async ask(body: any) {\n    return this.getClient().chat.completions.create(body)\n  }\n}\n',
      'typescript',
    );
    assert.deepEqual(
      typescript.map((c) => [c.line, c.api]),
      [[8, 'chat.completions.create']],
    );
  });

  it("knows openai-python's Client and AsyncClient, aliases of OpenAI and AsyncOpenAI, from google-genai's Client (ChatDev)", async () => {
    const python = await calls(
      'import openai\nfrom openai import AsyncClient\nfrom google import genai\n' +
        'def a(client: openai.Client, q):\n    return client.chat.completions.create(model="gpt-4o", messages=[])\n' +
        'async def b(client: AsyncClient, q):\n    return await client.responses.create(model="gpt-4o", input=q)\n' +
        'g = genai.Client()\ndef c(q):\n    return g.models.generate_content(model="gemini-2.5-flash", contents=q)\n',
      'python',
    );
    assert.deepEqual(
      python.map((c) => [c.line, c.sdk, c.api]),
      [
        [5, 'openai', 'chat.completions.create'],
        [7, 'openai', 'responses.create'],
        [10, 'google', 'generate_content'],
      ],
    );
  });

  it('follows a client read through a getter or a property to the client the class builds, base URL included', async () => {
    const typescript = await calls(
      'import OpenAI from "openai"\nclass XAI {\n  _client: OpenAI\n' +
        '  constructor() {\n    this._client = new OpenAI({ baseURL: "https://api.x.ai/v1" })\n  }\n' +
        '  get client() {\n    return this._client\n  }\n' +
        '  ask(messages: any[]) {\n    return this.client.chat.completions.create({ model: "grok-4", messages })\n  }\n}\n',
      'typescript',
    );
    assert.deepEqual(
      typescript.map((c) => [c.line, c.baseUrl]),
      [[11, 'https://api.x.ai/v1']],
    );
    const python = await calls(
      'from functools import cached_property\nfrom openai import OpenAI\nclass Groq:\n    @cached_property\n' +
        '    def client(self):\n        return OpenAI(base_url="https://api.groq.com/openai/v1")\n' +
        '    def ask(self, messages):\n        return self.client.chat.completions.create(model="llama-3.1-8b-instant", messages=messages)\n',
    );
    assert.deepEqual(
      python.map((c) => [c.line, c.baseUrl]),
      [[8, 'https://api.groq.com/openai/v1']],
    );
  });

  it('takes a destructuring default for the model, as a parameter default (default-param)', async () => {
    const found = await calls(
      'import OpenAI from "openai"\nconst client = new OpenAI()\nclass Bot {\n  model: string\n' +
        '  constructor(config: { model?: string } = {}) {\n    const { model = "grok-4" } = config\n    this.model = model\n  }\n' +
        '  ask() {\n    return client.chat.completions.create({ model: this.model, messages: [] })\n  }\n}\n' +
        'export function f(opts: { model?: string }) {\n  const { model = "gpt-4o-mini", temperature = 0 } = opts\n' +
        '  return client.chat.completions.create({ model, temperature, messages: [] })\n}\n' +
        'export function g({ model = "gpt-4.1" }: { model?: string }) {\n' +
        '  return client.chat.completions.create({ model, messages: [] })\n}\n',
      'typescript',
    );
    assert.deepEqual(
      found.map((c) => [c.model, c.modelVia, c.modelSource?.line]),
      [
        ['grok-4', 'default-param', 6],
        ['gpt-4o-mini', 'default-param', 14],
        ['gpt-4.1', 'default-param', 17],
      ],
    );
  });

  it('follows clients passed in with a type annotation and ignores look-alikes', async () => {
    const found = await calls(
      'from anthropic import AsyncAnthropic\nimport stripe\n' +
        'async def run(client: AsyncAnthropic, db):\n    await client.messages.create(model="claude-haiku-4-5", max_tokens=1, messages=[])\n' +
        '    db.messages.create(body="x")\n    stripe.checkout.Session.create(mode="payment")\n    client.messages.count_tokens(model="x", messages=[])\n',
    );
    assert.deepEqual(
      found.map((c) => [c.line, c.api]),
      [[4, 'messages.create']],
    );
  });
});

/**
 * The value of `expression` (over the module at `modulePath`, as `m`) computed in a thread stopped after 20 s, a
 * thousand times what one pass takes: a search that retries from each position would block this thread for hours,
 * where no timeout could fire. A string when it did not finish.
 */
async function inThread(modulePath: string, expression: string): Promise<unknown> {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const m = require(${JSON.stringify(require.resolve(modulePath))});
     parentPort.postMessage(${expression});`,
    { eval: true },
  );
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([
    once(worker, 'message').then(([message]) => message as unknown),
    new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('still running after 20 s'), 20_000);
    }),
  ]);
  clearTimeout(timer);
  await worker.terminate();
  return result;
}

describe('pre-check and skip rules', () => {
  it('mentionsLlmSdk needs an SDK name', () => {
    assert.equal(mentionsLlmSdk('import os\nprint(1)\n'), false);
    assert.equal(mentionsLlmSdk('from litellm import completion\n'), true);
    assert.equal(mentionsLlmSdk("import { generateText } from 'ai';\n"), true);
  });

  it('mentionsLlmSdk does not count a name in a line comment alone, unless an LLM-looking call is there too', () => {
    const plain = 'class Rows:\n    def create(self, payload):\n        return parse(payload)\n';
    // "together" is a provider's name and an English word.
    assert.equal(mentionsLlmSdk(`# Rows are grouped together here, then stream out.\n${plain}`), false);
    assert.equal(mentionsLlmSdk(`  // Items are grouped together, then stream out.\nconst x = 1;\n`), false);
    assert.equal(mentionsLlmSdk(`## Uses openai\n${plain}`), false);
    // The same names in code, a trailing comment, a JSDoc type, a Python type comment, a private field: they count.
    assert.equal(mentionsLlmSdk(`client = together.Client()  # together\n`), true);
    assert.equal(mentionsLlmSdk(`x = 1  # grouped together\n`), true);
    assert.equal(mentionsLlmSdk(`/**\n * @param {import('openai').OpenAI} client\n */\nfunction f(client) {}\n`), true);
    assert.equal(mentionsLlmSdk(`def ask(client):\n    # type: (OpenAI) -> str\n    pass\n`), true);
    assert.equal(mentionsLlmSdk(`class A {\n  #openai = makeClient();\n}\n`), true);
    // A comment's name first, the code's after it on a later line.
    assert.equal(mentionsLlmSdk(`# openai here\nfrom openai import OpenAI\n`), true);
    // A commented name beside a call that reads like an LLM request: the client may come from a parameter.
    assert.equal(
      mentionsLlmSdk(`// uses openai\nexport const ask = (c) => c.chat.completions.create({ model, messages });\n`),
      true,
    );
  });

  it('mayHoldCandidates needs a billable name where it can be called, or an alias of one', () => {
    const typesOnly =
      'from openai.types.chat import ChatCompletionMessageParam\n\nclass Rows:\n' +
      '    def create(self, payload):\n        return payload\n\n    async def parse(self, text):\n        return text\n';
    assert.equal(mayHoldCandidates(typesOnly, true), false);
    assert.equal(mayHoldCandidates('export function generateText(prompt: string) {}\n', false), false);
    assert.equal(mayHoldCandidates('function* stream () {}\n', false), false);
    // Calls, however the arguments follow.
    for (const call of [
      'client.chat.completions.create(',
      'client.chat.completions.create (',
      'client.chat.completions.create\\\n  (',
      'client.chat.completions.create /* why */ (',
      'generateObject<Recipe>({',
      'client.chat.completions.create?.(',
      'llm.invoke\n(',
    ]) {
      assert.equal(mayHoldCandidates(`x = ${call}`, true), true, call);
    }
    // The end of a longer name is not the name (the names are sought without a lookbehind, for speed).
    for (const call of ['recreate(', 'my_create(', '$create(', 'client.chat.completions.xcreate(', 'reinvoke\n(']) {
      assert.equal(mayHoldCandidates(`x = ${call}`, true), false, call);
    }
    // A bound method or an imported alias is called under another name.
    assert.equal(mayHoldCandidates('ask = client.messages.create\nask(model="m")\n', true), true);
    assert.equal(mayHoldCandidates("import { generateText as gen } from 'ai';\ngen({});\n", false), true);
    // A method that defines the name and a call of the SDK's in the same file: the call counts.
    assert.equal(mayHoldCandidates(`${typesOnly}\nclient.chat.completions.create(model="m")\n`, true), true);
  });

  it('skips minified and oversized text', () => {
    assert.equal(skipReason('a\n'.repeat(100)), null);
    assert.match(skipReason('x'.repeat(10_001)) ?? '', /minified/);
    assert.match(skipReason('é'.repeat(600_000)) ?? '', /1 MB/);
  });

  it('reads a file whose long line is one string (a base64 image, an inline SVG), still skipping minified code', () => {
    const image = 'iVBORw0KGgo' + 'AAAASUhEUgAA+/'.repeat(4000);
    assert.equal(skipReason(`from anthropic import Anthropic\nIMAGE = "${image}"\nprint(1)\n`), null);
    assert.equal(skipReason(`const logo = '<svg viewBox="0 0 9 9">${'<path d="M1 1"/>'.repeat(900)}</svg>';\n`), null);
    const minified = `var a=${'f(1,"x"),g[2]=3;'.repeat(800)}`;
    assert.match(skipReason(minified) ?? '', /minified/);
    assert.match(skipReason(`${'"ab",'.repeat(3000)}`) ?? '', /minified/, 'many short strings are code');
  });

  it('judges a long line of quotes that never close as code, in one pass', async () => {
    const verdict = await inThread(
      '../../../src/core/analysis/analyze',
      `m.skipReason('from openai import OpenAI\\nx = ' + '"\\\\'.repeat(400000) + '\\n')`,
    );
    assert.match(String(verdict), /minified/);
    assert.match(skipReason(`IMAGE = "${'A'.repeat(20_000)}\n`) ?? '', /minified/, 'an unclosed string is code');
    assert.equal(skipReason(`IMAGE = "${'A'.repeat(20_000)}" + '\\'' + \`${'B'.repeat(9_000)}\`\n`), null);
  });

  it('runs the parse gates in one pass on hostile text: comments left open, thousands of commented names', async () => {
    // 110,000 short lines (990 KB) of a name and a block comment that never closes: a search for its end from each
    // name took about 30 s. And 100,000 comment lines naming an SDK.
    assert.equal(
      await inThread(
        '../../../src/core/analysis/candidates',
        `m.mayHoldCandidates('create/*\\n'.repeat(110000), true)`,
      ),
      false,
    );
    assert.equal(
      await inThread('../../../src/core/analysis/analyze', `m.mentionsLlmSdk('# openai together\\n'.repeat(100000))`),
      false,
    );
  });
});
