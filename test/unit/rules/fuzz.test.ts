import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { languageIdForPath } from '../../../src/core/parsing/languages';
import { applyEdits, planFixAll } from '../../../src/core/rules';
import { mutate, prng } from '../analysis/random';
import { fixturesDir } from '../helpers/paths';
import { check, disposeHost, sourceFiles } from './helpers';

after(disposeHost);

const mutations = 400;

describe('rules fuzz', () => {
  it(`finds and fixes on ${mutations} random mutations of the fixtures without an exception`, async () => {
    const files = sourceFiles(path.join(fixturesDir, 'rules'), path.join(fixturesDir, 'analysis')).map((file) => ({
      file,
      text: readFileSync(file, 'utf8'),
      languageId: languageIdForPath(file),
    }));
    const random = prng(90210);
    let findings = 0;
    let fixes = 0;
    for (let i = 0; i < mutations; i++) {
      const { file, text: original, languageId } = files[i % files.length];
      assert.ok(languageId);
      const text = mutate(random, original);
      const { findings: found } = await check(text, languageId, { file: path.relative(fixturesDir, file) });
      findings += found.length;
      for (const finding of found) {
        assert.ok(
          finding.range.start >= 0 && finding.range.end <= text.length && finding.range.start <= finding.range.end,
        );
        // Every fix's edits fit the text and can be applied together.
        for (const fix of finding.fixes) {
          for (const edit of fix.edits) assert.ok(edit.start >= 0 && edit.end <= text.length && edit.start <= edit.end);
          applyEdits(text, fix.edits);
          fixes++;
        }
      }
      applyEdits(text, planFixAll(found).edits);
    }
    // The mutations keep most of the code: the rules had something to look at.
    assert.ok(findings > mutations / 2, `${findings} findings`);
    assert.ok(fixes > mutations / 2, `${fixes} fixes`);
  });
});
