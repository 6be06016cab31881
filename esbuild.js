// Bundles the extension and the CLI, and copies the WASM files the parser loads at run time next to them.
// Usage: node esbuild.js [--production] [--watch] [--tests]
//   --tests compiles the test sources (and what they import) to out/ with tsc instead.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { trainCodeCache } = require('./scripts/train-code-cache');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

const distDir = path.join(__dirname, 'dist');

/** Runtime assets: the tree-sitter runtime and the grammars of the languages we analyse. */
const wasmAssets = [
  require.resolve('web-tree-sitter/web-tree-sitter.wasm'),
  ...['python', 'typescript', 'tsx', 'javascript'].map((lang) =>
    path.join(
      path.dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')),
      'wasm',
      `tree-sitter-${lang}.wasm`,
    ),
  ),
];

/** Tokenizer rank tables (1-2 MB each): shipped once beside the bundles and loaded on first need. */
const rankFiles = ['o200k_base', 'cl100k_base'];

function copyAssets(targetDir) {
  fs.mkdirSync(targetDir, { recursive: true });
  for (const file of wasmAssets) fs.copyFileSync(file, path.join(targetDir, path.basename(file)));
}

function copyRanks(targetDir) {
  const ranksDir = path.join(targetDir, 'ranks');
  fs.mkdirSync(ranksDir, { recursive: true });
  const source = path.join(path.dirname(require.resolve('js-tiktoken/lite')), 'ranks');
  for (const name of rankFiles) fs.copyFileSync(path.join(source, `${name}.cjs`), path.join(ranksDir, `${name}.cjs`));
}

/**
 * Keeps `js-tiktoken/ranks/<name>` out of the bundles: both the extension and the CLI `require` the one copy
 * in dist/ranks/ at run time, so the tables are neither duplicated nor parsed at start-up.
 * @type {import('esbuild').Plugin}
 */
const externalRanksPlugin = {
  name: 'external-ranks',
  setup(build) {
    build.onResolve({ filter: /^js-tiktoken\/ranks\// }, (args) => {
      const name = args.path.split('/').pop();
      if (!rankFiles.includes(name)) return { errors: [{ text: `unexpected rank table ${args.path}` }] };
      return { path: `./ranks/${name}.cjs`, external: true };
    });
  },
};

/**
 * The bundled price table (several hundred KB) as a JSON string parsed once at load: V8 parses JSON several times
 * faster than the same data as the object literal esbuild's JSON loader writes.
 * @type {import('esbuild').Plugin}
 */
const parsedJsonPlugin = {
  name: 'parsed-json',
  setup(build) {
    build.onLoad({ filter: /[\\/]pricing[\\/]data[\\/]pricing\.json$/ }, async (args) => {
      const compact = JSON.stringify(JSON.parse(await fs.promises.readFile(args.path, 'utf8')));
      return { contents: `module.exports = JSON.parse(${JSON.stringify(compact)});`, loader: 'js' };
    });
  },
};

/**
 * web-tree-sitter's CommonJS build, as Node's `require` (and so the tests) load it: its ES module build loads Node's
 * modules with `import()`, which the CLI's bundle cannot do when run from V8's code cache (src/cli/codeCache.ts).
 * @type {import('esbuild').Plugin}
 */
const treeSitterCommonJsPlugin = {
  name: 'web-tree-sitter-cjs',
  setup(build) {
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter') }));
  },
};

/** @type {import('esbuild').Plugin} */
const reportPlugin = {
  name: 'report',
  setup(build) {
    build.onStart(() => {
      copyAssets(distDir);
      copyRanks(distDir);
    });
    build.onEnd((result) => {
      for (const { text, location } of [...result.errors, ...result.warnings]) {
        console.error(`✘ ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}`);
      }
      if (watch) console.log(`[watch] build finished (${result.errors.length} errors)`);
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  external: ['vscode'],
  // jsonc-parser's UMD build (its "main") requires its own files at run time, which a bundle does not have.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  logLevel: 'silent',
  plugins: [reportPlugin, externalRanksPlugin, parsedJsonPlugin, treeSitterCommonJsPlugin],
};

async function main() {
  if (tests) {
    // Tests run the TypeScript sources compiled one file per module, so that each tier can load what it needs.
    // A clean out/ keeps tests of deleted sources from running.
    fs.rmSync(path.join(__dirname, 'out'), { recursive: true, force: true });
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], {
      stdio: 'inherit',
    });
    copyAssets(path.join(__dirname, 'out', 'wasm'));
    return;
  }
  const contexts = await Promise.all([
    esbuild.context({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' }),
    // The CLI: the bundle, and the small `llm-cost-lens` command that runs it from V8's code cache (src/cli/bin.ts).
    esbuild.context({
      ...common,
      entryPoints: ['src/cli/main.ts'],
      outfile: 'dist/cliMain.js',
      // The command runs the bundle as a vm.Script, which has no loader for `import()` (web-tree-sitter loads Node's
      // modules so): esbuild writes them as `require`.
      supported: { 'dynamic-import': false },
    }),
    esbuild.context({
      ...common,
      entryPoints: ['src/cli/bin.ts'],
      outfile: 'dist/cli.js',
      banner: { js: '#!/usr/bin/env node' },
    }),
    // The scan's parsing threads (src/cli/scan/workerPool.ts starts them from the file beside the CLI).
    esbuild.context({ ...common, entryPoints: ['src/cli/scan/scanWorker.ts'], outfile: 'dist/scanWorker.js' }),
    // The workspace cost report's page script: runs in the webview (a browser), loaded under its CSP nonce.
    esbuild.context({
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      minify: production,
      sourcemap: !production,
      sourcesContent: false,
      logLevel: 'silent',
      plugins: [reportPlugin],
      entryPoints: ['src/webview/report/main.ts'],
      outfile: 'dist/webview/report.js',
    }),
  ]);
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  const results = await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  if (results.some((r) => r.errors.length > 0)) process.exit(1);
  fs.chmodSync(path.join(distDir, 'cli.js'), 0o755);
  try {
    trainCodeCache();
  } catch (error) {
    // The training run is the built command's own check: a CLI that cannot scan the examples fails the build.
    console.error(`✘ the CLI's code cache was not made: ${error}`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
