import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { codeCacheFile, writeCodeCacheVariable, type BundleRun } from '../../../src/cli/codeCache';
import { tempDirsRemovedAfter } from '../helpers/tempDirs';

const codeCacheModule = path.resolve(__dirname, '..', '..', '..', 'src', 'cli', 'codeCache.js');
const tempDir = tempDirsRemovedAfter();

interface Ran {
  run: BundleRun;
  /** What the bundle printed. */
  printed: { answer: string; filename: string; dirname: string; helper: string; module: string };
  stderr: string;
  status: number | null;
}

/** A bundle that prints what its code returns, where it thinks it is, and what it requires beside itself. */
function bundleSource(answer: string): string {
  return [
    `function answer() { return '${answer}'; }`,
    `process.stdout.write(JSON.stringify({ answer: answer(), filename: __filename, dirname: __dirname,`,
    `  helper: require('./helper.cjs'), module: typeof module.exports }));`,
    '',
  ].join('\n');
}

function makeBundle(answer: string): string {
  const dir = tempDir('code-cache');
  writeFileSync(path.join(dir, 'helper.cjs'), "module.exports = 'beside';\n");
  const bundle = path.join(dir, 'bundle.js');
  writeFileSync(bundle, bundleSource(answer));
  return bundle;
}

/** Runs `bundle` through `runBundle` in a new Node (with `flags`), writing its code cache when `write`. */
function runThrough(bundle: string, options: { write?: boolean; flags?: string[] } = {}): Ran {
  const script = [
    `const run = require(${JSON.stringify(codeCacheModule)}).runBundle(${JSON.stringify(bundle)});`,
    `process.stderr.write('RUN ' + JSON.stringify(run) + '\\n');`,
  ].join('\n');
  const child = spawnSync(process.execPath, [...(options.flags ?? []), '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, [writeCodeCacheVariable]: options.write ? '1' : '' },
  });
  const runLine = /^RUN (.*)$/m.exec(child.stderr)?.[1];
  assert.ok(runLine, `runBundle returned (stderr: ${child.stderr})`);
  // JSON leaves out `rejected: undefined`: it is put back so that the runs compare whole.
  const { cached, rejected } = JSON.parse(runLine) as BundleRun;
  return {
    run: { cached, rejected },
    printed: JSON.parse(child.stdout) as Ran['printed'],
    stderr: child.stderr.replace(/^RUN .*\n/m, ''),
    status: child.status,
  };
}

describe('cli: the bundle run from V8 code cache (src/cli/codeCache.ts)', () => {
  it('runs the bundle as Node loads a module, and from its cache once written', () => {
    const bundle = makeBundle('AAAA');
    const first = runThrough(bundle, { write: true });
    assert.deepEqual(first.run, { cached: false, rejected: undefined });
    assert.deepEqual(first.printed, {
      answer: 'AAAA',
      filename: bundle,
      dirname: path.dirname(bundle),
      helper: 'beside',
      module: 'object',
    });
    assert.match(readFileSync(codeCacheFile(bundle), 'latin1'), /^llm-cost-lens code cache 1 [0-9a-f]{40}\n/);

    const second = runThrough(bundle);
    assert.deepEqual(second.run, { cached: true, rejected: false }, 'V8 took the cached code');
    assert.deepEqual(second.printed, first.printed);
    assert.equal(second.stderr, '');
  });

  it('never runs the code cached for another bundle of the same length (V8 itself would)', () => {
    const bundle = makeBundle('AAAA');
    runThrough(bundle, { write: true });
    writeFileSync(bundle, bundleSource('BBBB'));
    const changed = runThrough(bundle);
    assert.equal(changed.printed.answer, 'BBBB');
    assert.deepEqual(changed.run, { cached: false, rejected: undefined });
  });

  it('compiles the bundle as usual when V8 refuses the cache (another V8, other flags)', () => {
    const bundle = makeBundle('AAAA');
    runThrough(bundle, { write: true });
    const refused = runThrough(bundle, { flags: ['--no-opt'] });
    assert.deepEqual(refused.run, { cached: true, rejected: true });
    assert.equal(refused.printed.answer, 'AAAA');
    assert.equal(refused.stderr, '');
  });

  it('says so when the cache cannot be written, and the command is not affected', () => {
    const bundle = makeBundle('AAAA');
    // A folder where the cache file should be: the rename over it fails.
    mkdirSync(path.join(codeCacheFile(bundle), 'in-the-way'), { recursive: true });
    const ran = runThrough(bundle, { write: true });
    assert.equal(ran.status, 0);
    assert.equal(ran.printed.answer, 'AAAA');
    assert.match(ran.stderr, /^llm-cost-lens: the code cache could not be written: /);
    assert.deepEqual(runThrough(bundle).run, { cached: false, rejected: undefined });
  });
});
