import { createHash } from 'node:crypto';

/**
 * The name git gives a file's bytes as a blob (what `ls-tree` lists and the index records for an unchanged file),
 * in the repository's object format (`sha1`, or `sha256` when its commit names are 64 digits long).
 */
export function gitBlobSha(bytes: Uint8Array, format: 'sha1' | 'sha256'): string {
  return createHash(format).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
