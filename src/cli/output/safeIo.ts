import type { CliIo } from '../command';
import { containsSecret, secretRedactor } from './secrets';
import { isTerminalSafeUtf8, terminalSafe } from './terminalText';

/** The io every command gets: nothing printed can carry a terminal control sequence or the API key. */
export function safeIo(io: CliIo): CliIo {
  const redact = secretRedactor(io.env);
  const clean = (text: string): string => redact(terminalSafe(text));
  return {
    ...io,
    stdout: (text) => io.stdout(clean(text)),
    stderr: (text) => io.stderr(clean(text)),
    // Bytes that would pass through `clean` unchanged go out as they are: no 10 MB decode, pattern and encode.
    stdoutBytes: (bytes) => {
      if (isTerminalSafeUtf8(bytes) && !containsSecret(io.env, bytes)) printBytes(io, bytes);
      else io.stdout(clean(bytes.toString('utf8')));
    },
  };
}

/** Writes UTF-8 bytes to stdout: as they are where the io can, else decoded. */
export function printBytes(io: CliIo, bytes: Buffer): void {
  if (io.stdoutBytes) io.stdoutBytes(bytes);
  else io.stdout(bytes.toString('utf8'));
}
