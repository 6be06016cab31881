import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import type { CallRecord, LanguageId } from '../../../src/core/analysis/types';
import { ParserHost } from '../../../src/core/parsing/host';
import { bundledTable, resolveModel } from '../../../src/core/pricing';
import { wasmDir } from '../helpers/paths';

const host = new ParserHost(wasmDir);
after(() => host.dispose());

async function calls(text: string, languageId: LanguageId = 'python'): Promise<CallRecord[]> {
  return (await analyze(text, languageId, languageId === 'python' ? 'app.py' : 'app.ts', host)).calls;
}

const summary = (c: CallRecord): string =>
  `${c.line} ${c.sdk} ${c.api} ${c.model ?? '?'}${c.stream ? ' stream' : ''}${c.outputLimitValue !== null ? ` max=${c.outputLimitValue}` : ''}`;

describe('AWS Bedrock', () => {
  it('finds boto3 bedrock-runtime calls (converse, streams, invoke_model with a JSON body) and skips other clients', async () => {
    const found = await calls(
      [
        'import json',
        'import boto3',
        'runtime = boto3.client("bedrock-runtime", region_name="us-east-1")',
        'control = boto3.client("bedrock")',
        'agents = boto3.client(service_name="bedrock-agent-runtime")',
        'session = boto3.Session(profile_name="dev")',
        'eu = session.client("bedrock-runtime")',
        'MODEL = "us.anthropic.claude-sonnet-4-20250514-v1:0"',
        'def ask(messages):',
        '    runtime.converse(modelId=MODEL, messages=messages, inferenceConfig={"maxTokens": 300})',
        '    runtime.converse_stream(modelId="amazon.nova-lite-v1:0", messages=messages)',
        '    body = json.dumps({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 256, "messages": messages})',
        '    runtime.invoke_model(modelId="anthropic.claude-3-haiku-20240307-v1:0", body=body)',
        '    eu.invoke_model_with_response_stream(modelId="meta.llama3-1-70b-instruct-v1:0", body=json.dumps({"prompt": "hi", "max_gen_len": 64}))',
        '    control.list_foundation_models()',
        '    agents.retrieve_and_generate(input={"text": "x"})',
      ].join('\n'),
    );
    assert.deepEqual(found.map(summary), [
      '10 bedrock converse us.anthropic.claude-sonnet-4-20250514-v1:0 max=300',
      '11 bedrock converse_stream amazon.nova-lite-v1:0 stream',
      '13 bedrock invoke_model anthropic.claude-3-haiku-20240307-v1:0 max=256',
      '14 bedrock invoke_model_with_response_stream meta.llama3-1-70b-instruct-v1:0 stream max=64',
    ]);
  });

  it('finds JS SDK v3 commands sent through BedrockRuntimeClient, and not other commands', async () => {
    const found = await calls(
      [
        "import { BedrockRuntimeClient, ConverseCommand, InvokeModelCommand, ApplyGuardrailCommand } from '@aws-sdk/client-bedrock-runtime';",
        "const client = new BedrockRuntimeClient({ region: 'us-east-1' });",
        "const MODEL = 'eu.anthropic.claude-3-7-sonnet-20250219-v1:0';",
        'export async function ask(text: string) {',
        "  await client.send(new ConverseCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text }] }], inferenceConfig: { maxTokens: 500 } }));",
        "  const command = new InvokeModelCommand({ modelId: 'amazon.titan-embed-text-v2:0', body: JSON.stringify({ inputText: text }) });",
        '  await client.send(command);',
        "  await client.send(new ApplyGuardrailCommand({ guardrailIdentifier: 'g', guardrailVersion: '1', source: 'INPUT', content: [] }));",
        '}',
      ].join('\n'),
      'typescript',
    );
    assert.deepEqual(found.map(summary), [
      '5 bedrock converse eu.anthropic.claude-3-7-sonnet-20250219-v1:0 max=500',
      '7 bedrock invoke_model amazon.titan-embed-text-v2:0',
    ]);
  });

  it('prices Bedrock ids, inference profiles included', () => {
    for (const id of [
      'anthropic.claude-3-haiku-20240307-v1:0',
      'us.anthropic.claude-sonnet-4-20250514-v1:0',
      'eu.anthropic.claude-3-7-sonnet-20250219-v1:0',
      'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    ]) {
      const resolution = resolveModel(id, bundledTable, { sdk: 'bedrock' });
      assert.equal(resolution.unknown, false, `${id} has a price`);
    }
  });
});

describe('wrappers and embedding SDKs', () => {
  it('prices calls through instructor-wrapped clients as the wrapped SDK', async () => {
    const found = await calls(
      [
        'import instructor',
        'from openai import OpenAI',
        'from anthropic import Anthropic',
        'client = instructor.from_openai(OpenAI())',
        'claude = instructor.from_anthropic(Anthropic())',
        'provider = instructor.from_provider("openai/gpt-4o-mini")',
        'client.chat.completions.create(model="gpt-4.1", response_model=User, messages=[])',
        'client.chat.completions.create_with_completion(model="gpt-4.1-mini", response_model=User, messages=[])',
        'claude.messages.create(model="claude-haiku-4-5", max_tokens=100, response_model=User, messages=[])',
        'provider.chat.completions.create(response_model=User, messages=[])',
      ].join('\n'),
    );
    assert.deepEqual(found.map(summary), [
      '7 openai chat.completions.create gpt-4.1',
      '8 openai chat.completions.create gpt-4.1-mini',
      '9 anthropic messages.create claude-haiku-4-5 max=100',
      '10 other chat.completions.create openai/gpt-4o-mini',
    ]);
    const js = await calls(
      [
        "import Instructor from '@instructor-ai/instructor';",
        "import OpenAI from 'openai';",
        'const oai = new OpenAI();',
        "const client = Instructor({ client: oai, mode: 'TOOLS' });",
        "client.chat.completions.create({ model: 'gpt-4o', messages: [], response_model: { schema, name: 'User' } });",
      ].join('\n'),
      'typescript',
    );
    assert.deepEqual(js.map(summary), ['5 openai chat.completions.create gpt-4o']);
  });

  it('finds Voyage AI embeddings', async () => {
    const found = await calls(
      'import voyageai\nvo = voyageai.Client()\nvo.embed(["a", "b"], model="voyage-3-large", input_type="document")\n',
    );
    assert.deepEqual(found.map(summary), ['3 voyage embeddings voyage-3-large']);
  });

  it('finds LangChain embedding models RAG code calls', async () => {
    const found = await calls(
      [
        'from langchain_openai import OpenAIEmbeddings',
        'embeddings = OpenAIEmbeddings(model="text-embedding-3-large")',
        'vectors = embeddings.embed_documents(["a", "b"])',
        'query = embeddings.embed_query("a")',
      ].join('\n'),
    );
    assert.deepEqual(found.map(summary), [
      '3 langchain embeddings text-embedding-3-large',
      '4 langchain embeddings text-embedding-3-large',
    ]);
  });

  it('finds the SDKs’ older shapes real code still calls: LangChain chains and predict, openai 0.x module calls', async () => {
    const python = await calls(
      [
        'import openai',
        'from langchain import LLMChain',
        'from langchain.chat_models import ChatOpenAI',
        'llm = ChatOpenAI(model_name="gpt-3.5-turbo", max_tokens=300)',
        'chain = LLMChain(llm=llm, prompt=prompt)',
        'chain.run("a")',
        'await chain.arun(goal="b")',
        'chain.predict(goal="c")',
        'await chain.apredict(goal="d")',
        'llm.predict_messages(messages)',
        'await llm.apredict_messages(messages)',
        'llm.predict("e")',
        'openai.ChatCompletion.create(model="gpt-4", messages=[], max_tokens=50)',
        'openai.Embedding.create(input="x", engine="text-embedding-ada-002")',
        'subprocess.run(["ls"])',
        'runner.run("not a model")',
        'from openai import ChatCompletion, Completion',
        'ChatCompletion.create(model="gpt-3.5-turbo", messages=[], max_tokens=60)',
        'await ChatCompletion.acreate(model="gpt-4", messages=[], max_tokens=70)',
        'Completion.create(model="gpt-3.5-turbo-instruct", prompt="x", max_tokens=80)',
        'ChatCompletion.parse(model="gpt-4", messages=[])',
      ].join('\n'),
    );
    assert.deepEqual(python.map(summary), [
      ...[6, 7, 8, 9, 10, 11, 12].map((line) => `${line} langchain invoke gpt-3.5-turbo max=300`),
      '13 openai chat.completions.create gpt-4 max=50',
      '14 openai embeddings text-embedding-ada-002',
      '18 openai chat.completions.create gpt-3.5-turbo max=60',
      '19 openai chat.completions.create gpt-4 max=70',
      '20 openai completions.create gpt-3.5-turbo-instruct max=80',
    ]);
    const js = await calls(
      [
        "import { LLMChain } from 'langchain/chains';",
        "import { ChatOpenAI } from '@langchain/openai';",
        "const model = new ChatOpenAI({ modelName: 'gpt-4o-mini', maxTokens: 100 });",
        'const chain = new LLMChain({ llm: model, prompt });',
        'await chain.run("a");',
        'await model.predictMessages(messages);',
      ].join('\n'),
      'typescript',
    );
    assert.deepEqual(js.map(summary), [
      '5 langchain invoke gpt-4o-mini max=100',
      '6 langchain invoke gpt-4o-mini max=100',
    ]);
  });

  it('counts a common legacy name (`run`, `generate`) only on an object the code shows is a model', async () => {
    const found = await calls(
      [
        'from langchain_openai import ChatOpenAI',
        'def go(llm, model):',
        '    llm.run("a")',
        '    model.generate([["b"]])',
        '    llm.invoke("c")',
      ].join('\n'),
    );
    assert.deepEqual(found.map(summary), ['5 langchain invoke ?']);
  });

  it('finds the beta and older namespaces: Anthropic beta.prompt_caching, google.generativeai embeddings, embedContent', async () => {
    const python = await calls(
      [
        'import anthropic',
        'import google.generativeai as genai',
        'c = anthropic.Anthropic()',
        'c.beta.prompt_caching.messages.create(model="claude-3-5-haiku-20241022", max_tokens=10, messages=[])',
        'c.beta.messages.create(model="claude-sonnet-4-5", max_tokens=20, messages=[])',
        'genai.embed_content(model="models/text-embedding-004", content="x")',
      ].join('\n'),
    );
    assert.deepEqual(python.map(summary), [
      '4 anthropic messages.create claude-3-5-haiku-20241022 max=10',
      '5 anthropic messages.create claude-sonnet-4-5 max=20',
      '6 google embeddings models/text-embedding-004',
    ]);
    const js = await calls(
      [
        "import { GoogleGenerativeAI } from '@google/generative-ai';",
        "const embedder = new GoogleGenerativeAI(key).getGenerativeModel({ model: 'text-embedding-004' });",
        "await embedder.embedContent('x');",
        'await embedder.batchEmbedContents({ requests });',
      ].join('\n'),
      'typescript',
    );
    assert.deepEqual(js.map(summary), [
      '3 google embeddings text-embedding-004',
      '4 google embeddings text-embedding-004',
    ]);
  });

  it('finds a call through a name bound to an SDK method (`completion = client.chat.completions.create`)', async () => {
    const python = await calls(
      [
        'import os',
        'from openai import OpenAI',
        'if os.getenv("USE_LITELLM") == "true":',
        '    import litellm',
        '    completion = litellm.completion',
        'else:',
        '    completion = OpenAI().chat.completions.create',
        'ask = OpenAI().chat.completions.create',
        'join = os.path.join',
        'def go(messages):',
        '    completion(model="gpt-4o-mini", messages=messages, max_tokens=5)',
        '    ask(model="gpt-4.1", messages=messages)',
        '    join("a", "b")',
      ].join('\n'),
    );
    assert.deepEqual(
      python.map((c) => `${c.line} ${c.model ?? '?'}`),
      ['11 gpt-4o-mini', '12 gpt-4.1'],
    );
    const js = await calls(
      [
        "import Anthropic from '@anthropic-ai/sdk';",
        'const client = new Anthropic();',
        'const send = client.messages.create;',
        'const join = path.join;',
        "export const go = () => send({ model: 'claude-haiku-4-5', max_tokens: 10, messages: [] });",
        "join('a');",
      ].join('\n'),
      'typescript',
    );
    assert.deepEqual(js.map(summary), ['5 anthropic messages.create claude-haiku-4-5 max=10']);
  });
});
