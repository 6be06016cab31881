import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../command';
import { scanPaths, toJson } from '../scan/scan';
import { renderTable } from '../scan/table';

const usage = `Usage: llm-cost-lens scan [paths...] [--format table|json]

Finds the LLM SDK calls in Python, TypeScript and JavaScript files (directories are walked, skipping
node_modules, .git, virtualenvs, build output and files git ignores).

Options:
  --format <f>   table (default) or json

Exit codes: 0 done, 2 usage error.`;

/** The grammar files sit beside the bundle (dist/); compiled tests find them in out/wasm. */
function wasmDirectory(): string {
  const candidates = [__dirname, path.resolve(__dirname, '..', '..', '..', 'wasm')];
  return candidates.find((dir) => existsSync(path.join(dir, 'web-tree-sitter.wasm'))) ?? __dirname;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { format: { type: 'string', default: 'table' } },
    allowPositionals: true,
  });
  const format = values.format;
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json, not '${format}'`);
  for (const p of positionals) {
    if (!existsSync(path.resolve(io.cwd, p))) throw new UsageError(`no such file or directory: ${p}`);
  }
  const result = await scanPaths(positionals, { cwd: io.cwd, wasmDir: wasmDirectory() });
  io.stdout(format === 'json' ? toJson(result) : renderTable(result));
  return ExitCode.ok;
}

export const scanCommand: CliCommand = {
  name: 'scan',
  summary: 'List the LLM calls in files and directories (table or JSON)',
  usage,
  run,
};
