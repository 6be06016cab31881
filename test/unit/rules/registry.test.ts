import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { defaultOutputLimits, ruleCodes, ruleMeta, rules, severities } from '../../../src/core/rules';
import { repoRoot } from '../helpers/paths';

describe('rule registry', () => {
  it('has one rule per code', () => {
    assert.deepEqual(rules.map((r) => r.code).sort(), [...ruleCodes].sort());
  });

  it('every rule has a stable code, a default severity, a title, help and its documentation page', () => {
    const codes = new Set<string>();
    for (const rule of rules) {
      assert.ok(!codes.has(rule.code), `${rule.code} twice`);
      codes.add(rule.code);
      const meta = ruleMeta(rule.code);
      assert.ok(meta && severities.includes(meta.defaultSeverity));
      assert.ok(meta.title.length > 5 && meta.help.length > 80, rule.code);
      assert.equal(meta.docUrl, `https://github.com/llm-cost-lens/llm-cost-lens/blob/main/docs/rules/${rule.code}.md`);
      const page = path.join(repoRoot, 'docs', 'rules', `${rule.code}.md`);
      assert.ok(existsSync(page), `${page} is missing`);
      assert.match(readFileSync(page, 'utf8'), new RegExp(`^# ${rule.code}\\n`));
      assert.match(
        readFileSync(path.join(repoRoot, 'docs', 'rules', 'README.md'), 'utf8'),
        new RegExp(`\\(${rule.code}\\.md\\)`),
      );
    }
  });
});

describe('settings schema', () => {
  it('lists every rule code for llmCostLens.rules.severity and every task kind for the output limits', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { properties?: Record<string, unknown> }> }[] };
    };
    const properties = Object.assign({}, ...manifest.contributes.configuration.map((c) => c.properties)) as Record<
      string,
      { properties?: Record<string, unknown> }
    >;
    assert.deepEqual(
      Object.keys(properties['llmCostLens.rules.severity']?.properties ?? {}).sort(),
      [...ruleCodes].sort(),
    );
    assert.deepEqual(
      Object.keys(properties['llmCostLens.rules.outputLimits']?.properties ?? {}).sort(),
      Object.keys(defaultOutputLimits).sort(),
    );
  });
});
