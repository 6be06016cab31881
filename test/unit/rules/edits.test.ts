import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { LanguageId } from '../../../src/core/analysis/types';
import { bundledTable } from '../../../src/core/pricing';
import {
  applyEdits,
  planFixAll,
  projectInfoFromPackageJson,
  projectInfoFromPythonManifest,
  unknownProject,
  validateRuleSettings,
} from '../../../src/core/rules';
import type { Finding, ProjectInfo } from '../../../src/core/rules';
import { beforeEdits } from '../../../src/core/rules/fixText';
import { ignoreEdit, ignoredAt, silences } from '../../../src/core/rules/ignore';
import { applied, check, disposeHost, only } from './helpers';

after(disposeHost);

/** The text after the preferred fix of the only missing-output-limit finding. */
async function limitFixed(text: string, languageId: LanguageId): Promise<string> {
  const [finding] = only((await check(text, languageId)).findings, 'missing-output-limit');
  assert.ok(finding, 'a finding');
  const fix = finding.fixes.find((f) => f.preferred);
  assert.ok(fix, 'a preferred fix');
  return applied(text, fix);
}

/** The limit's name in the first fix of the only missing-output-limit finding, with what the manifests say. */
async function limitName(
  text: string,
  languageId: LanguageId,
  known?: Partial<ProjectInfo>,
): Promise<string | undefined> {
  const project = known ? { ...unknownProject, ...known } : undefined;
  const [finding] = only((await check(text, languageId, { project })).findings, 'missing-output-limit');
  return /(?:Add|Set) (\w+)/.exec(finding?.fixes[0]?.title ?? '')?.[1];
}

const py = 'from openai import OpenAI\nclient = OpenAI()\n';
const ts = "import OpenAI from 'openai';\nconst client = new OpenAI();\n";

describe('the limit fix on an OpenAI chat call whose model is unknown', () => {
  const call = (client: string) =>
    `from openai import ${client.replace(/\(.*/, '')}\nclient = ${client}\ndef ask(model, q):\n    return client.chat.completions.create(model=model, messages=[{"role": "user", "content": q}])\n`;

  it("on OpenAI's own API writes max_completion_tokens, which every model there takes, with room for reasoning", async () => {
    // The default models (GPT-5, the o-series) answer HTTP 400 to max_tokens, and reason before they answer.
    for (const client of ['OpenAI()', 'OpenAI(base_url="https://api.openai.com/v1")', 'OpenAI(api_key=KEY)']) {
      const fixed = await limitFixed(call(client), 'python');
      assert.match(fixed, /messages=\[[^\n]*\], max_completion_tokens=4608\)/, client);
    }
    const [finding] = only((await check(call('OpenAI()'), 'python')).findings, 'missing-output-limit');
    assert.match(
      finding.fixes[0].title,
      /max_completion_tokens=4608 \(sized for a general task and the reasoning before it\)/,
    );
  });

  it("on OpenAI's Responses API leaves room for reasoning too: max_output_tokens counts it", async () => {
    // khoj's chat stream turns reasoning on for the models that have it; 2,048 at medium effort left no answer.
    const responses = `from openai import OpenAI\nclient = OpenAI()\ndef ask(model, q):\n    return client.responses.create(model=model, input=q)\n`;
    assert.match(await limitFixed(responses, 'python'), /input=q, max_output_tokens=4608\)/);
    const named = responses.replace('model=model', 'model="gpt-4.1"');
    assert.match(await limitFixed(named, 'python'), /max_output_tokens=2048\)/);
  });

  it('at the effort the call writes', async () => {
    const text = call('OpenAI()').replace('messages=', 'reasoning_effort="high", messages=');
    assert.match(await limitFixed(text, 'python'), /max_completion_tokens=8192\)/);
  });

  it('on another server speaking the API keeps max_tokens, which such servers take', async () => {
    const fixed = await limitFixed(call('OpenAI(base_url="http://localhost:11434/v1")'), 'python');
    assert.match(fixed, /max_tokens=2048\)/);
    // A model that is not OpenAI's, though the file does not show where the client sends it.
    const named = call('OpenAI()').replace('model=model', 'model="teknium/openhermes-2.5-mistral-7b"');
    assert.match(await limitFixed(named, 'python'), /max_tokens=2048\)/);
  });

  it('on a server the code names but does not show the address of, keeps max_tokens', async () => {
    // anything-llm's providers: the address is a setting, but the setting's name says which server it is.
    for (const client of [
      'OpenAI(base_url=os.environ["LMSTUDIO_BASE_PATH"])',
      'OpenAI(base_url=settings.ollama_host)',
      'OpenAI(base_url=f"http://localhost:{port}/v1")',
    ])
      assert.match(await limitFixed(call(client), 'python'), /max_tokens=2048\)/, client);
    const viaMember = `const { OpenAI: OpenAIApi } = require('openai');
class LiteLLM {
  constructor() {
    this.basePath = process.env.LITE_LLM_BASE_PATH;
    this.openai = new OpenAIApi({ baseURL: this.basePath, apiKey: process.env.LITE_LLM_API_KEY ?? null });
  }
  async ask(model, q) {
    return this.openai.chat.completions.create({ model, messages: [{ role: 'user', content: q }] });
  }
}
module.exports = { LiteLLM };
`;
    assert.match(await limitFixed(viaMember, 'javascript'), /content: q \}\], max_tokens: 2048 \}/);
    const viaHelper = viaMember
      .replace('this.basePath = process.env.LITE_LLM_BASE_PATH;\n', '')
      .replace('baseURL: this.basePath', 'baseURL: parseLMStudioBasePath(process.env.LMSTUDIO_BASE_PATH)');
    assert.match(await limitFixed(viaHelper, 'javascript'), /max_tokens: 2048 \}/);
  });

  it('on Azure, or a server the code does not show, offers no fix: no name suits every model and server', async () => {
    // A deployment does not say its model, and Azure API versions before 2024-09-01 reject max_completion_tokens;
    // a base URL from the environment or a parameter, named for no server, may be OpenAI or any other.
    for (const client of [
      'AzureOpenAI(api_version="2024-02-01")',
      'OpenAI(base_url="https://x.openai.azure.com/openai")',
      'OpenAI(base_url=os.environ["OPENAI_BASE_URL"])',
      'OpenAI(base_url=base_url)',
      'OpenAI(**settings)',
    ]) {
      const [finding] = only((await check(call(client), 'python')).findings, 'missing-output-limit');
      assert.ok(finding, client);
      assert.deepEqual(finding.fixes, [], client);
    }
  });
});

describe("a LangChain model's limit goes in its constructor, never in a run config", () => {
  it('`initChatModel` / `init_chat_model` take the limit under the name of the class they build', async () => {
    // @langchain/google-genai reads maxOutputTokens only: maxTokens would be dropped without a word.
    const ts = (model: string, options: string) =>
      `import { initChatModel } from 'langchain/chat_models/universal';\nexport async function run(q: string) {\n  const model = await initChatModel('${model}', { ${options} });\n  return model.invoke(q);\n}\n`;
    for (const [model, options] of [
      ['gemini-2.0-flash', "modelProvider: 'google-genai', temperature: 0"],
      ['google-genai:gemini-2.0-flash', 'temperature: 0'],
    ]) {
      assert.match(
        await limitFixed(ts(model, options), 'typescript'),
        /temperature: 0, maxOutputTokens: 2048 \}/,
        model,
      );
    }
    assert.match(await limitFixed(ts('gpt-4o', 'temperature: 0'), 'typescript'), /temperature: 0, maxTokens: 2048 \}/);
    const py = `from langchain.chat_models import init_chat_model\ndef run(q):\n    model = init_chat_model("gemini-2.0-flash", model_provider="google_genai", temperature=0)\n    return model.invoke(q)\n`;
    assert.match(await limitFixed(py, 'python'), /temperature=0, max_output_tokens=2048\)/);
  });

  it('`.withConfig({ runName })` / `.with_config(...)` after the constructor: the constructor gets it', async () => {
    // withConfig takes a RunnableConfig: maxTokens there does not compile in TypeScript and is ignored at run time.
    const ts = `import { ChatOpenAI } from '@langchain/openai';\nconst model = new ChatOpenAI({ model: 'gpt-4o' }).withConfig({ runName: 'x' });\nexport const run = (q: string) => model.invoke(q);\n`;
    assert.match(
      await limitFixed(ts, 'typescript'),
      /new ChatOpenAI\(\{ model: 'gpt-4o', maxTokens: 2048 \}\)\.withConfig\(\{ runName: 'x' \}\)/,
    );
    for (const config of ['with_config({"run_name": "x"})', 'with_config(run_name="x")']) {
      const py = `from langchain_openai import ChatOpenAI\nmodel = ChatOpenAI(model="gpt-4o").${config}\ndef run(q):\n    return model.invoke(q)\n`;
      const fixed = await limitFixed(py, 'python');
      assert.ok(fixed.includes(`ChatOpenAI(model="gpt-4o", max_tokens=2048).${config}`), fixed);
    }
  });
});

describe('fixes keep the surrounding style', () => {
  it('a one-line call gets `, name=value`; a trailing comma stays a trailing comma', async () => {
    assert.equal(
      await limitFixed(`${py}client.chat.completions.create(model="gpt-4o", messages=[],)\n`, 'python'),
      `${py}client.chat.completions.create(model="gpt-4o", messages=[], max_tokens=2048,)\n`,
    );
  });

  it("a multi-line call gets its own line at the arguments' indentation (tabs kept)", async () => {
    assert.equal(
      await limitFixed(
        `${py}def f():\n\treturn client.chat.completions.create(\n\t\tmodel="gpt-4o",\n\t\tmessages=[]\n\t)\n`,
        'python',
      ),
      `${py}def f():\n\treturn client.chat.completions.create(\n\t\tmodel="gpt-4o",\n\t\tmessages=[],\n\t\tmax_tokens=2048\n\t)\n`,
    );
  });

  it('a comment after the last argument stays on its line', async () => {
    assert.equal(
      await limitFixed(
        `${ts}client.chat.completions.create({\n  model: 'gpt-4o',\n  messages: [], // none yet\n});\n`,
        'typescript',
      ),
      `${ts}client.chat.completions.create({\n  model: 'gpt-4o',\n  messages: [], // none yet\n  max_tokens: 2048,\n});\n`,
    );
  });

  it("options built in a variable get the entry there, with the dict's own quotes", async () => {
    assert.equal(
      await limitFixed(
        `${ts}const options = { 'model': 'gpt-4o', 'messages': [] as never[] };\nclient.chat.completions.create(options);\n`,
        'typescript',
      ),
      `${ts}const options = { 'model': 'gpt-4o', 'messages': [] as never[], 'max_tokens': 2048 };\nclient.chat.completions.create(options);\n`,
    );
  });

  it("a Gemini call gets a config in the file's quote style; an existing config gets the limit inside", async () => {
    const head = 'from google import genai\nclient = genai.Client()\n';
    assert.equal(
      await limitFixed(`${head}client.models.generate_content(model='gemini-2.0-flash', contents='x')\n`, 'python'),
      `${head}client.models.generate_content(model='gemini-2.0-flash', contents='x', config={'max_output_tokens': 2048})\n`,
    );
    assert.equal(
      await limitFixed(
        `${head}client.models.generate_content(model="gemini-2.0-flash", contents="x", config={})\n`,
        'python',
      ),
      `${head}client.models.generate_content(model="gemini-2.0-flash", contents="x", config={"max_output_tokens": 2048})\n`,
    );
  });

  it('the limit name follows the API, the model and the project', async () => {
    assert.equal(
      await limitName(`${py}client.chat.completions.create(model="o3", messages=[])\n`, 'python'),
      'max_completion_tokens',
    );
    assert.equal(
      await limitName(`${py}client.responses.create(model="gpt-4o", input="x")\n`, 'python'),
      'max_output_tokens',
    );
    const vercel =
      "import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\ngenerateText({ model: openai('gpt-4o'), prompt: 'x' });\n";
    assert.equal(await limitName(vercel, 'typescript'), 'maxOutputTokens');
    assert.equal(await limitName(vercel, 'typescript', { vercelAiMajor: 4 }), 'maxTokens');
    const gemini =
      "from langchain_google_genai import ChatGoogleGenerativeAI\nllm = ChatGoogleGenerativeAI(model='gemini-2.0-flash')\nllm.invoke('x')\n";
    assert.equal(await limitName(gemini, 'python'), 'max_output_tokens');
  });

  it('Bedrock Converse gets maxTokens in inferenceConfig (a new one, or the one there); InvokeModel bodies and embedding models get no limit fix', async () => {
    const head = 'import boto3\nclient = boto3.client("bedrock-runtime")\n';
    const call = `client.converse(modelId="anthropic.claude-3-haiku-20240307-v1:0", messages=[{"role": "user", "content": [{"text": "Hi"}]}])`;
    const fixedText = async (text: string, languageId: LanguageId): Promise<string> => {
      const [finding] = only((await check(text, languageId)).findings, 'missing-output-limit');
      assert.ok(finding?.fixes[0], text);
      return applyEdits(text, finding.fixes[0].edits);
    };
    assert.equal(
      await fixedText(`${head}${call}\n`, 'python'),
      `${head}${call.replace(/\)$/, ', inferenceConfig={"maxTokens": 2048})')}\n`,
    );
    const configured = `${head}${call.replace(/\)$/, ', inferenceConfig={"temperature": 0})')}\n`;
    assert.equal(
      await fixedText(configured, 'python'),
      configured.replace('"temperature": 0', '"temperature": 0, "maxTokens": 2048'),
    );
    const ts = `import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';\nconst client = new BedrockRuntimeClient({});\nexport const ask = (q: string) => client.send(new ConverseCommand({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', messages: [{ role: 'user', content: [{ text: q }] }] }));\n`;
    assert.equal(
      await fixedText(ts, 'typescript'),
      ts.replace('}] }] })', '}] }], inferenceConfig: { maxTokens: 2048 } })'),
    );
    const invoke = `${head}import json\nclient.invoke_model(modelId="anthropic.claude-3-haiku-20240307-v1:0", body=json.dumps({"messages": [{"role": "user", "content": "Hi"}]}))\n`;
    const [body] = only((await check(invoke, 'python')).findings, 'missing-output-limit');
    assert.deepEqual(body?.fixes, [], 'the body is the model’s own JSON: no general fix');
    const embed = `${head}client.invoke_model(modelId="amazon.titan-embed-text-v1", body='{"inputText": "x"}')\n`;
    assert.deepEqual(only((await check(embed, 'python')).findings, 'missing-output-limit'), []);
  });

  it('the limit is sized for the task, from the settings table', async () => {
    const text = `${py}client.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": "Summarize the article."}])\n`;
    const settings = validateRuleSettings({ outputLimits: { summary: 300 } }).settings;
    const [finding] = only((await check(text, 'python', { settings })).findings, 'missing-output-limit');
    assert.match(finding.fixes[0].title, /max_tokens=300 \(sized for a summary task\)/);
  });

  it('the instruction decides the task, not the examples after it (a title prompt is not a code task)', async () => {
    const title =
      "Generate a short chat title (2-5 words) summarizing the user's message.\\n\\nExamples:\\n- 'debug my python code' -> Python Debugging";
    const tsText = `import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nconst titlePrompt = "${title}";\ngenerateText({ model: openai('gpt-4o-mini'), system: titlePrompt, prompt: message });\n`;
    const [tsFinding] = only((await check(tsText, 'typescript')).findings, 'missing-output-limit');
    assert.match(tsFinding.fixes[0].title, /maxOutputTokens: 512 \(sized for a summary task\)/);
    const pyText = `${py}client.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": "${title}"}])\n`;
    const [pyFinding] = only((await check(pyText, 'python')).findings, 'missing-output-limit');
    assert.match(pyFinding.fixes[0].title, /max_tokens=512 \(sized for a summary task\)/);
    // The same words with the code request first stay a code task.
    const code = `${py}client.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": "Write the code for a function that summarizes a list."}])\n`;
    const [codeFinding] = only((await check(code, 'python')).findings, 'missing-output-limit');
    assert.match(codeFinding.fixes[0].title, /max_tokens=4096 \(sized for a code task\)/);
  });
  it('a schema alone does not shrink the limit; a classification into a schema is sized as an extraction; a reasoning model gets room to reason', async () => {
    const sized = async (text: string): Promise<string> =>
      only((await check(text, 'python')).findings, 'missing-output-limit')[0]?.fixes[0]?.title ?? '';
    const schema = `${py}from pydantic import BaseModel\nclass Sheet(BaseModel):\n    csv: str\nclient.beta.chat.completions.parse(model="gpt-4o", response_format=Sheet, messages=[{"role": "system", "content": "Make a spreadsheet from the request."}])\n`;
    assert.match(await sized(schema), /max_tokens=2048 \(sized for a general task\)$/);
    const labelled = schema.replace(
      'Make a spreadsheet from the request.',
      'Classify the ticket and give your reasons.',
    );
    assert.match(await sized(labelled), /max_tokens=1024 \(sized for an extraction task\)$/);
    const plain = `${py}client.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": "Classify the ticket."}])\n`;
    assert.match(await sized(plain), /max_tokens=64 \(sized for a classification task\)$/);
    // "intent" in passing is not a classification.
    const intent = plain.replace('Classify the ticket.', 'Keep the meaning and intent of the source.');
    assert.match(await sized(intent), /max_tokens=2048 \(sized for a general task\)$/);
    const reasoning = plain.replace('"gpt-4o"', '"o3"');
    assert.match(
      await sized(reasoning),
      /max_completion_tokens=4096 \(sized for a classification task and the reasoning before it\)$/,
    );
  });

  it('a limit passed through a wrapper parameter defaulting to None is the caller’s; a literal None is replaced, never written twice', async () => {
    const head = 'import litellm\n';
    const wrapper = `${head}def chat(messages, max_tokens=None):\n    return litellm.completion(model="gpt-4o", messages=messages, max_tokens=max_tokens)\n`;
    assert.deepEqual(only((await check(wrapper, 'python')).findings, 'missing-output-limit'), []);
    const none = `${head}litellm.completion(model="gpt-4o", messages=[], max_tokens=None)\n`;
    const [finding] = only((await check(none, 'python')).findings, 'missing-output-limit');
    assert.equal(finding?.fixes[0]?.title, 'Set max_tokens=2048 (sized for a general task)');
    assert.equal(applyEdits(none, finding.fixes[0].edits), none.replace('max_tokens=None', 'max_tokens=2048'));
  });

  it('no limit finding where the arguments come from another call through a spread; a dict(...) spread shows them', async () => {
    const head = 'import json\nimport litellm\n';
    const loaded = `${head}def complete(request):\n    kwargs = json.loads(request)\n    return litellm.completion(cache=None, **kwargs)\n`;
    assert.deepEqual(only((await check(loaded, 'python')).findings, 'missing-output-limit'), []);
    const built = `${head}params = dict(model="gpt-4o", messages=[])\nlitellm.completion(**params)\n`;
    const [finding] = only((await check(built, 'python')).findings, 'missing-output-limit');
    assert.ok(finding);
    assert.equal(
      applyEdits(built, finding.fixes[0]?.edits ?? []),
      built.replace('(**params)', '(**params, max_tokens=2048)'),
    );
  });
});

describe('prompt caching fixes', () => {
  const policy = Array.from(
    { length: 60 },
    (_, i) => `Rule ${i}: answer only from the policy, quote the section you rely on, never invent facts.`,
  ).join(' ');

  it('datetime.now() and Date.now() before static text are cache-breaking, and the fix moves them after it', async () => {
    const pyText = `import datetime\n${py}POLICY = "${policy}"\ndef f(q):\n    return client.chat.completions.create(model="gpt-4o", max_tokens=50, messages=[{"role": "system", "content": f"Today is {datetime.datetime.now()}.\\n{POLICY}"}, {"role": "user", "content": q}])\n`;
    const [pyFinding] = only((await check(pyText, 'python')).findings, 'cache-breaking-prefix');
    assert.match(
      pyFinding?.message ?? '',
      /^`datetime\.datetime\.now\(\)` changes per request and comes before [\d,]+ tokens/,
    );
    assert.equal(
      applyEdits(pyText, pyFinding?.fixes[0]?.edits ?? []),
      pyText.replace(
        'f"Today is {datetime.datetime.now()}.\\n{POLICY}"',
        'f"{POLICY}\\n\\nToday is {datetime.datetime.now()}."',
      ),
    );
    const tsText = `${ts}const POLICY = '${policy}';\nexport const f = (q: string) => client.chat.completions.create({ model: 'gpt-4o', max_tokens: 50, messages: [{ role: 'system', content: \`Now: \${Date.now()}\\n\${POLICY}\` }, { role: 'user', content: q }] });\n`;
    const [tsFinding] = only((await check(tsText, 'typescript')).findings, 'cache-breaking-prefix');
    assert.match(tsFinding?.message ?? '', /^`Date\.now\(\)` changes per request/);
    assert.equal(
      applyEdits(tsText, tsFinding?.fixes[0]?.edits ?? []),
      // A template literal takes its line breaks as written.
      tsText.replace('`Now: ${Date.now()}\\n${POLICY}`', '`${POLICY}\n\nNow: ${Date.now()}`'),
    );
  });

  it('a TypeScript string system prompt becomes one cached text block keeping its constant; the message states the saving', async () => {
    const text = `import Anthropic from '@anthropic-ai/sdk';\nconst claude = new Anthropic();\nconst POLICY = '${policy}';\nexport const f = (q: string) => claude.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 300, system: POLICY, messages: [{ role: 'user', content: q }] });\n`;
    const [finding] = only((await check(text, 'typescript')).findings, 'cacheable-prompt-not-cached');
    assert.match(finding?.message ?? '', /caching it saves \$[\d,.]+\/month at 1,000\/day$/);
    assert.equal(
      applyEdits(text, finding?.fixes[0]?.edits ?? []),
      text.replace(
        'system: POLICY,',
        "system: [{ type: 'text', text: POLICY, cache_control: { type: 'ephemeral' } }],",
      ),
    );
  });
});

describe('fix-all plan', () => {
  const edit = (start: number, end: number, newText: string) => ({ start, end, newText });
  const finding = (start: number, edits: ReturnType<typeof edit>[], safe = true): Finding => ({
    code: 'missing-output-limit',
    severity: 'warning',
    file: 'x',
    line: 1,
    column: 1,
    range: { start, end: start + 1 },
    message: 'm',
    fixes: [{ title: 't', edits, safe, preferred: true }],
  });

  it('drops a fix that overlaps one taken before it, shares identical edits, skips unsafe fixes', () => {
    const plan = planFixAll([
      finding(0, [edit(10, 12, 'a')]),
      finding(5, [edit(11, 13, 'b')]),
      finding(6, [edit(20, 20, 'c')]),
      finding(7, [edit(20, 20, 'c')]),
      finding(8, [edit(30, 30, 'd')], false),
    ]);
    assert.deepEqual(plan.edits, [edit(10, 12, 'a'), edit(20, 20, 'c')]);
    assert.equal(plan.applied.length, 3);
    assert.deepEqual(
      plan.dropped.map((f) => f.range.start),
      [5],
    );
  });

  it('applies edits from the end, and refuses overlapping ones', () => {
    assert.equal(applyEdits('abcdef', [edit(1, 2, 'X'), edit(4, 4, 'Y')]), 'aXcdYef');
    assert.throws(() => applyEdits('abcdef', [edit(1, 3, 'X'), edit(2, 4, 'Y')]), /overlapping/);
  });
});

describe('ignore comments', () => {
  const at = (text: string) => ignoredAt(text, { start: text.indexOf('call('), end: text.indexOf(')') + 1 });

  it("on the call's line or in the comment block above it, with codes, commas or a reason", () => {
    assert.equal(at('x = call()  # llm-cost-lens-ignore\n'), 'all');
    const codes = at(
      '# llm-cost-lens-ignore batch-candidate, unknown-model -- one-off script\n@decorator\nx = call()\n',
    );
    assert.ok(silences(codes, 'batch-candidate') && silences(codes, 'unknown-model'));
    assert.ok(!silences(codes, 'missing-output-limit'));
    assert.ok(silences(at('/* llm-cost-lens-ignore growing-history */\ncall();\n'), 'growing-history'));
  });

  it('not from further away, not from code, not another directive', () => {
    assert.equal(at('# llm-cost-lens-ignore\ny = 1\nx = call()\n'), null);
    assert.equal(at('s = "llm-cost-lens-ignore"\nx = call()\n'), null);
    assert.equal(at('# llm-cost-lens-ignored\nx = call()\n'), null);
  });
});

describe('settings and project', () => {
  it('validates severities and limits, naming each bad value', () => {
    const { settings, problems } = validateRuleSettings({
      severity: {
        'batch-candidate': 'off',
        'unknown-model': 'error',
        'no-such-rule': 'info',
        'growing-history': 'loud',
      },
      outputLimits: { code: 8000, summary: -1, poems: 3 },
    });
    assert.deepEqual(settings.severity, { 'batch-candidate': 'off', 'unknown-model': 'error' });
    assert.equal(settings.outputLimits.code, 8000);
    assert.equal(settings.outputLimits.summary, 512);
    assert.equal(problems.length, 4);
    assert.deepEqual(validateRuleSettings({ severity: 'x' }).problems.length, 1);
  });

  it('reads the Vercel AI SDK major version from package.json', () => {
    assert.equal(projectInfoFromPackageJson('{"dependencies": {"ai": "^4.3.1"}}').vercelAiMajor, 4);
    assert.equal(projectInfoFromPackageJson('{"devDependencies": {"ai": "~5.0.0"}}').vercelAiMajor, 5);
    assert.equal(projectInfoFromPackageJson('{"dependencies": {}}').vercelAiMajor, null);
    assert.equal(projectInfoFromPackageJson('not json').vercelAiMajor, null);
  });

  it('reads whether the OpenAI SDK the manifests allow takes max_completion_tokens (openai-node 4.60, openai-python 1.45)', () => {
    const node = (range: string) =>
      projectInfoFromPackageJson(JSON.stringify({ dependencies: { ai: '^5.0.0', openai: range } }))
        .openaiNodeCompletionTokens;
    // chatbot-ui: `^4.23.0`, locked at 4.24.7, whose types reject the name.
    assert.deepEqual(['^4.23.0', '4.x', '~4.59.9', '>=4.0.0 <5'].map(node), [false, false, false, false]);
    assert.deepEqual(['^4.60.0', '4.104.0', '^5.1.0', '>=6', 'latest', '*'].map(node), [
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    assert.equal(projectInfoFromPackageJson('{"dependencies": {"ai": "^5.0.0"}}').openaiNodeCompletionTokens, null);
    const python = (text: string) => projectInfoFromPythonManifest(text).openaiPythonCompletionTokens;
    assert.equal(python('requests==2.31.0\nopenai==1.30.1\n'), false);
    assert.equal(python('openai>=1.3,<2  # the client\n'), false);
    assert.equal(python('openai[datalib]~=1.51\n'), true);
    assert.equal(python('openai\n'), true);
    // 0.x sends any keyword to the API as given.
    assert.equal(python('openai==0.28.1\n'), true);
    assert.equal(python('openai<1.40\n'), null);
    assert.equal(python('openai-agents==0.1.0\nlangchain-openai==0.1.0\n'), null);
    assert.equal(python('[project]\ndependencies = [\n  "fastapi",\n  "openai>=1.20.0",\n]\n'), false);
    assert.equal(python('[tool.poetry.dependencies]\nopenai = "^1.50.0"\n'), true);
    assert.equal(python('[tool.poetry.dependencies]\nopenai = { version = "^1.30", optional = true }\n'), false);
  });

  it('an OpenAI SDK older than max_completion_tokens gets max_tokens for a model the code does not name, and no fix for a reasoning model', async () => {
    const unknownModel = `import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport async function ask(model: string, q: string) {\n  return openai.chat.completions.create({ model, messages: [{ role: 'user', content: q }] });\n}\n`;
    const old = { openaiNodeCompletionTokens: false };
    assert.equal(await limitName(unknownModel, 'typescript'), 'max_completion_tokens');
    assert.equal(await limitName(unknownModel, 'typescript', old), 'max_tokens');
    const [sized] = only(
      (await check(unknownModel, 'typescript', { project: { ...unknownProject, ...old } })).findings,
      'missing-output-limit',
    );
    assert.match(sized?.fixes[0]?.title ?? '', /max_tokens: 2048 \(sized for a general task\)/);
    const reasoning = unknownModel.replace('model, messages', "model: 'o3', messages");
    assert.equal(await limitName(reasoning, 'typescript', old), undefined);
    assert.equal(await limitName(reasoning.replace("'o3'", "'gpt-4o'"), 'typescript', old), 'max_tokens');
    const py = `from openai import OpenAI\nclient = OpenAI()\ndef ask(model, q):\n    return client.chat.completions.create(model=model, messages=[{"role": "user", "content": q}])\n`;
    assert.equal(await limitName(py, 'python', { openaiPythonCompletionTokens: false }), 'max_tokens');
    // The other language's manifest says nothing of this file's SDK.
    assert.equal(await limitName(py, 'python', old), 'max_completion_tokens');
  });

  it("a severity setting changes a finding's severity; off removes it", async () => {
    const text = `${py}client.chat.completions.create(model="gpt-4o", messages=[])\n`;
    const raised = validateRuleSettings({ severity: { 'missing-output-limit': 'error' } }).settings;
    assert.equal(
      only((await check(text, 'python', { settings: raised })).findings, 'missing-output-limit')[0].severity,
      'error',
    );
    const off = validateRuleSettings({ severity: { 'missing-output-limit': 'off' } }).settings;
    assert.deepEqual(only((await check(text, 'python', { settings: off })).findings, 'missing-output-limit'), []);
  });
});

describe("a Gemini chat's startChat({ generationConfig }) replaces the model's config (JavaScript)", () => {
  const route = (chatOptions: string) =>
    `import { GoogleGenerativeAI } from '@google/generative-ai';\nconst genAI = new GoogleGenerativeAI(process.env.KEY ?? '');\nexport async function reply(history: any[], text: string) {\n  const model = genAI.getGenerativeModel({ model: 'gemini-1.5-flash' });\n  const chat = model.startChat(${chatOptions});\n  return chat.sendMessageStream(text);\n}\n`;

  it("puts the limit in startChat's config, where the chat's requests read it (chatbot-ui)", async () => {
    assert.match(
      await limitFixed(route('{ history, generationConfig: { temperature: 0.5 } }'), 'typescript'),
      /startChat\(\{ history, generationConfig: \{ temperature: 0\.5, maxOutputTokens: 2048 \} \}\)/,
    );
    // Without a config of its own, one is added there: the old SDK's name, not the new SDK's `config`.
    assert.match(
      await limitFixed(route('{ history }'), 'typescript'),
      /startChat\(\{ history, generationConfig: \{ maxOutputTokens: 2048 \} \}\)/,
    );
  });

  it("a chat started with no options sends its model's config: the limit goes there", async () => {
    assert.match(
      await limitFixed(route(''), 'typescript'),
      /getGenerativeModel\(\{ model: 'gemini-1\.5-flash', generationConfig: \{ maxOutputTokens: 2048 \} \}\)/,
    );
  });

  it("sees a limit written in startChat's config", async () => {
    const text = route('{ history, generationConfig: { temperature: 0.5, maxOutputTokens: 1024 } }');
    assert.deepEqual(only((await check(text, 'typescript')).findings, 'missing-output-limit'), []);
  });
});

describe('a limit set on one branch of a condition only', () => {
  it('is flagged, and the fix sets the branch that sets nothing (chatbot-ui)', async () => {
    const ts = `import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport async function chat(model: string, messages: any[]) {\n  return openai.chat.completions.create({ model, messages, max_tokens: model === 'gpt-4o' ? 4096 : null });\n}\n`;
    const [finding] = only((await check(ts, 'typescript')).findings, 'missing-output-limit');
    assert.match(finding?.message ?? '', /^No output limit when max_tokens is null \(one branch of its condition\)/);
    // The name stays max_tokens, which counts no reasoning: sized for the answer alone.
    assert.match(await limitFixed(ts, 'typescript'), /max_tokens: model === 'gpt-4o' \? 4096 : 2048 \}/);
    const py = `${'from openai import OpenAI\nclient = OpenAI()\n'}def ask(q, vision):\n    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}], max_tokens=4096 if vision else None)\n`;
    assert.match(await limitFixed(py, 'python'), /max_tokens=4096 if vision else 2048\)/);
    const both = py.replace('4096 if vision else None', '4096 if vision else 1024');
    assert.deepEqual(only((await check(both, 'python')).findings, 'missing-output-limit'), []);
  });

  it('a literal null under a name that counts no reasoning is sized for the answer alone', async () => {
    const ts = `import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport async function chat(model: string, messages: any[]) {\n  return openai.chat.completions.create({ model, messages, max_tokens: null });\n}\n`;
    assert.match(await limitFixed(ts, 'typescript'), /max_tokens: 2048 \}/);
  });
});

describe('no finding where the code may well be right (shapes from public repositories)', () => {
  it("an image model's call is not asked for a text output limit (khoj's Gemini image generation)", async () => {
    const call = (model: string) =>
      `from google import genai\nfrom google.genai import types\nclient = genai.Client()\ndef draw(prompt):\n    return client.models.generate_content(model="${model}", contents=prompt, config=types.GenerateContentConfig(response_modalities=["IMAGE"]))\n`;
    assert.deepEqual(
      only((await check(call('gemini-2.5-flash-image'), 'python')).findings, 'missing-output-limit'),
      [],
    );
    // The model is still said to be one the table does not price.
    assert.equal(only((await check(call('gemini-2.5-flash-image'), 'python')).findings, 'unknown-model').length, 1);
    assert.equal(only((await check(call('gemini-2.5-flash'), 'python')).findings, 'missing-output-limit').length, 1);
  });

  it('a Gemini Flash-Lite call or a thinking budget of 0 has no reasoning to starve the limit', async () => {
    const head = 'from google import genai\nfrom google.genai import types\nclient = genai.Client()\n';
    const lite = `${head}client.models.generate_content(model="gemini-2.5-flash-lite", contents="x", config=types.GenerateContentConfig(max_output_tokens=3))\n`;
    assert.deepEqual(only((await check(lite, 'python')).findings, 'reasoning-starves-output'), []);
    const flash = lite.replace('flash-lite', 'flash');
    assert.equal(only((await check(flash, 'python')).findings, 'reasoning-starves-output').length, 1);
    const off = flash.replace(
      'max_output_tokens=3',
      'max_output_tokens=3, thinking_config=types.ThinkingConfig(thinking_budget=0)',
    );
    assert.deepEqual(only((await check(off, 'python')).findings, 'reasoning-starves-output'), []);
  });

  it('a LangChain model whose limit is chosen at run time or passed through model_kwargs is not flagged', async () => {
    const head = 'from langchain.chat_models import init_chat_model\n';
    const configurable = `${head}model = init_chat_model(configurable_fields=("model", "max_tokens"))\ndef f(config, q):\n    return model.with_config(config).invoke(q)\n`;
    assert.deepEqual(only((await check(configurable, 'python')).findings, 'missing-output-limit'), []);
    const passed = `${head}def f(kwargs, q):\n    llm = init_chat_model(model="gpt-4o", model_kwargs=kwargs)\n    return llm.invoke(q)\n`;
    assert.deepEqual(only((await check(passed, 'python')).findings, 'missing-output-limit'), []);
    const written = `${head}llm = init_chat_model(model="gpt-4o", model_kwargs={"max_tokens": 300})\nllm.invoke("q")\n`;
    assert.deepEqual(only((await check(written, 'python')).findings, 'missing-output-limit'), []);
    const none = `${head}llm = init_chat_model(model="gpt-4o", model_kwargs={"temperature": 0})\nllm.invoke("q")\n`;
    assert.equal(only((await check(none, 'python')).findings, 'missing-output-limit').length, 1);
  });
  it('a simple task only where the prompt asks for it: not "avoid yes/no questions", not a prompt written for someone else to extract', async () => {
    const claude = 'import anthropic\nclient = anthropic.Anthropic()\n';
    const questions = `${claude}client.messages.create(model="claude-opus-4-1", max_tokens=1000, system="Your task is to generate a series of open-ended interview questions. Avoid yes/no questions.", messages=[])\n`;
    assert.deepEqual(only((await check(questions, 'python')).findings, 'premium-model-for-simple-task'), []);
    const delegated = `${claude}def f(question):\n    return client.messages.create(model="claude-opus-4-1", max_tokens=2048, messages=[{"role": "user", "content": f"Please generate a specific prompt for an LLM sub-agent to extract relevant information from a report.\\n\\nQuestion: {question}"}])\n`;
    assert.deepEqual(only((await check(delegated, 'python')).findings, 'premium-model-for-simple-task'), []);
    const asked = `${claude}def f(review):\n    return client.messages.create(model="claude-opus-4-1", max_tokens=1000, messages=[{"role": "user", "content": f"Extract the product names from this review: {review}"}])\n`;
    assert.equal(only((await check(asked, 'python')).findings, 'premium-model-for-simple-task').length, 1);
    // The limit fix sizes the task the same way: the questions are not sized as a classification.
    const sized = questions.replace('max_tokens=1000, ', '');
    const [limit] = only((await check(sized, 'python')).findings, 'missing-output-limit');
    assert.match(limit?.fixes[0]?.title ?? '', /\(sized for a general task\)$/);
  });

  it('a loop that carries a conversation object is not a batch candidate', async () => {
    const claude = 'import anthropic\nclient = anthropic.Anthropic()\n';
    const turns = `${claude}def simulate(questions, conversation_history):\n    for question in questions:\n        conversation_history.add_turn_user(question)\n        response = client.messages.create(model="claude-sonnet-4-5", max_tokens=300, messages=conversation_history.get_turns())\n        conversation_history.add_turn_assistant(response.content[0].text)\n`;
    assert.deepEqual(only((await check(turns, 'python')).findings, 'batch-candidate'), []);
    const rows = `${claude}def label(rows):\n    for row in rows:\n        client.messages.create(model="claude-sonnet-4-5", max_tokens=300, messages=[{"role": "user", "content": row}])\n`;
    assert.equal(only((await check(rows, 'python')).findings, 'batch-candidate').length, 1);
  });
});

describe('cheaper models offered for a simple task', () => {
  it('support what the call uses, never fail on its limit, and are titled with the saving; a shared constant stays', async () => {
    const text =
      `${py}MODEL = "gpt-4"\ndef f(url):\n    return client.chat.completions.create(model=MODEL, max_tokens=5, tools=[],\n` +
      `        messages=[{"role": "user", "content": [{"type": "text", "text": "Is this spam? yes or no"}, {"type": "image_url", "image_url": {"url": url}}]}])\n` +
      'def g(q):\n    return client.chat.completions.create(model=MODEL, max_tokens=900, messages=[{"role": "user", "content": q}])\n';
    const { findings } = await check(text, 'python');
    const [premium] = only(findings, 'premium-model-for-simple-task');
    assert.equal(premium.fixes.length, 3);
    for (const fix of premium.fixes) {
      const [, name] = /^Switch to (\S+): saves \$[\d,.]+\/month$/.exec(fix.title) ?? [];
      assert.ok(name, fix.title);
      const entry = bundledTable.models.find((m) => m.id === name);
      assert.ok(entry?.capabilities.vision && entry.capabilities.tools, `${name} supports images and tools`);
      assert.notEqual(entry.capabilities.reasoning, true, `${name} would reject max_tokens`);
      // MODEL is read by g too: the call gets its own literal.
      assert.deepEqual(
        fix.edits.map((e) => text.slice(e.start, e.end)),
        ['MODEL'],
      );
      assert.equal(fix.safe, false);
    }
  });
});

describe('the ignore action', () => {
  const callAt = (text: string) => ({ start: text.indexOf('client.'), end: text.indexOf(')') + 1 });

  it('writes a comment above the call at its indentation, or adds the code to one already there', () => {
    const py = 'def f():\n    x = client.create()\n';
    assert.equal(
      applyEdits(py, [ignoreEdit(py, 'python', callAt(py), 'batch-candidate')]),
      'def f():\n    # llm-cost-lens-ignore batch-candidate\n    x = client.create()\n',
    );
    const ts = 'function f() {\r\n  // llm-cost-lens-ignore batch-candidate -- a job\r\n  client.create();\r\n}\r\n';
    assert.equal(
      applyEdits(ts, [ignoreEdit(ts, 'typescript', callAt(ts), 'unknown-model')]),
      'function f() {\r\n  // llm-cost-lens-ignore batch-candidate, unknown-model -- a job\r\n  client.create();\r\n}\r\n',
    );
    const continued = 'x = \\\n    client.create()\n';
    assert.equal(
      applyEdits(continued, [ignoreEdit(continued, 'python', callAt(continued), 'unknown-model')]),
      'x = \\\n    client.create()  # llm-cost-lens-ignore unknown-model\n',
    );
  });
});

describe('fix passes map a finding back to the text as given', () => {
  it('undoes the edits before an offset, and only those', () => {
    const text = 'abcdef';
    const edits = [
      { start: 3, end: 5, newText: 'Y' },
      { start: 1, end: 1, newText: 'XX' },
    ];
    const after = applyEdits(text, edits);
    assert.equal(after, 'aXXbcYf');
    for (const char of ['a', 'b', 'c', 'f']) {
      assert.equal(text[beforeEdits(after.indexOf(char), edits)], char);
    }
    assert.equal(beforeEdits(after.indexOf('Y'), edits), 3, 'inside a replacement: where it starts');
  });
});
