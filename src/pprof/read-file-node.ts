import { close, closeSync, constants, fstat, fstatSync, open, openSync, readFile, readFileSync, type Stats } from 'node:fs';
import type { Profile } from './profile';
import { ProfileError } from './errors';
import { decodeProfile } from './decode-profile';
import { inflateNode } from './inflate-node';

export interface ReadProfileOptions {
  /** Refuse gzip data that inflates past this many bytes; default 2 GiB. */
  readonly maxInflatedBytes?: number;
}

/** Reads and decodes a pprof file (Node only); errors name the path. */
export async function readProfileFile(path: string, options: ReadProfileOptions = {}): Promise<Profile> {
  return decodeProfile(await readProfileBytes(path), { source: path, inflate: inflateNode, maxInflatedBytes: options.maxInflatedBytes });
}

/**
 * The bytes of a profile file; a file that cannot be read is a ProfileError naming it. Only
 * regular files are read: a device such as /dev/zero never ends (reading it grew without
 * limit) and a named pipe with no writer would wait forever, so both are refused. The file is
 * opened without blocking and checked through the open handle, so what is checked is what is
 * read.
 */
export async function readProfileBytes(path: string): Promise<Uint8Array> {
  let fd: number;
  try {
    fd = await new Promise<number>((resolve, reject) => open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0), (e, d) => (e ? reject(e) : resolve(d))));
  } catch (error) {
    throw cannotRead(path, error);
  }
  // The callback API, not node:fs/promises: loading that (with the modules it needs) costs a
  // small report of the CLI ~5 ms of start-up.
  try {
    const stats = await new Promise<Stats>((resolve, reject) => fstat(fd, (e, st) => (e ? reject(e) : resolve(st))));
    checkRegular(path, stats);
    return await new Promise<Uint8Array>((resolve, reject) => readFile(fd, (e, data) => (e ? reject(e) : resolve(data))));
  } catch (error) {
    throw error instanceof ProfileError ? error : cannotRead(path, error);
  } finally {
    await new Promise<void>((resolve) => close(fd, () => resolve()));
  }
}

/**
 * readProfileBytes without Node's thread pool, for a process with nothing else to do meanwhile
 * (the CLI): the first asynchronous file call starts the pool's threads, ~2 ms of a small report.
 */
export function readProfileBytesSync(path: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw cannotRead(path, error);
  }
  try {
    checkRegular(path, fstatSync(fd));
    return readFileSync(fd);
  } catch (error) {
    throw error instanceof ProfileError ? error : cannotRead(path, error);
  } finally {
    closeSync(fd);
  }
}

function checkRegular(path: string, stats: Stats): void {
  if (!stats.isFile()) throw new ProfileError(path, `cannot read the file: it is ${fileKind(stats)}, not a regular file`);
}

function cannotRead(path: string, error: unknown): ProfileError {
  const reason = (error as { code?: unknown }).code === 'ENOENT' ? 'no such file' : String((error as Error).message ?? error);
  return new ProfileError(path, `cannot read the file: ${reason}`);
}

/** What a file that is not a regular file is, in words. */
export function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'an unknown kind of file';
}
