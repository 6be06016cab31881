import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import type { CallRecord, LanguageId } from '../../../src/core/analysis/types';
import { ParserHost } from '../../../src/core/parsing/host';
import { bundledTable } from '../../../src/core/pricing';
import { resolveHintOf, resolveModel } from '../../../src/core/pricing/resolve';
import { wasmDir } from '../helpers/paths';

const host = new ParserHost(wasmDir);
after(() => host.dispose());

async function first(text: string, languageId: LanguageId = 'python'): Promise<CallRecord> {
  const { calls } = await analyze(text, languageId, languageId === 'python' ? 'app.py' : 'app.ts', host);
  assert.ok(calls[0], 'a call is found');
  return calls[0];
}

function model(call: CallRecord): string {
  const source = call.modelSource ? ` app:${call.modelSource.line}` : '';
  return `${call.model ?? 'unknown'} (${call.modelVia})${source}`;
}

describe('same-file resolution', () => {
  it("takes a constructor's fallback for the attribute a method reads (Python, `or` and `if not`)", async () => {
    const orFallback = await first(
      [
        'from openai import OpenAI',
        'class Chat:',
        '    def __init__(self, config):',
        '        self.config = config',
        '        self.config.model = self.config.model or "gpt-4o"',
        '        self.client = OpenAI()',
        '    def ask(self, q):',
        '        return self.client.chat.completions.create(model=self.config.model, messages=[q])',
      ].join('\n'),
    );
    assert.equal(model(orFallback), 'gpt-4o (constant) app:5');
    const ifNot = await first(
      [
        'from anthropic import Anthropic',
        'class Chat:',
        '    def __init__(self, config=None):',
        '        self.config = config',
        '        if not self.config.model:',
        '            self.config.model = "claude-haiku-4-5"',
        '        self.client = Anthropic()',
        '    def ask(self, messages):',
        '        params = self._base(messages)',
        '        params.update({"model": self.config.model, "messages": messages})',
        '        return self.client.messages.create(**params)',
        '    def _base(self, messages):',
        '        return build(messages)',
      ].join('\n'),
    );
    assert.equal(model(ifNot), 'claude-haiku-4-5 (constant) app:6');
  });

  it('takes `this.model = opts.model ?? "..."` and `||` fallbacks (TypeScript)', async () => {
    const call = await first(
      [
        "import OpenAI from 'openai';",
        'export class Summarizer {',
        '  private model: string;',
        '  private client = new OpenAI();',
        '  constructor(opts: { model?: string }) {',
        "    this.model = opts.model ?? 'gpt-4o-mini';",
        '  }',
        '  run(text: string) {',
        "    return this.client.chat.completions.create({ model: this.model, messages: [{ role: 'user', content: text }] });",
        '  }',
        '}',
      ].join('\n'),
      'typescript',
    );
    assert.equal(model(call), 'gpt-4o-mini (constant) app:6');
  });

  it('says unknown when two branches set different fallbacks (never one of them)', async () => {
    const call = await first(
      [
        'from openai import OpenAI',
        'class Embedder:',
        '    def __init__(self, config, local):',
        '        self.config = config',
        '        if local:',
        '            self.config.model = self.config.model or "tei"',
        '        else:',
        '            self.config.model = self.config.model or "text-embedding-3-small"',
        '        self.client = OpenAI()',
        '    def embed(self, text):',
        '        return self.client.embeddings.create(input=[text], model=self.config.model)',
      ].join('\n'),
    );
    assert.equal(model(call), 'unknown (unresolved)');
  });

  it('reads the parameters a same-class helper builds (`**self._params()`, `this.buildParams()`)', async () => {
    const py = await first(
      [
        'import anthropic',
        'MODEL = "claude-sonnet-4-5"',
        'class Agent:',
        '    client = anthropic.Anthropic()',
        '    def _params(self):',
        '        return {"model": MODEL, "max_tokens": 512}',
        '    def run(self, messages):',
        '        return self.client.messages.create(messages=messages, **self._params())',
      ].join('\n'),
    );
    assert.equal(model(py), 'claude-sonnet-4-5 (constant) app:2');
    assert.equal(py.outputLimitValue, 512);
    const ts = await first(
      [
        "import Anthropic from '@anthropic-ai/sdk';",
        'class Agent {',
        '  private client = new Anthropic();',
        '  private buildParams(messages: unknown[]) {',
        "    return { model: 'claude-haiku-4-5', max_tokens: 256, messages };",
        '  }',
        '  run(messages: unknown[]) {',
        '    return this.client.messages.create(this.buildParams(messages));',
        '  }',
        '}',
      ].join('\n'),
      'typescript',
    );
    assert.equal(model(ts), 'claude-haiku-4-5 (constant) app:5');
  });

  it('counts constants inside f-strings and template literals as their text (tokens too)', async () => {
    const py = await first(
      [
        'from openai import OpenAI',
        'client = OpenAI()',
        'RULES = "Answer in one sentence."',
        'def ask(q):',
        '    return client.chat.completions.create(model="gpt-4o", messages=[',
        '        {"role": "system", "content": f"You are terse. {RULES}"},',
        '        {"role": "user", "content": f"{q}!"}])',
      ].join('\n'),
    );
    assert.equal(py.systemPrompt.kind, 'constant');
    assert.deepEqual(
      py.systemPrompt.segments.map((s) => (s.kind === 'static' ? s.text : `{${s.expression}}`)),
      ['You are terse. Answer in one sentence.'],
    );
    const ts = await first(
      [
        "import OpenAI from 'openai';",
        'const openai = new OpenAI();',
        "const SYSTEM = 'Be brief.';",
        "const PREFIX = 'gpt-4o';",
        'export const ask = (q: string) =>',
        "  openai.chat.completions.create({ model: `${PREFIX}-mini`, messages: [{ role: 'system', content: `${SYSTEM} Cite sources.` }, { role: 'user', content: q }] });",
      ].join('\n'),
      'typescript',
    );
    assert.equal(ts.model, 'gpt-4o-mini');
    assert.equal(ts.systemPrompt.kind, 'constant');
    assert.deepEqual(
      ts.systemPrompt.segments.map((s) => (s.kind === 'static' ? s.text : `{${s.expression}}`)),
      ['Be brief. Cite sources.'],
    );
  });

  it('keeps a field with a format spec or conversion dynamic', async () => {
    const call = await first(
      [
        'from openai import OpenAI',
        'client = OpenAI()',
        'N = 3',
        'client.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": f"Give {N!r} items"}])',
      ].join('\n'),
    );
    assert.equal(call.systemPrompt.kind, 'dynamic');
  });

  it('passes through typing.cast and field declarations (pydantic Field, dataclasses.field)', async () => {
    const call = await first(
      [
        'import typing',
        'from dataclasses import dataclass, field',
        'from pydantic import BaseModel, Field',
        'from langchain_openai import ChatOpenAI',
        'class Settings(BaseModel):',
        '    model: str = Field(default="gpt-4.1-mini", description="chat model")',
        '@dataclass',
        'class Limits:',
        '    max_tokens: int = field(default=300)',
        'settings = Settings()',
        'limits = Limits()',
        'llm = ChatOpenAI(model=typing.cast(str, settings.model), max_tokens=limits.max_tokens)',
        'llm.invoke("hi")',
      ].join('\n'),
    );
    assert.equal(model(call), 'gpt-4.1-mini (constant) app:6');
    assert.equal(call.outputLimitValue, 300);
  });

  it('gives environment defaults as env-default, in both languages', async () => {
    const py = await first(
      [
        'import os',
        'from openai import OpenAI',
        'MODEL = os.getenv("CHAT_MODEL", "gpt-4o-mini")',
        'OpenAI().chat.completions.create(model=MODEL, messages=[])',
      ].join('\n'),
    );
    assert.equal(model(py), 'gpt-4o-mini (env-default) app:3');
    const orPy = await first(
      'import os\nimport litellm\nlitellm.completion(model=os.environ.get("LLM") or "claude-haiku-4-5", messages=[])\n',
    );
    assert.equal(model(orPy), 'claude-haiku-4-5 (env-default) app:3');
    const ts = await first(
      "import OpenAI from 'openai';\nconst openai = new OpenAI();\nopenai.chat.completions.create({ model: process.env.MODEL || 'gpt-4.1', messages: [] });\n",
      'typescript',
    );
    assert.equal(model(ts), 'gpt-4.1 (env-default) app:3');
    const bare = await first(
      'import os\nfrom openai import OpenAI\nOpenAI().chat.completions.create(model=os.environ["MODEL"], messages=[])\n',
    );
    assert.equal(model(bare), 'unknown (unresolved)');
  });

  it('splits provider-prefixed names into provider and model', async () => {
    const call = await first(
      'from langchain.chat_models import init_chat_model\nllm = init_chat_model("anthropic:claude-sonnet-4-5")\nllm.invoke("hi")\n',
    );
    assert.equal(call.model, 'claude-sonnet-4-5');
    assert.equal(call.modelProvider, 'anthropic');
  });

  it('never takes a model from a request', async () => {
    const call = await first(
      [
        "import { streamText } from 'ai';",
        "import { openai } from '@ai-sdk/openai';",
        'export async function POST(req: Request) {',
        '  const { model, messages } = await req.json();',
        '  return streamText({ model: openai(model), messages });',
        '}',
      ].join('\n'),
      'typescript',
    );
    assert.equal(model(call), 'unknown (unresolved)');
  });

  it('follows a function whose parameter it returns (`get_config_value(x)`) to the argument', async () => {
    const call = await first(
      [
        'from langchain.chat_models import init_chat_model',
        'DEFAULT = "gpt-4.1"',
        'def get_config_value(value):',
        '    if isinstance(value, str):',
        '        return value',
        '    return value.value',
        'llm = init_chat_model(model=get_config_value(DEFAULT))',
        'llm.invoke("x")',
      ].join('\n'),
    );
    assert.equal(model(call), 'gpt-4.1 (constant) app:2');
  });

  it('takes a parameter from the callers in the file when they all pass the same value, and only then', async () => {
    const one = await first(
      [
        'from langchain_core.language_models import BaseChatModel',
        'from langchain.chat_models import init_chat_model',
        'async def summarize(model: BaseChatModel, text):',
        '    return await model.ainvoke(text)',
        'async def run(pages):',
        '    llm = init_chat_model(model="gpt-4.1-mini").with_retry(stop_after_attempt=2)',
        '    return [await summarize(llm, p) for p in pages]',
      ].join('\n'),
    );
    assert.equal(model(one), 'gpt-4.1-mini (literal) app:6');
    const strings = await first(
      [
        'from openai import OpenAI',
        'client = OpenAI()',
        'def ask(q, model):',
        '    return client.chat.completions.create(model=model, messages=[q])',
        'ask("a", "gpt-4o-mini")',
        'ask(q="b", model="gpt-4o-mini")',
      ].join('\n'),
    );
    assert.equal(model(strings), 'gpt-4o-mini (constant) app:5');
    const disagree = await first(
      'from openai import OpenAI\nclient = OpenAI()\ndef ask(q, model):\n    return client.chat.completions.create(model=model, messages=[q])\nask("a", "gpt-4o-mini")\nask("b", "gpt-4.1")\n',
    );
    assert.equal(model(disagree), 'unknown (unresolved)');
    const fromRequest = await first(
      'from openai import OpenAI\nclient = OpenAI()\ndef ask(q, model):\n    return client.chat.completions.create(model=model, messages=[q])\ndef handler(request):\n    return ask(request.q, request.model)\nask("x", "gpt-4o")\n',
    );
    assert.equal(model(fromRequest), 'unknown (unresolved)');
  });

  it('takes the class an `x or Config()` / `x ?? new Config()` fallback builds for the attribute a method reads', async () => {
    const py = await first(
      [
        'from dataclasses import dataclass',
        'from anthropic import Anthropic',
        '@dataclass',
        'class ModelConfig:',
        '    model: str = "claude-sonnet-4-20250514"',
        'class Agent:',
        '    def __init__(self, config=None):',
        '        self.config = config or ModelConfig()',
        '        self.client = Anthropic()',
        '    def run(self, messages):',
        '        return self.client.messages.create(model=self.config.model, max_tokens=10, messages=messages)',
      ].join('\n'),
    );
    assert.equal(model(py), 'claude-sonnet-4-20250514 (constant) app:5');
    const js = await first(
      [
        "import OpenAI from 'openai';",
        "class Settings { model = 'gpt-4.1-mini'; }",
        'class Agent {',
        '  constructor(settings) { this.settings = settings ?? new Settings(); }',
        '  run(messages) {',
        '    return new OpenAI().chat.completions.create({ model: this.settings.model, messages });',
        '  }',
        '}',
      ].join('\n'),
      'javascript',
    );
    assert.equal(model(js), 'gpt-4.1-mini (constant) app:2');
  });

  it('prices a maker-prefixed name (`openai/gpt-oss-120b`) at the host the client or base URL names, not at the maker', async () => {
    const pricedAt = (call: CallRecord): string => {
      const resolution = resolveModel(call.model ?? '', bundledTable, resolveHintOf(call));
      return resolution.unknown ? 'unknown' : `${resolution.entry.provider} ${resolution.entry.id}`;
    };
    const groqClient = await first(
      'from groq import AsyncGroq\nclient = AsyncGroq()\nclient.chat.completions.create(model="openai/gpt-oss-120b", messages=[])\n',
    );
    assert.equal(groqClient.modelProvider, 'groq');
    assert.equal(pricedAt(groqClient), 'groq openai/gpt-oss-120b');
    const annotated = await first(
      [
        'from groq import AsyncGroq',
        'class Model:',
        '    client: AsyncGroq',
        '    async def ask(self, model_name: str):',
        '        return await self.client.chat.completions.create(model=model_name, messages=[])',
      ].join('\n'),
    );
    assert.equal(annotated.modelProvider, 'groq', 'an unknown model still says which provider it goes to');
    const baseUrl = await first(
      'from openai import OpenAI\nOpenAI(base_url="https://api.together.xyz/v1").chat.completions.create(model="openai/gpt-oss-120b", messages=[])\n',
    );
    assert.equal(pricedAt(baseUrl), 'together openai/gpt-oss-120b');
    const langchain = await first(
      'from langchain_groq import ChatGroq\nChatGroq(model="openai/gpt-oss-120b").invoke("hi")\n',
    );
    assert.equal(pricedAt(langchain), 'groq openai/gpt-oss-120b');
    const gateway = await first(
      'import litellm\nlitellm.completion(model="anthropic/claude-sonnet-4-5", messages=[])\n',
    );
    assert.equal(gateway.modelProvider, 'anthropic', 'with nothing else said, the prefix still names the provider');
  });

  it('says the cloud an AnthropicBedrock / AnthropicVertex client bills through, unless the class is one of several', async () => {
    const bedrock = await first(
      'from anthropic import AnthropicBedrock\nclient = AnthropicBedrock(aws_region="us-west-2")\nclient.messages.create(model=MODEL, max_tokens=9, messages=[])\n',
    );
    assert.equal(bedrock.modelProvider, 'bedrock');
    const vertex = await first(
      'from anthropic import AsyncAnthropicVertex\ndef ask(client: AsyncAnthropicVertex):\n    return client.messages.create(model=MODEL, max_tokens=9, messages=[])\n',
    );
    assert.equal(vertex.modelProvider, 'google');
    const either = await first(
      [
        'from anthropic import Anthropic, AnthropicBedrock',
        'def ask(provider):',
        '    if provider == "anthropic":',
        '        client = Anthropic()',
        '    else:',
        '        client = AnthropicBedrock()',
        '    return client.messages.create(model=MODEL, max_tokens=9, messages=[])',
      ].join('\n'),
    );
    assert.equal(either.modelProvider, undefined);
    const union = await first(
      'import anthropic\ndef ask(client: anthropic.AnthropicVertex | anthropic.Anthropic):\n    return client.messages.create(model=MODEL, max_tokens=9, messages=[])\n',
    );
    assert.equal(union.modelProvider, undefined);
  });
});
