import { commands } from './commands';
import type { CliCommand, CliIo } from './command';
import { CliError, ExitCode, UsageError, exitCodesLine } from './errors';
import { CompressionError } from '../core/compression/client';
import { safeIo } from './output/safeIo';
import { safeJson } from './output/terminalText';
import { jsonLayoutFor } from './output/jsonLayout';

const version = '0.1.0';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `llm-cost-lens ${version}`,
    '',
    'Usage: llm-cost-lens <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'With --format json, an error is {"error": {"kind", "message"}} on stdout.',
    exitCodesLine('ok', 'failure', 'usage', 'unknownModel', 'input'),
    '',
  ].join('\n');
}

/** Whether the command line asks for JSON, read before parsing so that even a usage error comes as JSON. */
function wantsJson(argv: readonly string[]): boolean {
  return argv.some((arg, i) => arg === '--format=json' || (arg === '--format' && argv[i + 1] === 'json'));
}

function asCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    return new UsageError(error.message);
  }
  if (error instanceof CompressionError) return new CliError(error.kind, error.message, ExitCode.failure);
  const message = error instanceof Error ? error.message : String(error);
  return new CliError('internal', message, ExitCode.failure);
}

function report(error: CliError, command: CliCommand, io: CliIo, json: boolean): number {
  const usage = error instanceof UsageError && !json ? `\n\n${command.usage}` : '';
  io.stderr(`llm-cost-lens ${command.name}: ${error.message}${usage}\n`);
  if (json) io.stdout(safeJson({ error: { kind: error.kind, message: error.message } }, jsonLayoutFor(io)));
  return error.exitCode;
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  const io = safeIo(rawIo);
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name ? ExitCode.ok : ExitCode.usage;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${version}\n`);
    return ExitCode.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`llm-cost-lens: unknown command '${name}'\n\n${help()}`);
    if (wantsJson(rest)) {
      io.stdout(safeJson({ error: { kind: 'usage', message: `unknown command '${name}'` } }, jsonLayoutFor(io)));
    }
    return ExitCode.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return ExitCode.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    return report(asCliError(error), command, io, wantsJson(rest));
  }
}
