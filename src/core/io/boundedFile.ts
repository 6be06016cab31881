import * as fs from 'node:fs';

/** Why a file was not read: it is not a regular file, or it is larger than the limit. */
export class FileRefusedError extends Error {}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/**
 * The text of a regular file of at most `maxBytes` (UTF-8, a leading byte-order mark dropped). Refuses a
 * device such as /dev/zero, a FIFO or a folder without reading it, and never reads past the limit, whatever
 * the size the file claims. Synchronous, for callers that load settings synchronously.
 */
export function readBoundedText(file: string, maxBytes: number): string {
  // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever; it is refused just below.
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const info = fs.fstatSync(fd);
    if (!info.isFile()) throw new FileRefusedError(`not a regular file`);
    if (info.size > maxBytes) throw new FileRefusedError(`larger than ${megabytes(maxBytes)}`);
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, info.size + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        // The file grew while being read.
        throw new FileRefusedError(`larger than ${megabytes(maxBytes)}`);
      }
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.toString('utf8', 0, length).replace(/^\ufeff/, '');
  } finally {
    fs.closeSync(fd);
  }
}
