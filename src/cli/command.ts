/** What a CLI command writes to; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  /**
   * UTF-8 bytes for stdout, written as they are when the output is a stored one. Without it (tests), `stdout`
   * gets them decoded.
   */
  stdoutBytes?: (bytes: Buffer) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal: JSON is indented there, compact in a pipe or a file (see `jsonLayoutFor`). */
  stdoutIsTerminal?: boolean;
  /** Working directory paths are resolved against. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The clock (how old the prices are, the date a fetched map is filed under); tests pass a fixed one. */
  now?: () => Date;
}

export interface CliCommand {
  name: string;
  /** One line for `llm-cost-lens --help`. */
  summary: string;
  /** The command's own usage text, printed on a usage error. */
  usage: string;
  /**
   * Writes its result and returns the exit code. A failure is thrown as a CliError, never printed by the
   * command itself: the dispatcher prints it, as JSON under `--format json`. Print a result only once nothing
   * can fail any more, so a command never exits non-zero after printing a successful result.
   */
  run(argv: string[], io: CliIo): Promise<number>;
}

export { CliError, ExitCode, InputError, UsageError } from './errors';
