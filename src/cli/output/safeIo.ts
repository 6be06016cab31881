import type { CliIo } from '../command';
import { secretRedactor } from './secrets';
import { terminalSafe } from './terminalText';

/** The io every command gets: nothing printed can carry a terminal control sequence or the API key. */
export function safeIo(io: CliIo): CliIo {
  const redact = secretRedactor(io.env);
  const clean = (text: string): string => redact(terminalSafe(text));
  return {
    ...io,
    stdout: (text) => io.stdout(clean(text)),
    stderr: (text) => io.stderr(clean(text)),
  };
}
