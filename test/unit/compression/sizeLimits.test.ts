import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { CompressionError } from '../../../src/core/compression/client';
import { compressOffline, maxPromptCharacters } from '../../../src/core/compression/compress';
import { tempDir } from '../../support/hostileRepo';
import { captureIo } from '../helpers/io';

describe('compress: prompts too large to compress are refused with a size message', () => {
  const dir = tempDir('prompt-size');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function refused(file: string): Promise<{ kind: string; message: string }> {
    const io = captureIo(dir, {});
    assert.equal(await runCli(['compress', '--file', file, '--offline', '--format', 'json'], io), 4, io.err());
    return (JSON.parse(io.out()) as { error: { kind: string; message: string } }).error;
  }

  it('a 50 MB prompt file is refused from its size, unread', async () => {
    const file = path.join(dir, 'huge.txt');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 50 * 1024 * 1024);
    const error = await refused('huge.txt');
    assert.equal(error.kind, 'too-large');
    assert.match(error.message, /huge\.txt is larger than 40 MB/);
  });

  it('a prompt over the character limit is refused with its size', async () => {
    fs.writeFileSync(path.join(dir, 'long.txt'), 'Answer {q} briefly. '.repeat(maxPromptCharacters / 20 + 100));
    const error = await refused('long.txt');
    assert.equal(error.kind, 'too-large');
    assert.match(
      error.message,
      /The prompt has 10,487,\d+ characters; the compressor takes at most 10,485,760 \(10 MB\)/,
    );
  });

  it('/dev/zero is refused while it streams', async (t) => {
    if (!fs.existsSync('/dev/zero')) return t.skip('no /dev/zero');
    const error = await refused('/dev/zero');
    assert.equal(error.kind, 'too-large');
  });

  it('the core refuses it too, for the editor', () => {
    assert.throws(
      () => compressOffline('x'.repeat(maxPromptCharacters + 1), {}, { countTokens: (s) => s.length }),
      (error: unknown) => error instanceof CompressionError && error.kind === 'too-large',
    );
  });
});
