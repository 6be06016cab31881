// Makes the CLI's code cache (dist/cliMain.js.codecache, see src/cli/codeCache.ts): runs the built CLI on a copy of
// examples/ the way CI runs it (`scan --cache --format json`, then again after one file changed), and the second run
// writes the code V8 compiled for it. Run by `node esbuild.js`: a run that fails, or finds no call in examples/,
// fails the build (the built command is broken).
//   node scripts/train-code-cache.js
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const bundle = path.join(root, 'dist', 'cliMain.js');
/** Must match `writeCodeCacheVariable` and `codeCacheFile` in src/cli/codeCache.ts. */
const writeVariable = 'LLM_COST_LENS_WRITE_CODE_CACHE';
const cacheFile = `${bundle}.codecache`;

function trainCodeCache() {
  fs.rmSync(cacheFile, { force: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-code-cache-'));
  try {
    const tree = path.join(work, 'examples');
    fs.cpSync(path.join(root, 'examples'), tree, { recursive: true });
    const scan = (env) => {
      const output = execFileSync(
        process.execPath,
        [cli, 'scan', tree, '--cache', '--cache-location', path.join(work, 'scan-cache.json'), '--format', 'json'],
        { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
      );
      // A run that analysed nothing would train the cache on the wrong code (and says the CLI is broken).
      const { calls, skipped } = JSON.parse(output.toString('utf8'));
      if (calls.length === 0 || skipped.length > 0) {
        throw new Error(`the scan of examples/ found ${calls.length} calls and skipped ${JSON.stringify(skipped)}`);
      }
    };
    scan({ [writeVariable]: '' });
    // A changed file is read, parsed and priced again, and the cache saved: the code of a pull request's scan.
    const changed = fs.readdirSync(tree).find((name) => name.endsWith('.py'));
    if (changed) fs.appendFileSync(path.join(tree, changed), '\n# changed\n');
    scan({ [writeVariable]: '1' });
    if (!fs.existsSync(cacheFile)) throw new Error(`${path.relative(root, cacheFile)} was not written`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

module.exports = { trainCodeCache };

if (require.main === module) trainCodeCache();
