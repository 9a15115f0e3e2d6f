/**
 * Reads small files of the profiles folder (sidecars) without trusting what is there: a
 * FIFO named `x.json` would block a plain read forever (and its open, until a writer
 * comes), a device could be endless. The file is opened non-blocking, which never waits for
 * a FIFO's writer, and then checked through the open handle, so nothing can be swapped in
 * between the check and the read.
 */
import { close, constants, fstat, open, read, type Stats } from 'node:fs';
import { promisify } from 'node:util';

// The callback API, not fs/promises: a FileHandle stays an open async resource until it is
// garbage collected, long after close(), which the host's leak checks count as left behind.
const openFile = promisify(open);
const statFile = promisify(fstat);
const readFile = promisify(read);
const closeFile = promisify(close);

/** Sidecars are a few hundred bytes; anything this big is not one. */
export const MAX_SIDECAR_BYTES = 1024 * 1024;

/** "a FIFO (named pipe)", "a folder"...: what a non-regular file is, in words. Pure. */
export function describeFileKind(info: Pick<Stats, 'isFIFO' | 'isDirectory' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket'>): string {
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isDirectory()) return 'a folder';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The bytes of the regular file at `path` (symbolic links followed), at most `maxBytes`;
 * throws an Error naming the file when it is anything else or larger.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<Buffer> {
  // O_NONBLOCK does nothing to a regular file's reads; O_NOCTTY keeps a terminal from becoming ours.
  const fd = await openFile(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  try {
    const info = await statFile(fd);
    if (!info.isFile()) throw new Error(`${path}: ${describeFileKind(info)}, not a regular file; not read`);
    if (info.size > maxBytes) throw new Error(`${path}: ${info.size} bytes, more than the ${maxBytes} allowed; not read`);
    // Read at most one byte past the limit, in case the file grows meanwhile.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await readFile(fd, buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    if (length > maxBytes) throw new Error(`${path}: more than the ${maxBytes} bytes allowed; not read`);
    return buffer.subarray(0, length);
  } finally {
    await closeFile(fd);
  }
}
