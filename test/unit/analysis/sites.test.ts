import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import type { CallRecord, LanguageId, TextRange } from '../../../src/core/analysis/types';
import { ParserHost } from '../../../src/core/parsing/host';
import { wasmDir } from '../helpers/paths';

const host = new ParserHost(wasmDir);
after(() => host.dispose());

async function calls(text: string, languageId: LanguageId = 'python'): Promise<CallRecord[]> {
  return (await analyze(text, languageId, 'x', host)).calls;
}

const at = (text: string, range: TextRange | undefined): string =>
  range ? text.slice(range.start, range.end) : '(none)';

describe('call sites for fixes', () => {
  it('places keys, values, entries and the literal behind a constant (Python keywords)', async () => {
    const text =
      'from openai import OpenAI\nclient = OpenAI()\nMODEL = "gpt-4o"\n' +
      'r = client.chat.completions.create(\n    model=MODEL,\n    max_tokens=100,\n    messages=[],\n)\n';
    const [call] = await calls(text);
    const { sites } = call;
    assert.equal(at(text, sites.model?.key), 'model');
    assert.equal(at(text, sites.model?.value), 'MODEL');
    assert.equal(at(text, sites.model?.literal), '"gpt-4o"');
    assert.equal(sites.model?.where, 'call');
    assert.equal(at(text, sites.outputLimit?.entry), 'max_tokens=100');
    assert.equal(sites.outputLimit?.name, 'max_tokens');
    assert.equal(sites.options?.syntax, 'keywords');
    assert.deepEqual(
      sites.options?.entries.map((r) => at(text, r)),
      ['model=MODEL', 'max_tokens=100', 'messages=[]'],
    );
    assert.equal(sites.complete, true);
  });

  it('follows an options variable to where it is built, and knows when options are out of sight', async () => {
    const text =
      "import OpenAI from 'openai';\nconst openai = new OpenAI();\n" +
      "const params = { model: 'o3', max_tokens: 50, messages: [] };\n" +
      'export const a = () => openai.chat.completions.create(params);\n' +
      'export const b = (opts: object) => openai.chat.completions.create(opts);\n' +
      "export const c = (extra: object) => openai.chat.completions.create({ model: 'o3', ...extra, messages: [] });\n";
    const [a, b, c] = await calls(text, 'typescript');
    assert.equal(a.sites.options?.where, 'options');
    assert.equal(a.sites.options?.syntax, 'object');
    assert.equal(at(text, a.sites.outputLimit?.key), 'max_tokens');
    assert.equal(a.sites.outputLimit?.where, 'options');
    assert.equal(a.sites.complete, true);
    assert.equal(b.sites.complete, false);
    assert.equal(b.sites.options, null);
    assert.equal(c.sites.complete, false);
  });

  it('takes options a function builds out of sight as not shown, and follows one that returns them', async () => {
    const text =
      "import Anthropic from '@anthropic-ai/sdk';\nconst anthropic = new Anthropic();\n" +
      "function local(messages: object[]) {\n  return { model: 'claude-sonnet-4-5', messages };\n}\n" +
      "export const a = (m: object[]) => anthropic.messages.create(buildParams({ model: 'x', maxTokens: 9, messages: m }));\n" +
      "export const b = (m: object[]) => {\n  const params = buildParams({ model: 'x', maxTokens: 9, messages: m });\n" +
      '  return anthropic.messages.create(params);\n};\n' +
      'export const c = (m: object[]) => {\n  const params = local(m);\n  return anthropic.messages.create(params);\n};\n';
    const [a, b, c] = await calls(text, 'typescript');
    // buildParams may set max_tokens under a name of its own (anything-llm's buildAnthropicParams maps maxTokens).
    assert.equal(a.sites.complete, false);
    assert.equal(b.sites.complete, false);
    assert.equal(c.sites.complete, true);
    assert.equal(at(text, c.sites.options?.range), "{ model: 'claude-sonnet-4-5', messages }");
  });

  it("takes a Gemini config whose settings are out of sight as not shown (ChatDev's GenerateContentConfig(**config_kwargs))", async () => {
    const head = 'from google import genai\nfrom google.genai import types\nclient = genai.Client()\n';
    const ask = (config: string) =>
      `    return client.models.generate_content(model="gemini-2.5-flash", contents=q, config=${config})\n`;
    const text =
      head +
      // A mapping filled under computed keys may hold the limit: a fix adding it would pass it twice (TypeError).
      'def a(params, q):\n    config_kwargs = {}\n    for key in params:\n' +
      '        config_kwargs[key] = params[key]\n' +
      ask('types.GenerateContentConfig(**config_kwargs)') +
      'def b(extra, q):\n' +
      ask('types.GenerateContentConfig(**extra)') +
      // A helper of the code's own builds it: the settings it shows count, but its arguments are not the config's
      // (the fix once wrote the limit into them).
      'def build_config(params):\n    return types.GenerateContentConfig(temperature=params["t"])\n' +
      'def c(params, q):\n' +
      ask('build_config(params)') +
      'def d(q):\n    config_kwargs = {}\n    config_kwargs["temperature"] = 0\n' +
      ask('types.GenerateContentConfig(**config_kwargs)') +
      'def e(q):\n' +
      ask('types.GenerateContentConfig(temperature=0)') +
      // Keys a loop takes from literals are known: here one of them is the limit (ChatDev's gemini_provider).
      'def f(params, q):\n    config_kwargs = {}\n    for key in ("temperature", "max_output_tokens"):\n' +
      '        if key in params:\n            config_kwargs[key] = params[key]\n' +
      ask('types.GenerateContentConfig(**config_kwargs)');
    const found = await calls(text);
    assert.deepEqual(
      found.map((call) => call.sites.complete),
      [false, false, true, true, true, true],
    );
    assert.deepEqual(
      found.map((call) => call.outputLimit),
      [false, false, false, false, false, true],
    );
    assert.equal(found[2].sites.configOptions, undefined);
    assert.equal(at(text, found[4].sites.configOptions?.range), '(temperature=0)');
  });

  it('places a LangChain constructor, a Gemini config and system prompt blocks', async () => {
    const text =
      'from langchain_openai import ChatOpenAI\nfrom google import genai\nimport anthropic\n' +
      'llm = ChatOpenAI(model="gpt-4o", temperature=0)\n' +
      'def ask(q):\n    return llm.invoke(q)\n' +
      'client = genai.Client()\n' +
      'def gem(q):\n    return client.models.generate_content(model="gemini-2.5-flash", contents=q, config={"temperature": 0})\n' +
      'claude = anthropic.Anthropic()\n' +
      'def cl(q):\n    return claude.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=[],\n' +
      '        system=[{"type": "text", "text": "Policy."}, {"type": "text", "text": f"User {q}"}])\n';
    const [lc, gem, cl] = await calls(text);
    assert.equal(lc.sites.constructorOptions?.where, 'constructor');
    assert.deepEqual(
      lc.sites.constructorOptions?.entries.map((r) => at(text, r)),
      ['model="gpt-4o"', 'temperature=0'],
    );
    assert.equal(lc.sites.model?.where, 'constructor');
    assert.equal(lc.sites.complete, true);
    assert.equal(at(text, gem.sites.configOptions?.range), '{"temperature": 0}');
    assert.equal(gem.sites.configOptions?.syntax, 'dict');
    assert.deepEqual(
      cl.sites.systemBlocks?.map((b) => [at(text, b.options.range), b.static, b.cached]),
      [
        ['{"type": "text", "text": "Policy."}', true, false],
        ['{"type": "text", "text": f"User {q}"}', false, false],
      ],
    );
  });

  it('counts cache_control breakpoints, one per entry', async () => {
    const text =
      'import anthropic\nclient = anthropic.Anthropic()\nC = {"type": "ephemeral"}\n' +
      'B = {"type": "text", "text": "x", "cache_control": C}\n' +
      'client.messages.create(model="claude-sonnet-4-5", max_tokens=5, system=[B, {"type": "text", "text": "y", "cache_control": C}],\n' +
      '    messages=[{"role": "user", "content": [{"type": "text", "text": "q", "cache_control": {"type": "ephemeral"}}]}])\n';
    const [call] = await calls(text);
    assert.deepEqual(
      call.caching.markers.map((r) => at(text, r)),
      ['"cache_control": C', '"cache_control": C', '"cache_control": {"type": "ephemeral"}'],
    );
  });
});

describe('what a call uses and where it runs', () => {
  it('reads tools, images, structured output, enums and the reasoning effort', async () => {
    const text =
      'from typing import Literal\nfrom pydantic import BaseModel\nfrom openai import OpenAI\nclient = OpenAI()\n' +
      'class Label(BaseModel):\n    label: Literal["spam", "ham"]\n' +
      'def a(url):\n    return client.chat.completions.create(model="gpt-4o", tools=[], reasoning_effort="low",\n' +
      '        messages=[{"role": "user", "content": [{"type": "image_url", "image_url": {"url": url}}]}])\n' +
      'def b(q):\n    return client.chat.completions.parse(model="gpt-4o", response_format=Label, messages=[{"role": "user", "content": q}])\n';
    const [a, b] = await calls(text);
    assert.deepEqual(a.features, { tools: true, vision: true, structuredOutput: false, enumOutput: false });
    assert.equal(a.reasoningEffort, 'low');
    assert.deepEqual(b.features, { tools: false, vision: false, structuredOutput: true, enumOutput: true });
  });

  it("reads the AI SDK's enum mode, which has no schema, as an enum answer (ai-sdk-preview-internal-knowledge-base)", async () => {
    const text = [
      "import { generateObject } from 'ai';",
      "import { openai } from '@ai-sdk/openai';",
      'export async function classify(q: string) {',
      '  return generateObject({',
      "    model: openai('gpt-4o-mini'),",
      "    output: 'enum',",
      "    enum: ['question', 'statement', 'other'],",
      '    prompt: q,',
      '  });',
      '}',
      'export async function list(q: string) {',
      "  return generateObject({ model: openai('gpt-4o-mini'), output: 'no-schema', prompt: q });",
      '}',
      '',
    ].join('\n');
    const found = await calls(text, 'typescript');
    assert.deepEqual(
      found.map((c) => [c.line, c.features.structuredOutput, c.features.enumOutput]),
      [
        [4, true, true],
        [12, true, false],
      ],
    );
  });

  it('tells loops apart and knows request handlers', async () => {
    const text =
      'from openai import OpenAI\nfrom fastapi import FastAPI\napp = FastAPI()\nclient = OpenAI()\n' +
      'def job(rows):\n    for row in rows:\n        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": row}])\n' +
      '    while True:\n        client.chat.completions.create(model="gpt-4o", messages=[])\n' +
      '@app.post("/tag")\ndef tag(items: list[str]):\n    return [client.chat.completions.create(model="gpt-4o", messages=[]) for i in items]\n';
    const [forLoop, whileLoop, handler] = await calls(text);
    assert.deepEqual([forLoop.loopKind, whileLoop.loopKind, handler.loopKind], ['for', 'while', 'comprehension']);
    assert.deepEqual([forLoop.inRequestHandler, handler.inRequestHandler], [false, true]);
  });

  it('finds a history that grows per turn, and not one that is trimmed or rebuilt', async () => {
    const text =
      'from openai import OpenAI\nclient = OpenAI()\n' +
      'class Bot:\n    def __init__(self):\n        self.history = []\n' +
      '    def ask(self, q):\n        self.history.append({"role": "user", "content": q})\n' +
      '        r = client.chat.completions.create(model="gpt-4o", messages=self.history)\n' +
      '        self.history.append(r.choices[0].message)\n        return r\n' +
      'def loop():\n    messages = []\n    while True:\n        messages.append({"role": "user", "content": input()})\n' +
      '        client.chat.completions.create(model="gpt-4o", messages=messages)\n' +
      'def trimmed():\n    messages = []\n    while True:\n        messages.append({"role": "user", "content": input()})\n' +
      '        messages = messages[-10:]\n        client.chat.completions.create(model="gpt-4o", messages=messages)\n' +
      'def fresh(rows):\n    for row in rows:\n        messages = [{"role": "user", "content": row}]\n' +
      '        messages.append({"role": "user", "content": "more"})\n        client.chat.completions.create(model="gpt-4o", messages=messages)\n';
    const [bot, looped, trimmed, fresh] = await calls(text);
    assert.equal(bot.history?.per, 'turns');
    assert.equal(bot.history?.variable, 'self.history');
    assert.equal(bot.history?.appends.length, 2);
    assert.equal(looped.history?.per, 'loop');
    assert.equal(trimmed.history, null);
    assert.equal(fresh.history, null);
  });
});
