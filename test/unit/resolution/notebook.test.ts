import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { joinCells, notebookFromJson } from '../../../src/core/analysis/notebook';
import type { CallRecord } from '../../../src/core/analysis/types';
import { runCli } from '../../../src/cli/run';
import { captureIo } from '../helpers/io';
import { fixturesDir } from '../helpers/paths';

const folder = path.join(fixturesDir, 'notebook');

async function scanJson(cwd: string): Promise<{ calls: CallRecord[]; skipped: { file: string; reason: string }[] }> {
  const io = captureIo(cwd);
  assert.equal(await runCli(['scan', '.', '--format', 'json'], io), 0, io.err());
  return JSON.parse(io.out()) as { calls: CallRecord[]; skipped: { file: string; reason: string }[] };
}

describe('notebooks', () => {
  it('joins code cells in order and comments out magics and shell escapes in place', () => {
    const code = joinCells(
      [
        { cell: 1, source: '%pip install openai\nimport os\n!ls' },
        { cell: 3, source: '%%bash\necho hi' },
        { cell: 4, source: '%%time\nx = 1' },
      ],
      'python',
    );
    assert.equal(code.text, '#pip install openai\nimport os\n#ls\n#%bash\n#cho hi\n#%time\nx = 1');
    assert.deepEqual(
      code.cells.map((c) => [c.cell, c.firstLine, code.text.slice(c.start, c.end).length]),
      [
        [1, 0, 33],
        [3, 3, 14],
        [4, 5, 12],
      ],
    );
  });

  it('are scanned by the CLI: cells in order, locations by cell and line, offsets into the cell', async () => {
    const scan = await scanJson(folder);
    const { calls: expected } = JSON.parse(readFileSync(path.join(folder, 'expected.json'), 'utf8')) as {
      calls: unknown[];
    };
    assert.deepEqual(
      scan.calls.map(({ cell, line, model, modelVia, modelSource }) => ({ cell, line, model, modelVia, modelSource })),
      expected,
    );
    const notebook = JSON.parse(readFileSync(path.join(folder, 'triage.ipynb'), 'utf8')) as {
      cells: { source: string[] }[];
    };
    const [classify] = scan.calls;
    const cellText = notebook.cells[(classify?.cell ?? 0) - 1]?.source.join('') ?? '';
    assert.match(cellText.slice(classify?.range.start, classify?.range.end), /^client\.chat\.completions\.create\(/);
  });

  it("keep a message whose template is written in another cell, as fix sees it (anthropics/courses's medical prompt)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-notebook-template-'));
    try {
      const template = 'Summarize the patient record for our doctors. Be precise and brief. '.repeat(3);
      const cells = [
        'from anthropic import Anthropic\nclient = Anthropic()\n',
        `TEMPLATE = """${template}\n<record>{record}</record>"""\n`,
        'def gen(record):\n    return client.messages.create(model="claude-haiku-4-5", max_tokens=500,\n' +
          '        messages=[{"role": "user", "content": TEMPLATE.format(record=record)}])\n',
      ];
      const notebook = {
        cells: cells.map((source) => ({ cell_type: 'code', metadata: {}, outputs: [], source })),
        metadata: { kernelspec: { name: 'python3', language: 'python' } },
        nbformat: 4,
        nbformat_minor: 5,
      };
      writeFileSync(path.join(dir, 'n.ipynb'), JSON.stringify(notebook));
      const [call] = (await scanJson(dir)).calls;
      // The message's own range lies in the template's cell: only that range goes, not the message.
      assert.equal(call.messages.length, 1);
      assert.deepEqual(
        call.messages[0].segments.map((s) => s.kind),
        ['static', 'dynamic', 'static'],
      );
      assert.ok((call as CallRecord & { inputTokens: number }).inputTokens > 200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('skip a notebook that is not JSON, or whose outputs make it huge, with the reason and in bounded time', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-notebooks-'));
    try {
      writeFileSync(path.join(dir, 'broken.ipynb'), '{"cells": [ {"cell_type": "code", "source": "from openai import');
      const big = {
        cells: [
          {
            cell_type: 'code',
            source: 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=[])',
            outputs: [],
          },
          { cell_type: 'code', source: 'plot()', outputs: [{ data: { 'image/png': 'A'.repeat(50 * 1024 * 1024) } }] },
        ],
        metadata: {},
      };
      writeFileSync(path.join(dir, 'huge.ipynb'), JSON.stringify(big));
      writeFileSync(
        path.join(dir, 'r.ipynb'),
        JSON.stringify({ cells: [], metadata: { kernelspec: { language: 'R' } } }),
      );
      const started = Date.now();
      const scan = await scanJson(dir);
      assert.ok(Date.now() - started < 20_000, 'bounded time');
      const reasons = Object.fromEntries(scan.skipped.map((s) => [s.file, s.reason]));
      assert.match(reasons['broken.ipynb'] ?? '', /not a valid notebook/);
      assert.match(reasons['huge.ipynb'] ?? '', /larger than 16 MB/);
      assert.match(reasons['r.ipynb'] ?? '', /language that is not analysed/);
      assert.equal(scan.calls.length, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.deepEqual(notebookFromJson('[]'), { skipped: 'not a valid notebook (no cells)' });
  });

  it('read the cells of a Coconut-kernel notebook as Python (a superset of it), and still skip R', () => {
    const cells = [
      {
        cell_type: 'code',
        source:
          'import anthropic\nanthropic.Anthropic().messages.create(model="claude-sonnet-4-5", max_tokens=9, messages=[])',
      },
    ];
    const coconut = notebookFromJson(
      JSON.stringify({ cells, metadata: { kernelspec: { language: 'coconut' }, language_info: { name: 'coconut' } } }),
    );
    assert.ok(!('skipped' in coconut), 'analysed');
    assert.equal(coconut.languageId, 'python');
    assert.deepEqual(notebookFromJson(JSON.stringify({ cells, metadata: { language_info: { name: 'R' } } })), {
      skipped: 'a notebook in a language that is not analysed',
    });
  });
});
