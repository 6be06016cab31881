import { escapeControls } from '../core/io/controlCharacters';

/** Shorter values are not keys, and hiding them could garble ordinary text. */
const minSecretLength = 8;

/** One argument as VS Code's log writes it: an error by its message, an object as JSON, anything else as text. */
function argumentText(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/**
 * The one line the log writes for a message and its arguments (an error as the message by its stack), with every
 * `secret` replaced by `***` and every control character escaped: text from scanned files, settings, price files
 * and servers reaches the log, and must neither act on the output nor hide what comes before it on the line.
 * Tabs and line breaks stay (a stack is several lines).
 */
export function logLine(message: string | Error, args: readonly unknown[], secrets: Iterable<string>): string {
  const head = message instanceof Error ? (message.stack ?? message.message) : message;
  let line = [head, ...args.map(argumentText)].join(' ');
  for (const secret of secrets) if (secret.length >= minSecretLength) line = line.split(secret).join('***');
  return escapeControls(line);
}
