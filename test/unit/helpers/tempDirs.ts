import { rmSync } from 'node:fs';
import { after } from 'node:test';
import { tempDir } from '../../support/hostileRepo';

/** A maker of temporary directories for one test file: every directory it made is removed after the file's tests. */
export function tempDirsRemovedAfter(): (prefix: string) => string {
  const made: string[] = [];
  after(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });
  return (prefix) => {
    const d = tempDir(prefix);
    made.push(d);
    return d;
  };
}
