import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ParserHost } from '../../../src/core/parsing/host';
import { MemoryWorkspace } from '../../support/memoryFiles';
import { wasmDir } from '../helpers/paths';

const host = new ParserHost(wasmDir);
after(() => host.dispose());

const workspace = (files: Record<string, string>, options = {}): MemoryWorkspace =>
  new MemoryWorkspace(files, host, options);

describe('cross-file resolution: Python', () => {
  it('follows absolute and relative imports, package re-exports and module attributes', async () => {
    const ws = workspace({
      'app/__init__.py': '',
      'app/config/__init__.py': 'from .models import CHAT_MODEL, EMBED_MODEL\n',
      'app/config/models.py': 'CHAT_MODEL = "gpt-4o-mini"\nEMBED_MODEL = "text-embedding-3-small"\n',
      'app/chat.py':
        'from openai import OpenAI\nfrom app.config import CHAT_MODEL\nOpenAI().chat.completions.create(model=CHAT_MODEL, messages=[])\n',
      'app/embed.py':
        'from openai import OpenAI\nfrom .config import models\nOpenAI().embeddings.create(model=models.EMBED_MODEL, input="x")\n',
      'app/alias.py':
        'import app.config.models as m\nfrom openai import OpenAI\nOpenAI().chat.completions.create(model=m.CHAT_MODEL, messages=[])\n',
    });
    assert.equal(await ws.model('app/chat.py'), 'gpt-4o-mini (cross-file) app/config/models.py:1');
    assert.equal(await ws.model('app/embed.py'), 'text-embedding-3-small (cross-file) app/config/models.py:2');
    assert.equal(await ws.model('app/alias.py'), 'gpt-4o-mini (cross-file) app/config/models.py:1');
  });

  it('reads settings classes (pydantic BaseSettings, dataclass defaults, classmethod constructors) several files deep', async () => {
    const ws = workspace({
      'svc/settings.py': [
        'from pydantic_settings import BaseSettings',
        'from pydantic import Field',
        'class Settings(BaseSettings):',
        '    llm_model: str = Field(default="claude-haiku-4-5")',
        'settings = Settings()',
      ].join('\n'),
      'svc/config.py': [
        'from dataclasses import dataclass',
        '@dataclass',
        'class Config:',
        '    model: str = "openai:gpt-4.1"',
        '    @classmethod',
        '    def load(cls) -> "Config":',
        '        return cls()',
      ].join('\n'),
      'svc/llm.py': [
        'from langchain_anthropic import ChatAnthropic',
        'from svc.settings import settings',
        'def get_llm():',
        '    return ChatAnthropic(model=settings.llm_model, max_tokens=400)',
      ].join('\n'),
      'svc/agent.py': [
        'from svc.llm import get_llm',
        'llm = get_llm()',
        'def run(q):',
        '    return llm.invoke(q)',
      ].join('\n'),
      'svc/writer.py': [
        'from langchain.chat_models import init_chat_model',
        'from svc.config import Config',
        'def write(q):',
        '    config = Config.load()',
        '    return init_chat_model(model=config.model).invoke(q)',
      ].join('\n'),
    });
    const [agent] = await ws.calls('svc/agent.py');
    assert.equal(agent.sdk, 'langchain');
    assert.equal(await ws.model('svc/agent.py'), 'claude-haiku-4-5 (cross-file) svc/settings.py:4');
    assert.equal(agent.outputLimitValue, 400);
    const [writer] = await ws.calls('svc/writer.py');
    assert.equal(writer.model, 'gpt-4.1');
    assert.equal(writer.modelProvider, 'openai');
    assert.deepEqual(writer.modelSource, { file: 'svc/config.py', line: 4 });
  });

  it("finds a client made by another module's factory, and the values a base class passes to its super().__init__", async () => {
    const ws = workspace({
      'lib/clients.py':
        'import boto3\ndef runtime():\n    return boto3.client("bedrock-runtime", region_name="us-east-1")\n',
      'lib/base.py': 'class Base:\n    def __init__(self, model=None):\n        self.model = model\n',
      'lib/bedrock_config.py': [
        'from lib.base import Base',
        'class BedrockConfig(Base):',
        '    def __init__(self, model=None):',
        '        super().__init__(model=model or "us.anthropic.claude-sonnet-4-20250514-v1:0")',
      ].join('\n'),
      'lib/chat.py': [
        'from lib.clients import runtime',
        'from lib.bedrock_config import BedrockConfig',
        'client = runtime()',
        'config = BedrockConfig()',
        'def ask(messages):',
        '    return client.converse(modelId=config.model, messages=messages, inferenceConfig={"maxTokens": 200})',
      ].join('\n'),
    });
    const [call] = await ws.calls('lib/chat.py');
    assert.equal(call.sdk, 'bedrock');
    assert.equal(call.api, 'converse');
    assert.equal(
      await ws.model('lib/chat.py'),
      'us.anthropic.claude-sonnet-4-20250514-v1:0 (cross-file) lib/bedrock_config.py:4',
    );
    assert.equal(call.outputLimitValue, 200);
  });

  it('reads enum members of another module (`Model.SMART`, `.value`, an alias of a member)', async () => {
    const ws = workspace({
      'app/__init__.py': '',
      'app/models.py': [
        'from enum import Enum',
        'class Model(str, Enum):',
        '    FAST = "gpt-4o-mini"',
        '    SMART = "gpt-4.1"',
        'DEFAULT = Model.FAST',
      ].join('\n'),
      'app/smart.py':
        'from openai import OpenAI\nfrom .models import Model\nOpenAI().chat.completions.create(model=Model.SMART.value, messages=[])\n',
      'app/fast.py':
        'from openai import OpenAI\nfrom app.models import DEFAULT\nOpenAI().chat.completions.create(model=DEFAULT, messages=[])\n',
    });
    assert.equal(await ws.model('app/smart.py'), 'gpt-4.1 (cross-file) app/models.py:4');
    assert.equal(await ws.model('app/fast.py'), 'gpt-4o-mini (cross-file) app/models.py:3');
  });

  it('takes a class of the code that extends an SDK class as that class, across files (its constructor, its annotations)', async () => {
    const ws = workspace({
      'agent/factory.py': [
        'from langchain.chat_models import ChatOpenAI',
        'from pydantic import Field',
        'class WrappedChatOpenAI(ChatOpenAI):',
        '    max_tokens: int',
        '    model_name: str = Field(alias="model")',
        'def create_model(streaming: bool = False) -> WrappedChatOpenAI:',
        '    return WrappedChatOpenAI(model_name="gpt-3.5-turbo", max_tokens=500, streaming=streaming)',
      ].join('\n'),
      'agent/run.py': [
        'from langchain import LLMChain',
        'from agent.factory import create_model',
        'async def run(prompt):',
        '    return await LLMChain(llm=create_model(), prompt=prompt).arun(goal="x")',
      ].join('\n'),
      'agent/service.py': [
        'from agent.factory import WrappedChatOpenAI',
        'class Service:',
        '    def __init__(self, model: WrappedChatOpenAI):',
        '        self.model = model',
        '    async def analyze(self, messages):',
        '        return await self.model.apredict_messages(messages)',
      ].join('\n'),
      'web/models.ts': [
        "import { ChatAnthropic } from '@langchain/anthropic';",
        'export class TracedChat extends ChatAnthropic {}',
      ].join('\n'),
      'web/chat.ts': [
        "import { TracedChat } from './models';",
        "const model = new TracedChat({ model: 'claude-haiku-4-5', maxTokens: 256 });",
        'export const answer = (q: string) => model.invoke(q);',
      ].join('\n'),
    });
    assert.equal(await ws.model('agent/run.py'), 'gpt-3.5-turbo (cross-file) agent/factory.py:7');
    const [handedIn] = await ws.calls('agent/service.py');
    assert.equal(handedIn.sdk, 'langchain');
    assert.equal(handedIn.model, null, 'a model handed in by the caller stays unknown');
    assert.equal(await ws.model('web/chat.ts'), 'claude-haiku-4-5 (literal) web/chat.ts:2');
  });

  it('stops at import cycles and long chains, with a reason, in bounded time', async () => {
    const cycle = workspace({
      'a.py': 'from b import MODEL\n',
      'b.py': 'from a import MODEL\n',
      'main.py':
        'from openai import OpenAI\nfrom a import MODEL\nOpenAI().chat.completions.create(model=MODEL, messages=[])\n',
    });
    assert.equal(await cycle.model('main.py'), 'unknown (unresolved)');
    // A class imported round a cycle, for the client it would construct (browser-use's MCP server overflowed the stack).
    const clientCycle = workspace({
      'a.py': 'from b import Client\n',
      'b.py': 'from a import Client\n',
      'main.py':
        'import openai\nfrom a import Client\nclient = Client()\nclient.chat.completions.create(model="gpt-4o", messages=[])\n',
    });
    assert.deepEqual(await clientCycle.calls('main.py'), []);
    const files: Record<string, string> = {
      'main.py':
        'from openai import OpenAI\nfrom m0 import MODEL\nOpenAI().chat.completions.create(model=MODEL, messages=[])\n',
      'm50.py': 'MODEL = "gpt-4o"\n',
    };
    for (let i = 0; i < 50; i++) files[`m${i}.py`] = `from m${i + 1} import MODEL\n`;
    const deep = workspace(files);
    const started = Date.now();
    assert.equal(await deep.model('main.py'), 'unknown (unresolved)');
    assert.ok(Date.now() - started < 5000, 'a 50-file chain is given up quickly');
    assert.ok(deep.index.skippedFiles().some((s) => /import chain longer than/.test(s.reason)));
    // A short chain of the same shape resolves.
    const short: Record<string, string> = {
      'main.py': files['main.py'] as string,
      'm5.py': 'MODEL = "gpt-4o"\n',
    };
    for (let i = 0; i < 5; i++) short[`m${i}.py`] = `from m${i + 1} import MODEL\n`;
    assert.equal(await workspace(short).model('main.py'), 'gpt-4o (cross-file) m5.py:1');
  });
});

describe('cross-file resolution: TypeScript and JavaScript', () => {
  it('follows ES imports, re-exports, `export *`, default exports and tsconfig path aliases', async () => {
    const ws = workspace({
      'tsconfig.json':
        '{\n  // comments are allowed\n  "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"] }, },\n}\n',
      'src/lib/models.ts': "export const CHAT_MODEL = 'gpt-4.1-mini';\nexport default 'claude-haiku-4-5';\n",
      'src/lib/index.ts': "export * from './models';\nexport { default as fallbackModel } from './models';\n",
      'src/ai/provider.ts': [
        "import { openai } from '@ai-sdk/openai';",
        "import { CHAT_MODEL } from '@/lib';",
        'export function getModel() {',
        '  return openai(CHAT_MODEL);',
        '}',
      ].join('\n'),
      'src/route.ts': [
        "import { generateText } from 'ai';",
        "import { getModel } from './ai/provider';",
        'export const run = (prompt: string) => generateText({ model: getModel(), prompt });',
      ].join('\n'),
      'src/claude.ts': [
        "import Anthropic from '@anthropic-ai/sdk';",
        "import { fallbackModel } from './lib/index.js';",
        'const client = new Anthropic();',
        'client.messages.create({ model: fallbackModel, max_tokens: 100, messages: [] });',
      ].join('\n'),
    });
    assert.equal(await ws.model('src/route.ts'), 'gpt-4.1-mini (cross-file) src/lib/models.ts:1');
    assert.equal(await ws.model('src/claude.ts'), 'claude-haiku-4-5 (cross-file) src/lib/models.ts:2');
  });

  it('reads a client factory and a config object across files (CommonJS too)', async () => {
    const ws = workspace({
      'lib/config.js': "module.exports = { llm: { model: 'gpt-4o-mini' } };\n",
      'lib/client.js': "const OpenAI = require('openai');\nexports.makeClient = () => new OpenAI();\n",
      'app.js': [
        "const { makeClient } = require('./lib/client');",
        "const config = require('./lib/config');",
        'const client = makeClient();',
        'client.chat.completions.create({ model: config.llm.model, messages: [] });',
      ].join('\n'),
    });
    const [call] = await ws.calls('app.js');
    assert.equal(call?.sdk, 'openai');
    assert.equal(await ws.model('app.js'), 'gpt-4o-mini (cross-file) lib/config.js:1');
  });

  it('reads enums and settings classes of other modules (field defaults, env defaults, constructor parameter defaults)', async () => {
    const ws = workspace({
      'src/models.ts': "export enum Models {\n  Fast = 'gpt-4o-mini',\n  Smart = 'gpt-4.1',\n}\n",
      'src/settings.ts': [
        'export class Settings {',
        "  chatModel = process.env.CHAT_MODEL ?? 'gpt-4.1-mini';",
        "  constructor(public readonly embedModel: string = 'text-embedding-3-small') {}",
        '}',
        'export default new Settings();',
      ].join('\n'),
      'src/enum.ts': [
        "import OpenAI from 'openai';",
        "import { Models } from './models';",
        'new OpenAI().chat.completions.create({ model: Models.Smart, messages: [] });',
      ].join('\n'),
      'src/chat.ts': [
        "import OpenAI from 'openai';",
        "import settings from './settings';",
        'new OpenAI().chat.completions.create({ model: settings.chatModel, messages: [] });',
      ].join('\n'),
      'src/embed.ts': [
        "import OpenAI from 'openai';",
        "import { Settings } from './settings';",
        'const s = new Settings();',
        "new OpenAI().embeddings.create({ model: s.embedModel, input: 'x' });",
      ].join('\n'),
    });
    assert.equal(await ws.model('src/enum.ts'), 'gpt-4.1 (cross-file) src/models.ts:3');
    assert.equal(await ws.model('src/chat.ts'), 'gpt-4.1-mini (env-default) src/settings.ts:2');
    assert.equal(await ws.model('src/embed.ts'), 'text-embedding-3-small (cross-file) src/settings.ts:3');
  });

  it('stops at a re-export chain 50 files deep and at cycles, with a reason', async () => {
    const files: Record<string, string> = {
      'main.ts':
        "import OpenAI from 'openai';\nimport { MODEL } from './m0';\nnew OpenAI().chat.completions.create({ model: MODEL, messages: [] });\n",
      'm50.ts': "export const MODEL = 'gpt-4o';\n",
    };
    for (let i = 0; i < 50; i++) files[`m${i}.ts`] = `export { MODEL } from './m${i + 1}';\n`;
    const ws = workspace(files);
    assert.equal(await ws.model('main.ts'), 'unknown (unresolved)');
    assert.ok(ws.index.skippedFiles().some((s) => /import chain longer than/.test(s.reason)));
    const cycle = workspace({
      'a.ts': "export * from './b';\n",
      'b.ts': "export * from './a';\n",
      'main.ts':
        "import OpenAI from 'openai';\nimport { MODEL } from './a';\nnew OpenAI().chat.completions.create({ model: MODEL, messages: [] });\n",
    });
    assert.equal(await cycle.model('main.ts'), 'unknown (unresolved)');
  });
});

describe('configuration files', () => {
  it('reads .env values before code defaults, and example files only when the code gives none', async () => {
    const files = {
      '.env.example': 'OPENAI_API_KEY=sk-example-not-read\nCHAT_MODEL=gpt-4o\nSUMMARY_MODEL=gpt-4.1-nano\n',
      'app.py': [
        'import os',
        'from openai import OpenAI',
        'client = OpenAI()',
        'client.chat.completions.create(model=os.getenv("CHAT_MODEL", "gpt-4o-mini"), messages=[])',
      ].join('\n'),
      'summary.py': [
        'import os',
        'from openai import OpenAI',
        'OpenAI().chat.completions.create(model=os.environ["SUMMARY_MODEL"], messages=[])',
      ].join('\n'),
      'leak.py':
        'import os\nfrom openai import OpenAI\nOpenAI().chat.completions.create(model=os.getenv("OPENAI_API_KEY"), messages=[])\n',
    };
    const ws = workspace(files);
    assert.equal(await ws.model('app.py'), 'gpt-4o-mini (env-default) app.py:4');
    assert.equal(await ws.model('summary.py'), 'gpt-4.1-nano (config) .env.example:3');
    assert.equal(await ws.model('leak.py'), 'unknown (unresolved)', 'a secret is never read as a model');
    const withEnv = workspace({ ...files, '.env': '# local\nCHAT_MODEL="claude-haiku-4-5"\n' });
    assert.equal(await withEnv.model('app.py'), 'claude-haiku-4-5 (config) .env:2');
  });

  it('reads JSON, YAML and TOML files the code loads, by key, with their lines', async () => {
    const ws = workspace({
      'config/settings.yaml': 'llm:\n  provider: openai\n  model: gpt-4.1\n',
      'pyproject.toml': '[project]\nname = "x"\n\n[tool.app]\nmodel = "claude-sonnet-4-5"\n',
      'src/models.json': '{\n  "chat": { "model": "gpt-4o-mini" }\n}\n',
      'yaml_app.py': [
        'import yaml',
        'from openai import OpenAI',
        'with open("config/settings.yaml") as f:',
        '    config = yaml.safe_load(f)',
        'OpenAI().chat.completions.create(model=config["llm"]["model"], messages=[])',
      ].join('\n'),
      'toml_app.py': [
        'import tomllib',
        'import anthropic',
        'settings = tomllib.load(open("pyproject.toml", "rb"))',
        'anthropic.Anthropic().messages.create(model=settings["tool"]["app"]["model"], max_tokens=10, messages=[])',
      ].join('\n'),
      'src/chat.ts': [
        "import OpenAI from 'openai';",
        "import models from './models.json';",
        'new OpenAI().chat.completions.create({ model: models.chat.model, messages: [] });',
      ].join('\n'),
    });
    assert.equal(await ws.model('yaml_app.py'), 'gpt-4.1 (config) config/settings.yaml:3');
    assert.equal(await ws.model('toml_app.py'), 'claude-sonnet-4-5 (config) pyproject.toml:5');
    assert.equal(await ws.model('src/chat.ts'), 'gpt-4o-mini (config) src/models.json:2');
  });

  it('skips a 10 MB config file with a reason, and invalid files too', async () => {
    const ws = workspace({
      'big.json': `{"model": "gpt-4o", "pad": "${'x'.repeat(10 * 1024 * 1024)}"}`,
      'bad.yaml': 'model: [unclosed\n',
      'a.py':
        'import json\nfrom openai import OpenAI\nOpenAI().chat.completions.create(model=json.load(open("big.json"))["model"], messages=[])\n',
      'b.py':
        'import yaml\nfrom openai import OpenAI\nOpenAI().chat.completions.create(model=yaml.safe_load(open("bad.yaml"))["model"], messages=[])\n',
    });
    const started = Date.now();
    assert.equal(await ws.model('a.py'), 'unknown (unresolved)');
    assert.equal(await ws.model('b.py'), 'unknown (unresolved)');
    assert.ok(Date.now() - started < 5000);
    const reasons = Object.fromEntries(ws.index.skippedFiles().map((s) => [s.file, s.reason]));
    assert.match(reasons['big.json'] ?? '', /larger than/);
    assert.match(reasons['bad.yaml'] ?? '', /not valid YAML/);
  });
});

describe('workspace index', () => {
  it('invalidates a changed file and every module that read it, and names the readers', async () => {
    const ws = workspace({
      'defaults.py': 'MODEL = "gpt-4o"\n',
      'config.py': 'from defaults import MODEL\nCHAT = MODEL\n',
      'chat.py':
        'from openai import OpenAI\nfrom config import CHAT\nOpenAI().chat.completions.create(model=CHAT, messages=[])\n',
      'other.py': 'X = 1\n',
    });
    assert.equal(await ws.model('chat.py'), 'gpt-4o (cross-file) defaults.py:1');
    const affected = ws.write('defaults.py', '# changed\nMODEL = "gpt-4o-mini"\n');
    assert.ok(affected.has('/ws/config.py') && affected.has('/ws/chat.py'));
    assert.ok(!affected.has('/ws/other.py'));
    assert.equal(await ws.model('chat.py'), 'gpt-4o-mini (cross-file) defaults.py:2');
  });

  it('keeps at most its budget of parsed modules between analyses', async () => {
    const files: Record<string, string> = { 'main.py': 'from openai import OpenAI\n' };
    for (let i = 0; i < 40; i++) {
      files[`c${i}.py`] = `M${i} = "gpt-4o"\n`;
      files['main.py'] += `from c${i} import M${i}\nOpenAI().chat.completions.create(model=M${i}, messages=[])\n`;
    }
    const ws = workspace(files, { maxModules: 10 });
    const calls = await ws.calls('main.py');
    assert.equal(calls.filter((c) => c.model === 'gpt-4o').length, 40);
    assert.ok(ws.index.size <= 10, `${ws.index.size} modules kept`);
  });
});
