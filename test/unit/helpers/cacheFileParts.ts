/**
 * A `scan --cache` file's parts: the blob (records and printed result; spans in the document count from its
 * start) and the document, its last line.
 */
export function splitCacheFile(bytes: Buffer): { blob: Buffer; document: unknown } {
  const start = bytes.lastIndexOf(0x0a, bytes.length - 2) + 1;
  return { blob: bytes.subarray(0, start - 1), document: JSON.parse(bytes.toString('utf8', start)) };
}

/** A cache file of these parts, as the CLI writes it. */
export const joinCacheFile = (blob: Buffer, document: unknown): Buffer =>
  Buffer.concat([blob, Buffer.from(`\n${JSON.stringify(document)}\n`)]);
