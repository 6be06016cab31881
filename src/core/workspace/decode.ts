/**
 * The text of a source file from its bytes: UTF-8 (a byte-order mark dropped), or UTF-16 when a byte-order mark
 * says so. Anything else is reported rather than read as replacement characters. Lone carriage returns (old Mac
 * line ends) become line feeds, one character for one, so that lines count right and offsets stay the same.
 */

export type DecodedSource = { text: string } | { problem: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16le = new TextDecoder('utf-16le', { fatal: true });
const utf16be = new TextDecoder('utf-16be', { fatal: true });

function decoderFor(bytes: Uint8Array): InstanceType<typeof TextDecoder> {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be;
  return utf8;
}

export function decodeSource(bytes: Uint8Array): DecodedSource {
  const decoder = decoderFor(bytes);
  let text: string;
  try {
    // The decoders drop a leading byte-order mark.
    text = decoder.decode(bytes);
  } catch {
    return {
      problem:
        decoder === utf8
          ? 'not UTF-8 (Latin-1 or another legacy encoding?): save it as UTF-8 to scan it'
          : `not valid ${decoder.encoding.toUpperCase()}`,
    };
  }
  return { text: text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text };
}
