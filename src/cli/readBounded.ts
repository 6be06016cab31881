import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { InputError } from './errors';

/**
 * The text of a file the user named (a regular file, or a pipe such as /dev/stdin), refused past `maxBytes`:
 * a regular file from its size, anything else while it streams, so /dev/zero cannot fill the memory.
 */
export async function readBoundedFile(file: string, shown: string, maxBytes: number): Promise<string> {
  const tooLarge = (): InputError =>
    new InputError('too-large', `${shown} is larger than ${Math.round(maxBytes / (1024 * 1024))} MB`);
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('not-found', `no such file: ${shown}`);
    throw new InputError('unreadable', `cannot read ${shown}: ${code ?? String(error)}`);
  }
  if (info.isDirectory()) throw new InputError('unreadable', `${shown} is a folder`);
  if (info.isFile() && info.size > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of createReadStream(file)) {
      length += (chunk as Buffer).length;
      if (length > maxBytes) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError('unreadable', `cannot read ${shown}: ${code ?? String(error)}`);
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/^\ufeff/, '');
}
