import type { CliIo } from '../../../src/cli/command';

export interface CapturedIo extends CliIo {
  out(): string;
  err(): string;
}

/** A CliIo that records what a command prints, text and bytes alike (as a process's stdout takes both). */
export function captureIo(cwd = process.cwd(), env: NodeJS.ProcessEnv = {}): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: (text) => (out += text),
    stdoutBytes: (bytes) => (out += bytes.toString('utf8')),
    stderr: (text) => (err += text),
    cwd,
    env,
    out: () => out,
    err: () => err,
  };
}
