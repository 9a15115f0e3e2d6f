/**
 * File system failures of the profiles folder in plain words: which folder or file, and why
 * (disk full, read-only, missing folder...), instead of Node's "ENOSPC: no space left on
 * device, open '…/.go-profiler-….tmp'". Pure.
 */

/** The cause of a failed write in words, keyed by Node's error code. */
const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full (no space left on the device)',
  EDQUOT: 'the disk quota of this user is used up',
  EFBIG: 'the file is larger than this file system allows',
  EROFS: 'the folder is on a read-only file system',
  EACCES: 'permission denied: the folder is read-only for this user',
  EPERM: 'the operation is not permitted: the folder is read-only or locked',
  ENOENT: 'the folder does not exist (it may have been deleted or unmounted)',
  ENOTDIR: 'part of the path is a file, not a folder',
  EISDIR: 'a folder is in the way of the file',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open on this system',
  EIO: 'the disk reported an input/output error',
  EBUSY: 'the file or folder is busy',
  ETIMEDOUT: 'the (network) file system timed out',
  ESTALE: 'the (network) file system handle went stale',
};

/** Node's error code of `e`, if it has one. */
export function errorCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null || !('code' in e)) return undefined;
  const code = (e as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** The cause in words; unknown codes keep the system's own text. */
export function describeCause(e: unknown): string {
  const code = errorCode(e);
  const known = code === undefined ? undefined : CAUSES[code];
  if (known) return `${known} (${code})`;
  const message = e instanceof Error ? e.message : String(e);
  return code === undefined ? message : `${message.replace(new RegExp(`^${code}:\\s*`), '')} (${code})`;
}

/** A failed write into the profiles folder; `message` names the folder, the file and the cause. */
export class StoreWriteError extends Error {
  readonly code: string | undefined;

  constructor(
    readonly folder: string,
    readonly fileName: string,
    cause: unknown,
  ) {
    super(`cannot save ${fileName} in ${folder}: ${describeCause(cause)}`);
    this.name = 'StoreWriteError';
    this.code = errorCode(cause);
  }
}
