import { isUtf8 } from 'node:buffer';
import { escapeCharacter, escapeControls } from '../../core/io/controlCharacters';
import { printedNumbers } from '../../core/io/printedNumbers';
import { jsonSpace, type JsonLayout } from './jsonLayout';

/**
 * Text that came from a scanned file or a server (file names, model names, server messages) can carry
 * terminal control sequences: ESC codes that recolour, move the cursor or rewrite earlier lines of a table.
 * Everything the CLI prints goes through `terminalSafe` (the core's `escapeControls`, which the editor's log uses
 * too); single fields also through `printable`.
 */

// Every control, plus the Unicode marks that reorder what follows them on screen (bidi overrides, isolates).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafeInField = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The bytes of C0 controls `terminalSafe` escapes (tab, line feed and carriage return are looked at apart), and DEL. */
const unsafeBytes = [
  ...Array.from({ length: 0x20 }, (_, byte) => byte).filter((b) => b !== 0x09 && b !== 0x0a && b !== 0x0d),
  0x7f,
];

/** Whether `bytes` has `lead` at some offset that `found` accepts (a memchr per occurrence). */
function hasAt(bytes: Uint8Array, lead: number, found: (at: number) => boolean): boolean {
  for (let at = bytes.indexOf(lead); at !== -1; at = bytes.indexOf(lead, at + 1)) {
    if (found(at)) return true;
  }
  return false;
}

/** Whether `bytes` has `lead` anywhere that `next` does not accept the byte after it. */
function hasUnlessFollowed(bytes: Uint8Array, lead: number, next: (byte: number | undefined) => boolean): boolean {
  return hasAt(bytes, lead, (at) => !next(bytes[at + 1]));
}

/**
 * Whether UTF-8 `bytes` are printed unchanged by `terminalSafe`: valid UTF-8 with no control it would escape. A
 * scan per unsafe byte value (memchr) is several times faster than decoding 10 MB and running the pattern.
 */
export function isTerminalSafeUtf8(bytes: Uint8Array): boolean {
  if (!isUtf8(bytes)) return false;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (unsafeBytes.some((byte) => buffer.includes(byte))) return false;
  // A carriage return only as part of CRLF; U+0080-U+009F (C1 controls) are 0xC2 0x80-0x9F in UTF-8.
  if (hasUnlessFollowed(buffer, 0x0d, (byte) => byte === 0x0a)) return false;
  return !hasUnlessFollowed(buffer, 0xc2, (byte) => byte === undefined || byte < 0x80 || byte > 0x9f);
}

/** Output text with every control sequence shown as `\xNN` instead of acted on; tabs and line ends stay. */
export const terminalSafe = escapeControls;

/**
 * `terminalSafe(text)` as UTF-8: the text's own bytes when they hold nothing to escape (a JSON document never does),
 * found with the byte scan of `isTerminalSafeUtf8`, several times faster than the pattern over 10 MB of text.
 */
export function terminalSafeBytes(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return isTerminalSafeUtf8(bytes) ? bytes : Buffer.from(terminalSafe(text), 'utf8');
}

/** One field of a line or table cell (a file name, a model name): no control, line break or bidi mark acts. */
export function printable(field: string): string {
  return field.replace(unsafeInField, escapeCharacter);
}

/** What JSON.stringify leaves raw and a printed document must not: DEL, C1 controls, bidi marks, line separators. */
const rawInJson = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const jsonEscape = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * JSON text whose strings are safe to print: JSON.stringify leaves DEL, C1 controls, bidi marks and the
 * line/paragraph separators raw; they become `\uXXXX` escapes, which parse back to the same value. Numbers are
 * printed without float noise (`printedNumbers`).
 */
export function safeJson(value: unknown, layout: JsonLayout): string {
  return `${JSON.stringify(value, printedNumbers, jsonSpace(layout)).replace(rawInJson, jsonEscape)}\n`;
}

/** Whether UTF-8 `bytes` hold one of the characters of `rawInJson`, found by their lead bytes. */
function holdsRawInJson(bytes: Buffer): boolean {
  const at = (offset: number): number | undefined => bytes[offset];
  return (
    bytes.includes(0x7f) ||
    // U+0080-U+009F
    hasAt(bytes, 0xc2, (i) => (at(i + 1) ?? 0) >= 0x80 && (at(i + 1) ?? 0) <= 0x9f) ||
    // U+061C
    hasAt(bytes, 0xd8, (i) => at(i + 1) === 0x9c) ||
    hasAt(bytes, 0xe2, (i) => {
      const second = at(i + 1);
      const third = at(i + 2) ?? 0;
      // U+200E, U+200F, U+2028-U+202E; U+2066-U+2069
      if (second === 0x80) return third === 0x8e || third === 0x8f || (third >= 0xa8 && third <= 0xae);
      return second === 0x81 && third >= 0xa6 && third <= 0xa9;
    })
  );
}

/**
 * `safeJson(value)` as UTF-8, for a document worth not running the pattern over (a scan's is 10 MB): the bytes are
 * searched for the escaped characters' lead bytes (a memchr each), and the text escaped only when one is there.
 * Terminal-safe as they are: JSON escapes every C0 control, and the rest of `terminalSafe`'s are escaped here.
 */
export function safeJsonBytes(value: unknown, layout: JsonLayout): Buffer {
  const text = `${JSON.stringify(value, printedNumbers, jsonSpace(layout))}\n`;
  const bytes = Buffer.from(text, 'utf8');
  return holdsRawInJson(bytes) ? Buffer.from(text.replace(rawInJson, jsonEscape), 'utf8') : bytes;
}
