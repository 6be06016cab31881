import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { FindingJson } from '../../../src/cli/scan/findings';
import { runCli } from '../../../src/cli/run';
import { notebookFromJson } from '../../../src/core/analysis/notebook';
import { notebookFileLines } from '../../../src/core/analysis/notebookFileLines';
import { applyEdits } from '../../../src/core/rules';
import { captureIo } from '../helpers/io';
import { fixturesDir } from '../helpers/paths';
import { disposeHost, errors } from './helpers';

after(disposeHost);

const folder = path.join(fixturesDir, 'notebook');
const notebookText = (dir: string): string => readFileSync(path.join(dir, 'triage.ipynb'), 'utf8');
/** A cell's source as one text (nbformat writes a list of lines or one string). */
function cellSource(json: string, cell: number): string {
  const { cells } = JSON.parse(json) as { cells: { source: string[] | string }[] };
  return [cells[cell - 1]?.source ?? []].flat().join('');
}

async function run(cwd: string, args: string[], code = 0): Promise<string> {
  const io = captureIo(cwd);
  assert.equal(await runCli(args, io), code, io.err());
  return io.out();
}

function temporaryCopy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-notebook-fix-'));
  cpSync(folder, dir, { recursive: true });
  return dir;
}

/** A notebook of code cells, nbformat style (one string per line, indent 1). */
function notebookJson(...cells: string[]): string {
  const source = (text: string): string[] => text.split(/(?<=\n)/);
  const document = {
    cells: cells.map((text) => ({ cell_type: 'code', metadata: {}, outputs: [], source: source(text) })),
    metadata: { kernelspec: { language: 'python', name: 'python3' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(document, null, 1)}\n`;
}

describe('findings in notebooks', () => {
  it('scan lists them by cell, with lines and fix offsets of the cell’s own text', async () => {
    const document = JSON.parse(await run(folder, ['scan', '.', '--format', 'json'])) as { findings: FindingJson[] };
    const limit = document.findings.find((f) => f.code === 'missing-output-limit');
    assert.ok(limit, JSON.stringify(document.findings));
    assert.deepEqual(Object.keys(limit), ['code', 'severity', 'file', 'line', 'column', 'cell', 'message', 'fixes']);
    assert.deepEqual([limit.file, limit.cell, limit.line, limit.column], ['triage.ipynb', 7, 3, 37]);
    const cell = cellSource(notebookText(folder), 7);
    const fixed = applyEdits(cell, limit.fixes[0]?.edits ?? []);
    assert.match(fixed, /messages=\[\{"role": "user", "content": ticket\}\],\n {8}max_tokens=2048,\n {4}\)/);
    assert.equal(await errors(fixed, 'python'), 0);
    assert.deepEqual(
      document.findings.map((f) => [f.code, f.cell]),
      [
        ['missing-output-limit', 7],
        ['batch-candidate', 7],
      ],
    );
  });

  it('the table prints them under the cell’s call', async () => {
    const lines = (await run(folder, ['scan', '.'])).split('\n');
    const call = lines.findIndex((l) => l.startsWith('triage.ipynb (cell 7):3 '));
    assert.ok(call > 0, lines.join('\n'));
    assert.match(lines[call + 1] ?? '', /^ {2}warning missing-output-limit: No output limit: worst case \$/);
    assert.match(lines[call + 2] ?? '', /^ {2}info batch-candidate: /);
  });

  it('SARIF points at the line of the notebook file that holds the call, and leaves the cell edits out', async () => {
    const sarif = JSON.parse(await run(folder, ['scan', '.', '--format', 'sarif'])) as {
      runs: {
        results: {
          ruleId: string;
          message: { text: string };
          fixes?: unknown;
          properties: { cell: number; lineInCell: number };
          locations: { physicalLocation: { region?: { startLine: number } } }[];
        }[];
      }[];
    };
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(
      JSON.parse(
        readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
      ) as object,
    );
    assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
    const [result] = sarif.runs[0]?.results ?? [];
    assert.equal(result?.ruleId, 'missing-output-limit');
    assert.equal(result.fixes, undefined);
    assert.deepEqual(result.properties.cell, 7);
    assert.match(result.message.text, /\(cell 7, line 3\)$/);
    const fileLine = result.locations[0]?.physicalLocation.region?.startLine ?? 0;
    assert.match(
      notebookText(folder).split('\n')[fileLine - 1] ?? '',
      /^ {4}" {4}reply = client\.chat\.completions\.create\(\\n",$/,
    );
  });

  it('fix rewrites only the fixed cell’s source, in the file’s own layout, and a second run has nothing to do', async () => {
    const dir = temporaryCopy();
    try {
      const before = notebookText(dir);
      assert.match(
        await run(dir, ['fix']),
        /^fixed triage\.ipynb:\n {2}cell 7 3:37 {2}missing-output-limit: Add max_tokens=2048/,
      );
      const after = notebookText(dir);
      const added = '    "        max_tokens=2048,\\n",\n';
      const at = after.indexOf(added);
      assert.ok(at > 0, after);
      assert.equal(after.slice(0, at) + after.slice(at + added.length), before);
      assert.ok(!('skipped' in notebookFromJson(after)));
      const again = JSON.parse(await run(dir, ['scan', '.', '--format', 'json'])) as { findings: FindingJson[] };
      assert.deepEqual(
        again.findings.map((f) => f.code),
        ['batch-candidate'],
      );
      assert.match(await run(dir, ['fix']), /Fixed 0 findings in 0 files\.\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fix edits a constant set in an earlier cell; the scan offers no edit of another cell', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-notebook-fix-'));
    try {
      const file = path.join(dir, 'reason.ipynb');
      writeFileSync(
        file,
        notebookJson(
          '%pip install openai\nfrom openai import OpenAI\nLIMIT = 300\nclient = OpenAI()',
          '!ls\nanswer = client.chat.completions.create(model="o4-mini", max_completion_tokens=LIMIT, messages=[])',
        ),
      );
      const scan = JSON.parse(await run(dir, ['scan', '.', '--format', 'json'])) as { findings: FindingJson[] };
      const starved = scan.findings.find((f) => f.code === 'reasoning-starves-output');
      assert.deepEqual([starved?.cell, starved?.line], [2, 2]);
      const cell2 = cellSource(readFileSync(file, 'utf8'), 2);
      for (const fix of starved?.fixes ?? []) {
        for (const edit of fix.edits) assert.ok(edit.end <= cell2.length, `${fix.title} edits another cell`);
      }
      await run(dir, ['fix', '--rule', 'reasoning-starves-output']);
      const fixed = readFileSync(file, 'utf8');
      assert.equal(
        cellSource(fixed, 1),
        '%pip install openai\nfrom openai import OpenAI\nLIMIT = 4608\nclient = OpenAI()',
      );
      assert.equal(cellSource(fixed, 2), cell2, 'the magic and the call stay as they were');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a cell line maps to the line of the notebook file that holds it', () => {
    const json = notebookJson('a = 1\nb = 2\n', 'c = 3\nd = 4');
    const lineOf = notebookFileLines(json);
    const lines = json.split('\n');
    assert.match(lines[(lineOf(1, 2) ?? 0) - 1] ?? '', /"b = 2\\n"/);
    assert.match(lines[(lineOf(2, 2) ?? 0) - 1] ?? '', /"d = 4"/);
    assert.match(lines[(lineOf(2, 1) ?? 0) - 1] ?? '', /"c = 3\\n"/);
    assert.equal(lineOf(5, 1), null);
    const oneString = '{"cells": [\n{"cell_type": "code", "source": "x = 1\\ny = 2"}]}';
    assert.equal(notebookFileLines(oneString)(1, 2), 2);
  });
});
