/** What a CLI command writes to; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Working directory paths are resolved against. */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Exit codes shared by every command. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
} as const;

export interface CliCommand {
  name: string;
  /** One line for `llm-cost-lens --help`. */
  summary: string;
  /** The command's own usage text, printed on a usage error. */
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Thrown for bad command-line input; the dispatcher prints the message and the usage, and exits 2. */
export class UsageError extends Error {}
