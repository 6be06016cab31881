import { commands } from './commands';
import { ExitCode, UsageError, type CliIo } from './command';

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
  ].join('\n');
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
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
    return ExitCode.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return ExitCode.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      io.stderr(`llm-cost-lens ${name}: ${error.message}\n\n${command.usage}\n`);
      return ExitCode.usage;
    }
    io.stderr(`llm-cost-lens ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.failure;
  }
}
