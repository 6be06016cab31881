import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The grammar files sit beside the bundle (dist/); compiled tests find them in out/wasm. */
export function wasmDirectory(): string {
  const candidates = [
    __dirname,
    path.resolve(__dirname, '..', '..', 'wasm'),
    path.resolve(__dirname, '..', '..', '..', 'wasm'),
  ];
  return candidates.find((dir) => existsSync(path.join(dir, 'web-tree-sitter.wasm'))) ?? __dirname;
}
