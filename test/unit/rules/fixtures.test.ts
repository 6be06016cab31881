import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { languageIdForPath } from '../../../src/core/parsing/languages';
import { applyEdits, planFixAll, safeFix } from '../../../src/core/rules';
import { fixturesDir } from '../helpers/paths';
import { check, disposeHost, errors, sourceFiles } from './helpers';

after(disposeHost);

/** Every source file under the analysis and rules fixtures. */
const fixtureFiles = (): string[] => sourceFiles(path.join(fixturesDir, 'analysis'), path.join(fixturesDir, 'rules'));

const rulesDir = path.join(fixturesDir, 'rules');

describe('rules on the fixtures', () => {
  it('report exactly the expected findings on the rule fixtures', async () => {
    const expected = JSON.parse(readFileSync(path.join(rulesDir, 'expected.json'), 'utf8')) as Record<
      string,
      [number, string][]
    >;
    for (const [file, want] of Object.entries(expected)) {
      const full = path.join(rulesDir, file);
      const languageId = languageIdForPath(full);
      assert.ok(languageId, file);
      const { findings } = await check(readFileSync(full, 'utf8'), languageId);
      assert.deepEqual(
        findings.map((f) => [f.line, f.code]),
        want,
        file,
      );
    }
  });

  it('every fix on every fixture leaves code that parses with no new syntax errors, in both languages', async () => {
    const tried = new Map<string, number>();
    for (const file of fixtureFiles()) {
      const languageId = languageIdForPath(file);
      if (!languageId) continue;
      const text = readFileSync(file, 'utf8');
      const before = await errors(text, languageId);
      const { findings } = await check(text, languageId, { file: path.relative(fixturesDir, file) });
      for (const finding of findings) {
        for (const fix of finding.fixes) {
          const fixed = applyEdits(text, fix.edits);
          assert.notEqual(fixed, text, `${file}:${finding.line} ${fix.title} changes nothing`);
          const after = await errors(fixed, languageId);
          assert.ok(
            after <= before,
            `${path.relative(fixturesDir, file)}:${finding.line} ${finding.code} "${fix.title}": ${after} syntax errors (before: ${before})`,
          );
          const family = languageId === 'python' ? 'python' : 'ts/js';
          tried.set(family, (tried.get(family) ?? 0) + 1);
        }
      }
    }
    // Enough fixes of each language were tried for the test to mean something.
    assert.ok((tried.get('python') ?? 0) >= 20, `python fixes tried: ${tried.get('python')}`);
    assert.ok((tried.get('ts/js') ?? 0) >= 15, `ts/js fixes tried: ${tried.get('ts/js')}`);
  });

  it('fix-all, repeated until nothing changes, removes every finding that has a safe fix', async () => {
    for (const file of fixtureFiles()) {
      const languageId = languageIdForPath(file);
      if (!languageId) continue;
      const original = readFileSync(file, 'utf8');
      const before = await errors(original, languageId);
      let text = original;
      for (let pass = 0; pass < 5; pass++) {
        const plan = planFixAll((await check(text, languageId, { file: path.relative(fixturesDir, file) })).findings);
        if (plan.edits.length === 0) break;
        text = applyEdits(text, plan.edits);
      }
      const left = (await check(text, languageId, { file: path.relative(fixturesDir, file) })).findings.filter((f) =>
        safeFix(f),
      );
      assert.deepEqual(
        left.map((f) => `${f.line} ${f.code}`),
        [],
        `${path.relative(fixturesDir, file)} still has fixable findings`,
      );
      assert.ok((await errors(text, languageId)) <= before, `${file}: fix-all broke the syntax`);
    }
  });
});
