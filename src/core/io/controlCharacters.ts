/**
 * Text that came from a scanned file, a setting, a price file or a server (file names, model names, server
 * messages) can carry control characters: ESC codes that recolour, move the cursor or rewrite earlier lines, a
 * lone carriage return that hides what came before it on the line. Everything the CLI prints and everything the
 * editor's log writes shows them as `\xNN` instead.
 */

// C0 controls except tab and line feed, DEL, and C1 controls (U+009B is a one-character CSI in some terminals).
// A carriage return is kept only as part of CRLF.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafeControls = /[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/g;

/** One character as an escape: `\x1b`, `\u202e`. */
export function escapeCharacter(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Text with every control character shown as `\xNN` instead of acted on; tabs and line ends (LF, CRLF) stay. */
export function escapeControls(text: string): string {
  return text.replace(unsafeControls, escapeCharacter);
}
