import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { fitCell, nameColumnWidth } from '../../../src/cli/scan/table';
import { tempDir, writeTree } from '../../support/hostileRepo';
import { captureIo } from '../helpers/io';

const localModel = 'lmstudio-community/Meta-Llama-3.1-70B-Instruct-GGUF/Meta-Llama-3.1-70B-Instruct-IQ2_M.gguf';
const bedrockModel = 'us.anthropic.claude-3-7-sonnet-20250219-v1:0';

const bot = (model: string): string => `from openai import OpenAI

client = OpenAI(base_url="http://localhost:1234/v1")


def ask(question):
    return client.chat.completions.create(model="${model}", messages=[{"role": "user", "content": question}], max_tokens=300)
`;

const passedInADict = `from openai import OpenAI

client = OpenAI()


class Agent:
    def ask(self, messages):
        params = {"model": self.config.model, "messages": messages, "max_tokens": 300}
        return client.chat.completions.create(**params)

    def ask_with(self, **kwargs):
        return client.chat.completions.create(**kwargs)
`;

describe('scan table: the model column', () => {
  it('says unresolved where a model is passed (in a dict spread into the call too), unknown where none is', async () => {
    const dir = tempDir('table-model');
    writeTree(dir, { 'app/agent.py': passedInADict });
    const io = captureIo(dir, {});
    assert.equal(await runCli(['scan', 'app'], io), 0, io.err());
    assert.match(io.out(), /^agent\.py:9 .* unresolved /m);
    assert.match(io.out(), /^agent\.py:12 .* unknown /m);
  });
});

const limits = `from dataclasses import dataclass
from openai import OpenAI

client = OpenAI()


@dataclass
class Chat:
    max_tokens: int | None = None

    def ask(self, question):
        params = {}
        if self.max_tokens is not None:
            params["max_tokens"] = self.max_tokens
        return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}], **params)


def plain(question):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}])


def literal(question):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}], max_tokens=None)
`;

describe('scan table: the limit column', () => {
  it('names a limit parameter written with no value (a setting defaulting to None), and says none where there is none', async () => {
    const dir = tempDir('table-limit');
    writeTree(dir, { 'app/chat.py': limits });
    const io = captureIo(dir, {});
    assert.equal(await runCli(['scan', 'app'], io), 0, io.err());
    const out = io.out();
    // A caller may set it: no warning, and the table says where the limit would go.
    assert.match(out, /^chat\.py:15 .* max_tokens=none /m);
    assert.doesNotMatch(out, /^chat\.py:15 .*\n\s+warning missing-output-limit/m);
    assert.match(out, /^chat\.py:19 .* none /m);
    assert.match(out, /^chat\.py:19 .*\n\s+warning missing-output-limit/m);
    assert.match(out, /^chat\.py:23 .* max_tokens=none .*\n\s+warning missing-output-limit/m);
  });
});

describe('scan table: long model names', () => {
  it('cuts a long cell in the middle, to the width', () => {
    const cut = fitCell(localModel, nameColumnWidth);
    assert.equal(cut.length, nameColumnWidth);
    assert.match(cut, /^lmstudio-community\/Meta-.*….*-IQ2_M\.gguf$/);
    assert.equal(fitCell(bedrockModel, nameColumnWidth), bedrockModel);
    assert.equal(fitCell('abcdef', 5), 'ab…ef');
  });

  it('keeps the table as narrow as its names allow, and the JSON whole', async () => {
    const dir = tempDir('table-width');
    writeTree(dir, { 'app/local.py': bot(localModel), 'app/bedrock.py': bot(bedrockModel) });
    const table = captureIo(dir, {});
    assert.equal(await runCli(['scan', 'app'], table), 0, table.err());
    const [header, rule, ...rows] = table.out().split('\n');
    const modelColumn = header?.indexOf('model') ?? -1;
    const width = rule?.split('  ').map((dashes) => dashes.length)[
      (header?.slice(0, modelColumn).match(/\S+/g) ?? []).length
    ];
    assert.equal(width, nameColumnWidth, 'the model column is as wide as the cap, not as the local model');
    assert.ok(
      rows.some((row) => row.includes(fitCell(localModel, nameColumnWidth))),
      table.out(),
    );
    assert.ok(
      rows.some((row) => row.includes(bedrockModel)),
      table.out(),
    );
    const json = captureIo(dir, {});
    assert.equal(await runCli(['scan', 'app', '--format', 'json'], json), 0, json.err());
    const models = (JSON.parse(json.out()) as { calls: { model: string }[] }).calls.map((c) => c.model).sort();
    assert.deepEqual(models, [localModel, bedrockModel].sort());
  });
});
