import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import * as path from 'node:path';
import { Script } from 'node:vm';

/**
 * The CLI bundle run from V8's code cache: the bytecode of the bundle and of the functions a scan runs, made at
 * build time by a short scan (`scripts/train-code-cache.js`). A command then starts without compiling them: about 20
 * ms of a 140-160 ms `--version`, about 35 ms of a `--cache` re-scan after a fresh checkout.
 *
 * V8 refuses data made by another V8 version or under other V8 flags (Electron's Node, `node --no-opt`): the bundle
 * is then compiled as usual. V8 checks only the length of the source, and runs stale code for a changed bundle of the
 * same length: so the file also names the bundle it was made from by a hash, and is not used for any other.
 *
 * A script compiled so has no loader for `import()`: the bundle is built without any (esbuild.js turns them into
 * `require`), and the build's training run fails if one is left.
 */

/** Set to `1` by the build: the command writes the code it compiled beside the bundle as it exits. */
export const writeCodeCacheVariable = 'LLM_COST_LENS_WRITE_CODE_CACHE';

const magic = 'llm-cost-lens code cache 1 ';

export const codeCacheFile = (bundle: string): string => `${bundle}.codecache`;

/** What running a bundle found: `rejected` is V8's answer on the cached code (undefined: there was none to give). */
export interface BundleRun {
  cached: boolean;
  rejected: boolean | undefined;
}

type CommonJsWrapper = (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
) => void;

function headerFor(source: string): string {
  return `${magic}${createHash('sha1').update(source).digest('hex')}\n`;
}

/** The cached code in `file` when it was made from this very source; undefined otherwise (or when unreadable). */
function cachedCodeFor(file: string, header: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.length <= header.length || bytes.toString('latin1', 0, header.length) !== header) return undefined;
  return bytes.subarray(header.length);
}

/** Written under a temporary name and renamed: a command started meanwhile reads the old file or the new one. */
function writeCodeCache(file: string, header: string, code: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([Buffer.from(header, 'latin1'), code]));
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    process.stderr.write(`llm-cost-lens: the code cache could not be written: ${String(error)}\n`);
  }
}

/** Runs the CommonJS bundle `bundle` as Node would load it, from its code cache when that holds. */
export function runBundle(bundle: string): BundleRun {
  const source = readFileSync(bundle, 'utf8');
  const header = headerFor(source);
  const file = codeCacheFile(bundle);
  const cachedData = cachedCodeFor(file, header);
  const script = new Script(wrap(source), { filename: bundle, cachedData });
  if (process.env[writeCodeCacheVariable] === '1') {
    process.once('exit', () => writeCodeCache(file, header, script.createCachedData()));
  }
  const run = script.runInThisContext() as CommonJsWrapper;
  const module = { exports: {} };
  run.call(module.exports, module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return { cached: cachedData !== undefined, rejected: script.cachedDataRejected };
}
