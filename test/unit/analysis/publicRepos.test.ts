import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { analyze, mentionsLlmSdk } from '../../../src/core/analysis/analyze';
import { mayHoldCandidates } from '../../../src/core/analysis/candidates';
import { withModelCandidates } from '../../../src/core/analysis/modelCandidates';
import type { CallRecord, LanguageId } from '../../../src/core/analysis/types';
import { ParserHost } from '../../../src/core/parsing/host';
import { MemoryWorkspace } from '../../support/memoryFiles';
import { wasmDir } from '../helpers/paths';
import { applied, check, disposeHost, only } from '../rules/helpers';

// Call shapes met in public repositories (named per case) that the analyser misread.

const host = new ParserHost(wasmDir);
after(() => {
  host.dispose();
  disposeHost();
});

/** The prompt's text, segment by segment (a dynamic part as its expression). */
function promptText(call: CallRecord): string[] {
  return call.messages.flatMap((m) => m.segments.map((s) => (s.kind === 'static' ? s.text : `{${s.expression}}`)));
}

async function calls(text: string, languageId: LanguageId = 'python'): Promise<CallRecord[]> {
  return (await analyze(text, languageId, 'x', host)).calls;
}

/** Each Python call's line and whether its settings are all in sight, and the lines found missing an output limit. */
async function settingsInSight(text: string): Promise<{ complete: [number, boolean][]; missingLimit: number[] }> {
  const { calls: found, findings } = await check(text, 'python');
  return {
    complete: found.map((c) => [c.line, c.sites.complete]),
    missingLimit: only(findings, 'missing-output-limit').map((f) => f.line),
  };
}

describe('call shapes from public repositories', () => {
  it("reads the Gemini Interactions API's input as the prompt and its agent as the model (gemini cookbook)", async () => {
    const text = [
      'from google import genai',
      'client = genai.Client()',
      'MODEL_ID = "gemini-2.5-flash"',
      'AGENT = "deep-research-pro-preview-12-2025"',
      'a = client.interactions.create(model=MODEL_ID, input="Give me python code to sort a list")',
      'b = client.interactions.create(agent=AGENT, input="Research the history of TPUs.", background=True)',
      'def ask(name):',
      '    return client.interactions.create(model=name, input="Hi")',
      'def research(name):',
      '    return client.interactions.create(agent=name, input="Hi")',
      '',
    ].join('\n');
    const [plain, agent, modelCall, agentCall] = withModelCandidates(await calls(text));
    assert.ok(plain && agent);
    assert.equal(plain.model, 'gemini-2.5-flash');
    assert.deepEqual(promptText(plain), ['Give me python code to sort a list']);
    assert.equal(agent.model, 'deep-research-pro-preview-12-2025');
    assert.equal(agent.modelVia, 'constant');
    assert.deepEqual(promptText(agent), ['Research the history of TPUs.']);
    // An agent is no candidate for a model, nor a model for an agent.
    assert.deepEqual(modelCall?.modelCandidates, ['gemini-2.5-flash']);
    assert.deepEqual(agentCall?.modelCandidates, ['deep-research-pro-preview-12-2025']);
  });

  it("counts instructor's methods on the client it wraps, as that SDK's chat call (instructor's tests and docs)", async () => {
    const ask = 'response_model=User, max_tokens=100, messages=[{"role": "user", "content": "hi"}]';
    const text = [
      'import instructor',
      'from openai import OpenAI',
      'from anthropic import Anthropic',
      'oai = instructor.from_openai(OpenAI())',
      `a = oai.create(model="gpt-4o-mini", ${ask})`,
      `b = oai.chat.completions.create(model="gpt-4o-mini", ${ask})`,
      'claude = instructor.from_anthropic(Anthropic())',
      `c = claude.chat.completions.create(model="claude-3-5-haiku-latest", ${ask})`,
      `d = claude.create_with_completion(model="claude-3-5-haiku-latest", ${ask})`,
      `e = claude.messages.create(model="claude-3-5-haiku-latest", ${ask})`,
      'def test_it(client):',
      '    client = instructor.from_anthropic(client)',
      `    return client.chat.completions.create(model="claude-3-5-haiku-latest", ${ask})`,
      'from mistralai import Mistral',
      'm = instructor.from_mistral(client=Mistral(), model="mistral-large-latest", max_tokens=1000)',
      'f = m.messages.create(response_model=User, messages=[{"role": "user", "content": "Jason is 10"}])',
      '',
    ].join('\n');
    const found = (await calls(text)).map((c) => `${c.line} ${c.sdk} ${c.api} ${c.model} ${c.outputLimitParam}`);
    assert.deepEqual(found, [
      '5 openai chat.completions.create gpt-4o-mini max_tokens',
      '6 openai chat.completions.create gpt-4o-mini max_tokens',
      '8 anthropic messages.create claude-3-5-haiku-latest max_tokens',
      '9 anthropic messages.create claude-3-5-haiku-latest max_tokens',
      '10 anthropic messages.create claude-3-5-haiku-latest max_tokens',
      '13 anthropic messages.create claude-3-5-haiku-latest max_tokens',
      '16 mistral chat.complete mistral-large-latest max_tokens',
    ]);
    // instructor's own names on a Gemini client: the prompt is in `messages`, as on any client it wraps.
    const gemini = await calls(
      [
        'import instructor',
        'def test_it(client):',
        '    client = instructor.from_genai(client)',
        '    return client.chat.completions.create(model="gemini-2.5-flash", response_model=User, max_tokens=99,',
        '        messages=[{"role": "user", "content": "Jason is 10"}])',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      gemini.map((c) => [c.sdk, c.api, c.model, c.outputLimitValue, promptText(c)]),
      [['google', 'generate_content', 'gemini-2.5-flash', 99, ['Jason is 10']]],
    );
  });

  it("counts an AI SDK agent's generate and stream, with the agent's settings (vercel/ai examples)", async () => {
    const text = [
      "import { openai } from '@ai-sdk/openai';",
      "import { ToolLoopAgent, Experimental_Agent as Agent } from 'ai';",
      'const agent = new ToolLoopAgent({',
      "  model: openai('gpt-5-mini'),",
      "  instructions: 'You are a helpful assistant. Use the weather tool.',",
      '  maxOutputTokens: 1000,',
      '});',
      "const a = await agent.generate({ prompt: 'What is the weather in San Francisco?' });",
      "const b = agent.stream({ prompt: 'And in Berlin?' });",
      "const old = new Agent({ model: openai('gpt-4.1'), system: 'Be brief.' });",
      "const c = await old.generate({ prompt: 'Hi' });",
      'const job = { generate: (x: unknown) => x };',
      "job.generate({ prompt: 'not a call' });",
      '',
    ].join('\n');
    const found = (await calls(text, 'typescript')).map((c) => [
      c.line,
      c.api,
      c.model,
      c.outputLimitValue,
      c.stream,
      c.systemPrompt.kind,
      promptText(c),
    ]);
    assert.deepEqual(found, [
      [8, 'generateText', 'gpt-5-mini', 1000, false, 'literal', ['What is the weather in San Francisco?']],
      [9, 'streamText', 'gpt-5-mini', 1000, true, 'literal', ['And in Berlin?']],
      [11, 'generateText', 'gpt-4.1', null, false, 'literal', ['Hi']],
    ]);
  });

  it('takes the model a Vercel AI SDK middleware wraps (wrapLanguageModel, in vercel/ai examples)', async () => {
    const text = [
      "import { fireworks } from '@ai-sdk/fireworks';",
      "import { openai } from '@ai-sdk/openai';",
      "import { extractReasoningMiddleware, generateText, streamText, wrapLanguageModel } from 'ai';",
      'const reasoning = wrapLanguageModel({',
      "  model: fireworks('accounts/fireworks/models/deepseek-r1') as LanguageModel,",
      "  middleware: extractReasoningMiddleware({ tagName: 'think' }),",
      '});',
      "const a = streamText({ model: wrapLanguageModel({ model: openai('gpt-4o-mini'), middleware: [] }), prompt: 'Hi' });",
      "const b = await generateText({ model: reasoning, prompt: 'Hi' });",
      '',
    ].join('\n');
    const found = (await calls(text, 'typescript')).map((c) => [c.line, c.model, c.modelVia]);
    assert.deepEqual(found, [
      [8, 'gpt-4o-mini', 'literal'],
      [9, 'accounts/fireworks/models/deepseek-r1', 'constant'],
    ]);
  });

  it("counts Mistral's Conversations and Agents APIs and the pre-1.0 client's chat_stream and embeddings (mistral cookbook)", async () => {
    const text = [
      'from mistralai import Mistral',
      'from mistralai.client import MistralClient',
      'client = Mistral(api_key="k")',
      'r = client.beta.conversations.start(model="mistral-medium-latest", inputs="Who won?", instructions="Be brief.")',
      's = client.beta.conversations.start_stream(model="mistral-medium-latest", inputs="Hi", completion_args={"temperature": 0.3})',
      't = client.beta.conversations.append(conversation_id=r.conversation_id, inputs="And before?")',
      'u = client.agents.complete(agent_id="ag:123", messages=[{"role": "user", "content": "hi"}])',
      'cli = MistralClient(api_key="k")',
      'for chunk in cli.chat_stream(model="open-mistral-7b", messages=[], max_tokens=1024):',
      '    pass',
      'e = cli.embeddings(model="mistral-embed", input=["a", "b"])',
      'class Db:',
      '    def embeddings(self, text): return text',
      'Db().embeddings("not a call")',
      '',
    ].join('\n');
    const { calls: found, findings } = await check(text, 'python');
    assert.deepEqual(
      found.map((c) => [c.line, c.api, c.model, c.stream, c.outputLimitValue, c.systemPrompt.kind]),
      [
        [4, 'conversations', 'mistral-medium-latest', false, null, 'literal'],
        [5, 'conversations', 'mistral-medium-latest', true, null, 'none'],
        [6, 'conversations', null, false, null, 'none'],
        [7, 'agents.complete', null, false, null, 'none'],
        [9, 'chat.stream', 'open-mistral-7b', true, 1024, 'none'],
        [11, 'embeddings', 'mistral-embed', false, null, 'none'],
      ],
    );
    // A conversation's limit goes in completion_args, which the call may not have yet.
    const fixed = only(findings, 'missing-output-limit').map((f) => {
      const fix = f.fixes[0];
      return fix ? applied(text, fix).split('\n')[f.line - 1] : null;
    });
    assert.match(fixed[0] ?? '', /instructions="Be brief.", completion_args=\{"max_tokens": \d+\}\)$/);
    assert.match(fixed[1] ?? '', /completion_args=\{"temperature": 0.3, "max_tokens": \d+\}\)$/);
  });

  it('looks for common names (start, append) only after conversations., so list appends do not make a file parsed', () => {
    const lists = 'import mistralai\nitems = []\nitems.append(1)\nthread.start()\n';
    assert.equal(mayHoldCandidates(lists, true), false);
    assert.equal(mayHoldCandidates(`${lists}r = client.beta.conversations.append(inputs="x")\n`, true), true);
    assert.equal(mayHoldCandidates(`${lists}r = client.beta.conversations\n    .start(inputs="x")\n`, true), true);
  });

  it("adds the Interactions API's limit as generation_config.max_output_tokens, its only place (gemini cookbook)", async () => {
    const python = [
      'from google import genai',
      'client = genai.Client()',
      'r = client.interactions.create(model="gemini-2.5-flash", input="Tell me a joke")',
      '',
    ].join('\n');
    const typescript = [
      "import { GoogleGenAI } from '@google/genai';",
      'const ai = new GoogleGenAI({});',
      "const r = await ai.interactions.create({ model: 'gemini-2.5-flash', input: 'Tell me a joke' });",
      '',
    ].join('\n');
    for (const [text, languageId, written] of [
      [python, 'python', /input="Tell me a joke", generation_config=\{"max_output_tokens": \d+\}\)$/],
      [typescript, 'typescript', /input: 'Tell me a joke', generation_config: \{ max_output_tokens: \d+ \} \}\);$/],
    ] as const) {
      const [finding] = only((await check(text, languageId)).findings, 'missing-output-limit');
      const fix = finding?.fixes[0];
      assert.ok(fix, languageId);
      assert.match(applied(text, fix).split('\n')[2] ?? '', written);
    }
  });
  it('counts an SDK method handed to a helper with its keyword arguments (to_thread, a retry helper: camel, smolagents)', async () => {
    const text = [
      'import asyncio',
      'from google import genai',
      'from openai import OpenAI',
      'MODEL = "gpt-4o-mini"',
      'class Backend:',
      '    def __init__(self):',
      '        self._client = OpenAI()',
      '        self.gemini = genai.Client()',
      '    def run(self, messages, **config):',
      '        return self._with_retry(self._client.chat.completions.create, model=MODEL, messages=messages, **config)',
      '    async def describe(self, prompt):',
      '        return await asyncio.to_thread(self.gemini.models.generate_content, model="gemini-2.5-flash", contents=prompt)',
      '    def not_requests(self, table, conn, params):',
      '        conn.run_sync(table.create, checkfirst=True)',
      '        signature(self._client.chat.completions.create)',
      '        self._send(self._client.chat.completions.create, params, MODEL)',
      '',
    ].join('\n');
    const found = await calls(text);
    assert.deepEqual(
      found.map((c) => [c.line, c.sdk, c.api, c.model]),
      [
        [10, 'openai', 'chat.completions.create', 'gpt-4o-mini'],
        [12, 'google', 'generate_content', 'gemini-2.5-flash'],
      ],
    );
    // The method handed over is not the prompt: the keyword arguments are the request.
    assert.ok(found[0] && found[1]);
    assert.deepEqual(promptText(found[0]), ['{messages}']);
    assert.deepEqual(promptText(found[1]), ['{prompt}']);
    // Its arguments are passed on, so the limit is added among them (the first call's **config may hold one).
    const [finding] = only((await check(text, 'python')).findings, 'missing-output-limit');
    const fix = finding?.fixes[0];
    assert.ok(fix);
    assert.match(applied(text, fix).split('\n')[11] ?? '', /contents=prompt, config=\{"max_output_tokens": \d+\}\)$/);
    // A file whose only call is such a hand-over is parsed.
    const handedOnly =
      'from openai import OpenAI\nclient = OpenAI()\nr = retry(client.chat.completions.create, **kwargs)\n';
    assert.equal(mayHoldCandidates(handedOnly, true), true);
    // Only a whole name after a dot: not the end of a longer one.
    assert.equal(mayHoldCandidates(handedOnly.replace('.create,', '.recreate,'), true), false);
    assert.equal(mayHoldCandidates(handedOnly.replace('client.chat.completions.create', 'create'), true), false);
  });
  it("counts Together's chat.completions.stream helper (llamacoder) and Anthropic's 2024 beta.tools.messages (firecrawl examples)", async () => {
    const together = [
      "import Together from 'together-ai';",
      "const MODEL = 'meta-llama/Llama-3.3-70B-Instruct-Turbo';",
      'export async function build(plan: string) {',
      '  const together = new Together();',
      '  const stream = together.chat.completions.stream({',
      '    model: MODEL,',
      "    messages: [{ role: 'user', content: plan }],",
      '    max_tokens: 4000,',
      '  });',
      '  return stream.finalContent();',
      '}',
      '',
    ].join('\n');
    const anthropic = [
      "import Anthropic from '@anthropic-ai/sdk';",
      'const anthropic = new Anthropic();',
      'export async function chat(userMessage: string) {',
      '  return anthropic.beta.tools.messages.create({',
      "    model: 'claude-3-haiku-20240307',",
      '    max_tokens: 4096,',
      "    messages: [{ role: 'user', content: userMessage }],",
      '    tools: [],',
      '  });',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(
      (await calls(together, 'typescript')).map((c) => [c.line, c.sdk, c.api, c.stream, c.model, c.outputLimitValue]),
      [[5, 'other', 'chat.completions.stream', true, 'meta-llama/Llama-3.3-70B-Instruct-Turbo', 4000]],
    );
    assert.deepEqual(
      (await calls(anthropic, 'typescript')).map((c) => [c.line, c.sdk, c.api, c.model, c.features.tools]),
      [[4, 'anthropic', 'messages.create', 'claude-3-haiku-20240307', true]],
    );
  });
  it("takes a model factory's options as the model's settings (makeChatOpenAI(config, { model }), CopilotKit showcase)", async () => {
    const text = [
      "import { ChatOpenAI } from '@langchain/openai';",
      'function makeModel(config: unknown, opts: Record<string, unknown> = {}): ChatOpenAI {',
      '  return new ChatOpenAI({ ...opts, configuration: { defaultHeaders: {} } });',
      '}',
      'export async function chatNode(state: { messages: string[] }, config: unknown) {',
      "  const model = makeModel(config, { temperature: 0, model: 'gpt-4o-mini' });",
      '  return model.invoke(state.messages, config);',
      '}',
      '',
    ].join('\n');
    const [call] = await calls(text, 'typescript');
    assert.equal(call?.model, 'gpt-4o-mini');
    // The missing limit is added where the options are written, which the factory spreads into the model.
    const [finding] = only((await check(text, 'typescript')).findings, 'missing-output-limit');
    const fix = finding?.fixes[0];
    assert.ok(fix);
    assert.match(applied(text, fix), /model: 'gpt-4o-mini', maxTokens: \d+ \}\);/);
  });
  it('does not call a limit missing when the request body holding it is not shown (Bedrock invoke_model, pydantic-ai)', async () => {
    const text = [
      'import json',
      'import boto3',
      'client = boto3.client("bedrock-runtime")',
      'MODEL = "anthropic.claude-3-haiku-20240307-v1:0"',
      'def shown(prompt):',
      '    body = {"anthropic_version": "bedrock-2023-05-31", "messages": [{"role": "user", "content": prompt}]}',
      '    return client.invoke_model(modelId=MODEL, body=json.dumps(body))',
      'def passed_in(request: dict):',
      '    return client.invoke_model(modelId=MODEL, body=json.dumps(request))',
      '',
    ].join('\n');
    assert.deepEqual(await settingsInSight(text), {
      complete: [
        [7, true],
        [9, false],
      ],
      missingLimit: [7],
    });
  });
  it("takes a default-imported client as the class its package exports (together-ai's Together, not Groq: llamacoder)", async () => {
    const text = [
      "import Together from 'together-ai';",
      'export async function title(text: string) {',
      '  const together = new Together();',
      '  return together.chat.completions.create({',
      "    model: 'Qwen/Qwen3-235B-A22B-Instruct-2507-FP8',",
      "    messages: [{ role: 'user', content: text }],",
      '    max_tokens: 24,',
      '  });',
      '}',
      '',
    ].join('\n');
    const [call] = await calls(text, 'typescript');
    assert.equal(call?.modelProvider, 'together');
    // An unknown model is compared with Together's catalogue, not Groq's.
    const [finding] = only((await check(text, 'typescript')).findings, 'unknown-model');
    assert.match(finding?.message ?? '', /Qwen\/Qwen3-235B-A22B-Instruct-2507-tput/);
  });
  it('follows a name past a branch that normalises it from itself (if m.startswith("models/"): m = ..., agno)', async () => {
    const text = [
      'from google import genai',
      'client = genai.Client()',
      'class Embedder:',
      '    id: str = "gemini-embedding-001"',
      '    def embed(self, text):',
      '        _id = self.id',
      '        if _id.startswith("models/"):',
      '            _id = _id.split("/")[-1]',
      '        return client.models.embed_content(model=_id, contents=text)',
      'def reassigned(text, other):',
      '    m = "gemini-embedding-001"',
      '    if other:',
      '        m = other',
      '    return client.models.embed_content(model=m, contents=text)',
      '',
    ].join('\n');
    assert.deepEqual(
      (await calls(text)).map((c) => [c.line, c.model]),
      [
        [9, 'gemini-embedding-001'],
        // A branch that sets another value entirely is not seen past.
        [14, null],
      ],
    );
  });

  it('counts a call on an SDK module a loader imports by name (require("litellm") in a lazy helper, dspy)', async () => {
    const text = [
      'import importlib',
      'from .lazy import require',
      'def _get_litellm():',
      '    litellm = require("litellm", extra="litellm", feature="lm")',
      '    return litellm',
      'def ask(prompt):',
      '    return _get_litellm().completion(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])',
      'def embed(text):',
      '    return importlib.import_module("litellm").embedding(model="text-embedding-3-small", input=[text])',
      'def not_an_sdk(prompt):',
      '    return require("litellm_proxy_helpers").completion(model="gpt-4o-mini", messages=[])',
      '',
    ].join('\n');
    assert.deepEqual(
      (await calls(text)).map((c) => [c.line, c.sdk, c.api, c.model]),
      [
        [7, 'litellm', 'completion', 'gpt-4o-mini'],
        [9, 'litellm', 'embeddings', 'text-embedding-3-small'],
      ],
    );
  });

  it('takes a dict(...) copy of a mapping the code does not show as settings out of sight (dspy request = dict(request))', async () => {
    const text = [
      'import litellm',
      'def forward(request):',
      '    request = dict(request)',
      '    return litellm.completion(num_retries=3, **request)',
      'def shown(prompt):',
      '    base = {"model": "gpt-4o-mini"}',
      '    request = dict(base, messages=[{"role": "user", "content": prompt}])',
      '    return litellm.completion(**request)',
      '',
    ].join('\n');
    assert.deepEqual(await settingsInSight(text), {
      complete: [
        [4, false],
        [8, true],
      ],
      missingLimit: [8],
    });
  });

  it("reads a file that calls Mistral's chat API on a client a compatibility module re-exports (agno)", async () => {
    const model = [
      'from myapp.compat import Client',
      'class Chat:',
      '    id: str = "mistral-small-latest"',
      '    def get_client(self) -> Client:',
      '        return Client(api_key="k")',
      '    def ask(self, messages):',
      '        return self.get_client().chat.complete(model=self.id, messages=messages)',
      '    def stream(self, messages):',
      '        return self.get_client().chat.stream(model=self.id, messages=messages)',
      '    async def ask_async(self, messages):',
      '        return await self.get_client().chat.complete_async(model=self.id, messages=messages)',
      '',
    ].join('\n');
    // The file names no SDK: only the call's shape and an import of the project's own code let it through.
    assert.ok(mentionsLlmSdk(model));
    const workspace = new MemoryWorkspace(
      {
        'myapp/__init__.py': '',
        'myapp/compat.py': [
          'import importlib.metadata',
          'VERSION = int(importlib.metadata.version("mistralai").split(".")[0])',
          'if VERSION >= 2:',
          '    from mistralai.client import Mistral as Client',
          'else:',
          '    from mistralai import Mistral as Client',
          '',
        ].join('\n'),
        'myapp/chat.py': model,
      },
      host,
    );
    assert.deepEqual(
      (await workspace.calls('myapp/chat.py')).map((c) => [c.line, c.sdk, c.api, c.stream, c.model]),
      [
        [7, 'mistral', 'chat.complete', false, 'mistral-small-latest'],
        [9, 'mistral', 'chat.stream', true, 'mistral-small-latest'],
        [11, 'mistral', 'chat.complete', false, 'mistral-small-latest'],
      ],
    );
  });

  it('reads the entries a helper adds to the dict it returns (params["max_tokens"] = ... before return params, agno)', async () => {
    const text = [
      'from mistralai import Mistral',
      'class Chat:',
      '    max_tokens = None',
      '    def request_params(self):',
      '        params = {}',
      '        if self.max_tokens is not None:',
      '            params["max_tokens"] = self.max_tokens',
      '        return params',
      '    def ask(self, messages):',
      '        client = Mistral(api_key="k")',
      '        return client.chat.complete(model="mistral-small-latest", messages=messages, **self.request_params())',
      '',
    ].join('\n');
    const { calls: found, findings } = await check(text, 'python');
    assert.deepEqual(
      found.map((c) => [c.line, c.sites.outputLimit?.name ?? null]),
      [[11, 'max_tokens']],
    );
    // The limit is the caller's to set: adding max_tokens=... beside the spread would pass it twice.
    assert.deepEqual(only(findings, 'missing-output-limit'), []);
  });

  it('takes a dict updated from a mapping the code does not show as settings out of sight (data.update(...), dspy)', async () => {
    const text = [
      'import litellm',
      'from .config import config_kwargs',
      'def request_for(model, messages, config):',
      '    data = {"model": model, "messages": messages}',
      '    data.update(config_kwargs(config))',
      '    return data',
      'def shown_for(model, messages):',
      '    data = {"model": model, "messages": messages}',
      '    data.update({"temperature": 0})',
      '    return data',
      'def ask(messages, config):',
      '    return litellm.completion(**request_for("gpt-4o-mini", messages, config))',
      'def ask_shown(messages):',
      '    return litellm.completion(**shown_for("gpt-4o-mini", messages))',
      '',
    ].join('\n');
    assert.deepEqual(await settingsInSight(text), {
      complete: [
        [12, false],
        [14, true],
      ],
      missingLimit: [14],
    });
  });

  it('reads the entries a helper adds to the dict it returns, and a dict(...) copy of an unseen mapping as out of sight (simonw/llm)', async () => {
    const text = [
      'from typing import Any',
      'from openai import OpenAI',
      'def build(opts):',
      '    kwargs: dict[str, Any] = {}',
      '    if opts.max_tokens is not None:',
      '        kwargs["max_output_tokens"] = opts.max_tokens',
      '    return kwargs',
      'def finalize(opts):',
      '    kwargs = build(opts)',
      '    kwargs["store"] = False',
      '    return kwargs',
      'def with_extras(opts):',
      '    kwargs = {"temperature": 0}',
      '    kwargs.update(dict(not_nulls(opts)))',
      '    return kwargs',
      'def with_shown_extras():',
      '    kwargs = {"temperature": 0}',
      '    kwargs.update(dict(top_p=1))',
      '    return kwargs',
      'def ask(opts):',
      '    kwargs = finalize(opts)',
      '    return OpenAI().responses.create(model="gpt-4o", input="hi", **kwargs)',
      'def ask_extras(opts):',
      '    kwargs = with_extras(opts)',
      '    return OpenAI().responses.create(model="gpt-4o", input="hi", **kwargs)',
      'def ask_shown():',
      '    kwargs = with_shown_extras()',
      '    return OpenAI().responses.create(model="gpt-4o", input="hi", **kwargs)',
      '',
    ].join('\n');
    const { calls: found } = await check(text, 'python');
    // Two helpers deep, the limit the first one adds is seen: a fix adding max_output_tokens beside **kwargs would
    // pass it twice (TypeError) whenever the user sets a limit.
    assert.deepEqual(
      found.map((c) => [c.line, c.sites.outputLimit?.name ?? null]),
      [
        [22, 'max_output_tokens'],
        [25, null],
        [28, null],
      ],
    );
    assert.deepEqual(await settingsInSight(text), {
      complete: [
        [22, true],
        [25, false],
        [28, true],
      ],
      missingLimit: [28],
    });
  });

  it("does not ask a batch job for an output limit: each request carries its own (instructor's batch CLI)", async () => {
    const text = [
      'from anthropic import Anthropic',
      'client = Anthropic()',
      'def submit(path):',
      '    requests = [eval(line) for line in open(path)]',
      '    return client.beta.messages.batches.create(requests=requests)',
      'def ask(q):',
      '    return client.messages.create(model="claude-haiku-4-5", messages=[{"role": "user", "content": q}])',
      '',
    ].join('\n');
    const { calls: found, findings } = await check(text, 'python');
    assert.deepEqual(
      found.map((c) => [c.line, c.api]),
      [
        [5, 'messages.batches.create'],
        [7, 'messages.create'],
      ],
    );
    // `batches.create(requests=..., max_tokens=2048)` is a TypeError; only the single request is told.
    assert.deepEqual(
      only(findings, 'missing-output-limit').map((f) => [
        f.line,
        f.message.startsWith('No max_tokens: the Anthropic API rejects'),
      ]),
      [[7, true]],
    );
  });

  it('offers no limit fix on a Gemini model or client instructor wraps (instructor tests)', async () => {
    const text = [
      'import instructor',
      'import google.generativeai as genai',
      'from google import genai as gg',
      'def legacy(q, Answer):',
      '    client = instructor.from_gemini(client=genai.GenerativeModel(model_name="gemini-2.0-flash"))',
      '    return client.create(response_model=Answer, messages=[{"role": "user", "content": q}])',
      'def current(q, Answer):',
      '    client = instructor.from_genai(gg.Client())',
      '    return client.chat.completions.create(model="gemini-2.0-flash", response_model=Answer, messages=[{"role": "user", "content": q}])',
      'def direct(q):',
      '    return genai.GenerativeModel(model_name="gemini-2.0-flash").generate_content(q)',
      '',
    ].join('\n');
    const { findings } = await check(text, 'python');
    // from_gemini(..., config=...) is no parameter of instructor's; from_genai's create replaces `config` with its own.
    assert.deepEqual(
      only(findings, 'missing-output-limit').map((f) => [f.line, f.fixes.map((fix) => fix.title)]),
      [
        [6, []],
        [9, []],
        [11, ['Add max_output_tokens=2048 (sized for a general task)']],
      ],
    );
  });

  it("sizes a reasoning call's new limit for the reasoning its effort is expected to spend, plus the answer (openai-agents-python docs script)", async () => {
    const text = [
      'from openai import OpenAI',
      'client = OpenAI()',
      'def translate(chunk):',
      '    return client.responses.create(model="gpt-5", reasoning={"effort": "high"}, input=chunk)',
      'def classify(chunk):',
      '    return client.responses.create(model="gpt-5", reasoning={"effort": "low"}, input=chunk)',
      '',
    ].join('\n');
    const { findings } = await check(text, 'python');
    // High effort: 6,000 reasoning tokens expected (llmCostLens.reasoningTokens) + 2,048 for the answer, rounded up
    // to 8,192; 4,096 would leave no room for the answer. Low: 1,000 + 2,048 is under the 4,096 minimum.
    assert.deepEqual(
      only(findings, 'missing-output-limit').map((f) => [f.line, f.fixes[0]?.title]),
      [
        [4, 'Add max_output_tokens=8192 (sized for a general task and the reasoning before it)'],
        [6, 'Add max_output_tokens=4096 (sized for a general task and the reasoning before it)'],
      ],
    );
  });

  it('tells an audio model from a typo: no text model is offered in its place (instructor example, gpt-4o-audio-preview)', async () => {
    const text = [
      'from openai import OpenAI',
      'client = OpenAI()',
      'def hear(clip):',
      '    return client.chat.completions.create(model="gpt-4o-audio-preview", modalities=["text"], messages=clip, max_tokens=50)',
      'def typo(q):',
      '    return client.chat.completions.create(model="gpt-4o-mnii", messages=[{"role": "user", "content": q}], max_tokens=50)',
      '',
    ].join('\n');
    const findings = only((await check(text, 'python')).findings, 'unknown-model');
    assert.deepEqual(
      findings.map((f) => [f.line, f.severity, f.fixes.length]),
      [
        [4, 'info', 0],
        [6, 'warning', 1],
      ],
    );
    assert.match(
      findings[0]?.message ?? '',
      /'gpt-4o-audio-preview' is an audio or realtime model: the price table prices text/,
    );
    assert.equal(findings[1]?.fixes[0]?.title, "Change the model to 'gpt-4o-mini'");
  });

  it("takes a loop counting attempts around a try that leaves on success as no loop: the batch API is no answer to retries (gpt-pilot's templates)", async () => {
    const python = [
      'import time',
      'from openai import OpenAI',
      'client = OpenAI()',
      'def get_embedding(text):',
      '    for idx in range(3):',
      '        try:',
      '            return client.embeddings.create(input=[text], model="text-embedding-3-small")',
      '        except Exception:',
      '            time.sleep(5)',
      'def embed_rows(texts):',
      '    for i in range(len(texts)):',
      '        try:',
      '            client.embeddings.create(input=[texts[i]], model="text-embedding-3-small")',
      '        except Exception:',
      '            pass',
      'def embed_all(texts):',
      '    for text in texts:',
      '        for _ in range(3):',
      '            try:',
      '                client.embeddings.create(input=[text], model="text-embedding-3-small")',
      '                break',
      '            except Exception:',
      '                time.sleep(1)',
      'def sample(q):',
      '    for _ in range(3):',
      '        client.embeddings.create(input=[q], model="text-embedding-3-small")',
      'def images(prompt, n):',
      '    made = []',
      '    for i in range(n):',
      '        try:',
      '            made.append(client.embeddings.create(input=[prompt], model="text-embedding-3-small"))',
      '        except Exception:',
      '            continue',
      '    return made',
      '',
    ].join('\n');
    // The last one makes n answers, one after the other: no `return` or `break` once a call succeeds.
    assert.deepEqual(
      (await calls(python)).map((c) => [c.line, c.loopKind]),
      [
        [7, null],
        [13, 'for'],
        [20, 'for'],
        [26, 'for'],
        [31, 'for'],
      ],
    );
    const typescript = [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      'export async function embed(text: string) {',
      '  for (let attempt = 0; attempt < 3; attempt++) {',
      '    try {',
      "      return await client.embeddings.create({ input: text, model: 'text-embedding-3-small' });",
      '    } catch {}',
      '  }',
      '}',
      'export async function rows(texts: string[]) {',
      '  for (let i = 0; i < texts.length; i++) {',
      '    try {',
      "      await client.embeddings.create({ input: texts[i], model: 'text-embedding-3-small' });",
      '    } catch {}',
      '  }',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(
      (await calls(typescript, 'typescript')).map((c) => [c.line, c.loopKind]),
      [
        [6, null],
        [13, 'for'],
      ],
    );
  });

  it("takes a fallback for an empty argument as no prompt: the callers' text is (MetaGPT's get_embedding)", async () => {
    const text = [
      'from openai import OpenAI',
      'client = OpenAI()',
      'def get_embedding(text):',
      '    text = text.replace("\\n", " ")',
      '    if not text:',
      '        text = "this is blank"',
      '    return client.embeddings.create(input=[text], model="text-embedding-3-small")',
      'def ask(q=None):',
      '    if q is None:',
      '        q = "Say hello."',
      '    return client.chat.completions.create(model="gpt-4o-mini", max_tokens=50, messages=[{"role": "user", "content": q}])',
      'def tagged(q):',
      '    if q.startswith("#"):',
      '        q = "Tag this."',
      '    return client.chat.completions.create(model="gpt-4o-mini", max_tokens=50, messages=[{"role": "user", "content": q}])',
      'def replaced(q):',
      '    if not q:',
      '        pass',
      '    else:',
      '        q = "Replaced."',
      '    return client.chat.completions.create(model="gpt-4o-mini", max_tokens=50, messages=[{"role": "user", "content": q}])',
      '',
    ].join('\n');
    // A parameter with a default of None takes the fallback as its default, like `q = q or "Say hello."`; a branch
    // on something else than emptiness is not a fallback.
    assert.deepEqual(
      (await calls(text)).map((c) => [c.line, promptText(c)]),
      [
        [7, ['{text}']],
        [11, ['Say hello.']],
        [15, ['Tag this.']],
        // Set in the `else` of the emptiness test: when the argument is not empty, so no fallback.
        [21, ['Replaced.']],
      ],
    );
  });

  it('reads a factory whose branches build models differently: shared settings only, and a fix on each (pr-agent)', async () => {
    const factory = (azure: string, plain: string): string =>
      [
        'from langchain_openai import AzureChatOpenAI, ChatOpenAI',
        'def make_llm(azure):',
        '    if azure:',
        `        return AzureChatOpenAI(${azure})`,
        `    return ChatOpenAI(${plain})`,
        'def ask(q):',
        '    return make_llm(False).invoke(q)',
        '',
      ].join('\n');
    // The same settings in both: known, as before.
    const same = await check(factory('model="gpt-4o", max_tokens=300', 'model="gpt-4o", max_tokens=300'), 'python');
    assert.deepEqual(
      same.calls.map((c) => [c.model, c.outputLimitValue, c.sites.complete]),
      [['gpt-4o', 300, true]],
    );
    // Another model and a limit in one branch only: neither is the call's; the models are its candidates.
    const differ = await check(factory('model="gpt-4o", max_tokens=300', 'model="gpt-4o-mini"'), 'python');
    assert.deepEqual(
      differ.calls.map((c) => [c.model, c.modelCandidates, c.outputLimit, c.sites.complete]),
      [[null, ['gpt-4o', 'gpt-4o-mini'], false, false]],
    );
    assert.deepEqual(only(differ.findings, 'missing-output-limit'), []);
    // No limit in either: the fix writes it in both constructors, not only the first.
    const text = factory('model="gpt-4o"', 'model="gpt-4o-mini"');
    const none = await check(text, 'python');
    const [fix] = only(none.findings, 'missing-output-limit')[0]?.fixes ?? [];
    assert.ok(fix);
    assert.equal(
      applied(text, fix),
      factory('model="gpt-4o", max_tokens=2048', 'model="gpt-4o-mini", max_tokens=2048'),
    );
  });

  it("prices a history grown in a loop a constant bounds for the loop's turns, not 10 and 50 (babyagi's react agent)", async () => {
    const python = [
      'import litellm',
      'def react(task):',
      '    chat = [{"role": "user", "content": task}]',
      '    max_iterations = 5',
      '    iteration = 0',
      '    while iteration < max_iterations:',
      '        iteration += 1',
      '        r = litellm.completion(model="gpt-4o", messages=chat, max_tokens=300)',
      '        chat.append({"role": "assistant", "content": r.choices[0].message.content})',
      'def steps(task):',
      '    chat = [{"role": "user", "content": task}]',
      '    for _ in range(3):',
      '        r = litellm.completion(model="gpt-4o", messages=chat, max_tokens=300)',
      '        chat.append({"role": "assistant", "content": r.choices[0].message.content})',
      'def endless(task, inputs):',
      '    chat = [{"role": "user", "content": task}]',
      '    for line in inputs:',
      '        chat.append({"role": "user", "content": line})',
      '        litellm.completion(model="gpt-4o", messages=chat, max_tokens=300)',
      '',
    ].join('\n');
    const { calls: found, findings } = await check(python, 'python');
    assert.deepEqual(
      found.map((c) => [c.line, c.history?.per, c.history?.maxTurns]),
      [
        [8, 'loop', 5],
        [13, 'loop', 3],
        [19, 'loop', undefined],
      ],
    );
    const messages = only(findings, 'growing-history').map((f) => f.message);
    assert.match(
      messages[0] ?? '',
      /the loop runs at most 5 times, and its 5 calls cost \$[\d.]+, \$[\d.]+ of it for earlier turns sent again/,
    );
    assert.match(messages[2] ?? '', /a conversation of 10 turns costs/);
    const typescript = [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      'export async function run(task: string) {',
      "  const chat: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: task }];",
      '  for (let i = 0; i <= 3; i++) {',
      "    const r = await client.chat.completions.create({ model: 'gpt-4o', messages: chat, max_tokens: 300 });",
      "    chat.push({ role: 'assistant', content: r.choices[0].message.content ?? '' });",
      '  }',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(
      (await calls(typescript, 'typescript')).map((c) => c.history?.maxTurns),
      [4],
    );
  });

  it("takes a request's settings from a parameter known only by its default as out of sight (model_kwargs: dict = {}, khoj)", async () => {
    const text = [
      'from openai import OpenAI',
      'client = OpenAI()',
      'MAX_COMPLETION_TOKENS = 16000',
      'def ask(messages, model_kwargs: dict = {}):',
      '    model_kwargs["max_completion_tokens"] = model_kwargs.get("max_completion_tokens", MAX_COMPLETION_TOKENS)',
      '    return client.chat.completions.create(model="gpt-4o", messages=messages, **model_kwargs)',
      'def ask_or(messages, model_kwargs: dict = None):',
      '    model_kwargs = model_kwargs or {}',
      '    return client.chat.completions.create(model="gpt-4o", messages=messages, **model_kwargs)',
      'def ask_local(messages):',
      '    model_kwargs = {"temperature": 0}',
      '    return client.chat.completions.create(model="gpt-4o", messages=messages, **model_kwargs)',
      '',
    ].join('\n');
    assert.deepEqual(await settingsInSight(text), {
      complete: [
        [6, false],
        [9, false],
        [12, true],
      ],
      missingLimit: [12],
    });
    // The entry the function writes into the dict it was passed is read, its own right side not taken as it.
    const [first] = await calls(text, 'python');
    assert.deepEqual([first?.outputLimitParam, first?.outputLimitValue], ['max_completion_tokens', 16000]);
    const options = [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      'export function ask(messages: [], options = {}) {',
      "  return client.chat.completions.create({ model: 'gpt-4o', messages, ...options });",
      '}',
      'export function askOr(messages: [], options?: Record<string, unknown>) {',
      '  const opts = options ?? {};',
      "  return client.chat.completions.create({ model: 'gpt-4o', messages, ...opts });",
      '}',
      '',
    ].join('\n');
    const { calls: found, findings } = await check(options, 'typescript');
    assert.deepEqual(
      found.map((c) => c.sites.complete),
      [false, false],
    );
    assert.deepEqual(only(findings, 'missing-output-limit'), []);
  });

  it('takes a dict updated from an attribute set in several places as settings out of sight (kwargs.update(self.extra_params), aider)', async () => {
    const text = [
      'import litellm',
      'from dataclasses import dataclass',
      'from typing import Optional',
      '@dataclass',
      'class ModelSettings:',
      '    name: str',
      '    extra_params: Optional[dict] = None',
      'class Model(ModelSettings):',
      '    def __init__(self, model):',
      '        self.name = model',
      '        self.defaults = {"temperature": 0}',
      '        if "qwen" in model:',
      '            self.extra_params = {"top_p": 0.8}',
      '    def send(self, messages):',
      '        kwargs = dict(model=self.name, stream=False)',
      '        if self.extra_params:',
      '            kwargs.update(self.extra_params)',
      '        kwargs["messages"] = messages',
      '        return litellm.completion(**kwargs)',
      '    def send_defaults(self, messages):',
      '        kwargs = dict(model=self.name, messages=messages)',
      '        kwargs.update(self.defaults)',
      '        return litellm.completion(**kwargs)',
      '    def send_spread(self, messages):',
      '        return litellm.completion(model=self.name, messages=messages, **self.extra_params)',
      'class Quiet(Model):',
      '    def send_inherited(self, messages):',
      '        return litellm.completion(model=self.name, messages=messages, **self.defaults)',
      '',
    ].join('\n');
    // The field's default (None, or what a caller passes) or the branch's dict: which one the call sends is not shown.
    // An attribute set once, in the constructor, is in sight, in the class and in its subclasses.
    assert.deepEqual(await settingsInSight(text), {
      complete: [
        [19, false],
        [23, true],
        [25, false],
        [28, true],
      ],
      missingLimit: [23, 28],
    });
  });
});
