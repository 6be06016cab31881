/**
 * How every CLI command fails: throw a CliError (kind + message + exit code); `runCli` prints it once, as a
 * line on stderr and, under `--format json`, as `{"error": {"kind", "message"}}` on stdout.
 */

/** Exit codes shared by every command; `--help` lists them from here. */
export const ExitCode = {
  ok: 0,
  /** The command ran and did not succeed: a refused compression, a failed model call, an unexpected error. */
  failure: 1,
  /** The command line is wrong: an unknown option, a bad or empty value. */
  usage: 2,
  /** A model name the price table does not know (the closest names are listed). */
  unknownModel: 3,
  /** A path or file named on the command line cannot be used: missing, unreadable, empty, too large, malformed. */
  input: 4,
} as const;

export type ExitCodeName = keyof typeof ExitCode;

const meanings: Record<ExitCodeName, string> = {
  ok: 'done',
  failure: 'failed or refused',
  usage: 'usage error',
  unknownModel: 'unknown model',
  input: 'a file or path given cannot be used (missing, unreadable, too large, or a price file that is not one)',
};

/** `Exit codes: 0 done, 2 usage error, …` for a command's usage text. */
export function exitCodesLine(...names: ExitCodeName[]): string {
  return `Exit codes: ${names.map((n) => `${ExitCode[n]} ${meanings[n]}`).join(', ')}.`;
}

export class CliError extends Error {
  constructor(
    /** A stable word for scripts reading the JSON error, e.g. `usage`, `not-found`, `prices`, `timeout`. */
    readonly kind: string,
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Bad command-line input; the dispatcher prints the message and the command's usage, and exits 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super('usage', message, ExitCode.usage);
  }
}

/** A path or file named on the command line that cannot be used (exit 4). */
export class InputError extends CliError {
  constructor(kind: string, message: string) {
    super(kind, message, ExitCode.input);
  }
}
