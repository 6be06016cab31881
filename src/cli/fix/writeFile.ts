import { chmodSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Replaces a file's content in one step: the new text goes to a temporary file beside it (same mode), which is
 * then renamed over the original, so a crash or a full disk never leaves it half written. Refused when the
 * file no longer holds `expected` (edited while the fixes were computed).
 */
export function replaceFileContent(file: string, expected: Uint8Array, content: Uint8Array): void {
  const now = readFileSync(file);
  if (!Buffer.from(expected).equals(now)) throw new Error('the file changed while the fixes were computed');
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.llm-cost-lens-${process.pid}.tmp`);
  try {
    writeFileSync(temporary, content, { flag: 'wx' });
    chmodSync(temporary, statSync(file).mode & 0o7777);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
