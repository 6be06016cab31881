import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { FindingJson } from '../../../src/cli/scan/findings';
import { runCli } from '../../../src/cli/run';
import { applyEdits } from '../../../src/core/rules';
import { tempDir, writeTree } from '../../support/hostileRepo';
import { captureIo } from '../helpers/io';

/** The model is set in another module, as real applications set it; the limits the fix writes in the settings. */
const repository = {
  'app/__init__.py': '',
  'app/config.py': 'MODEL = "o3-mini"\n',
  'app/bot.py': `from openai import OpenAI

from .config import MODEL

client = OpenAI()


def ask(question):
    return client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": question}])
`,
  'app/plain.py': `from openai import OpenAI

client = OpenAI()


def ask(question):
    return client.chat.completions.create(model="gpt-4.1", messages=[{"role": "user", "content": question}])
`,
  'app/legacy.py': `from openai import OpenAI

client = OpenAI()


def ask(question):
    return client.chat.completions.create(model="o3", max_tokens=100, messages=[{"role": "user", "content": question}])
`,
  '.vscode/settings.json': `{
  // The team's limits: the fix writes these, as the editor's quick fix does.
  "llmCostLens.rules.outputLimits": { "general": 1500, "reasoning": 6000 },
  "llmCostLens.rules.severity": { "max-tokens-rejected": "off" },
}
`,
};

describe('llm-cost-lens fix applies what scan finds', () => {
  it('follows the model into another file and reads the settings file, as scan does', async () => {
    const root = tempDir('fix-agrees');
    writeTree(root, repository);
    const scan = captureIo(root, {});
    assert.equal(await runCli(['scan', '.', '--format', 'json'], scan), 0, scan.err());
    const findings = (JSON.parse(scan.out()) as { findings: FindingJson[] }).findings.filter(
      (f) => f.code === 'missing-output-limit',
    );
    assert.deepEqual(findings.map((f) => f.file).sort(), ['app/bot.py', 'app/plain.py']);
    const expected = new Map(
      findings.map((f) => {
        const original = readFileSync(path.join(root, f.file), 'utf8');
        return [f.file, applyEdits(original, f.fixes[0]?.edits ?? [])];
      }),
    );
    // The scan's fixes: o3-mini (from app/config.py) takes max_completion_tokens, sized by the settings.
    assert.match(expected.get('app/bot.py') ?? '', /max_completion_tokens=6000/);
    assert.match(expected.get('app/plain.py') ?? '', /max_tokens=1500/);

    const fix = captureIo(root, {});
    assert.equal(await runCli(['fix', '.', '--rule', 'missing-output-limit'], fix), 0, fix.err());
    for (const [file, text] of expected) assert.equal(readFileSync(path.join(root, file), 'utf8'), text, file);

    // A rule the settings turn off is neither reported nor fixed.
    assert.ok(!scan.out().includes('max-tokens-rejected'));
    const off = captureIo(root, {});
    assert.equal(await runCli(['fix', '.', '--rule', 'max-tokens-rejected'], off), 0, off.err());
    assert.equal(readFileSync(path.join(root, 'app/legacy.py'), 'utf8'), repository['app/legacy.py']);
  });
});
