import * as path from 'node:path';

/** Compiled tests live in out/test/unit/...; the repository root is three levels up from out/test/unit. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
/** `node esbuild.js --tests` copies the WASM runtime and grammars here. */
export const wasmDir = path.resolve(__dirname, '..', '..', '..', 'wasm');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');
