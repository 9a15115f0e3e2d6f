/**
 * The store's temp files (`.go-profiler-<hex>.tmp`): every write goes to one first. A crash
 * mid-write leaves one behind; the next look at the folder removes those old enough that no
 * other window can still be writing them.
 */
import { randomBytes } from 'node:crypto';
import { stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Older than this, a temp file is a leftover: no live write takes minutes between its bytes. */
export const STALE_TEMP_MS = 10 * 60 * 1000;

const TEMP_NAME = /^\.go-profiler-[0-9a-f]+\.tmp$/;

export function tempFileName(): string {
  return `.go-profiler-${randomBytes(6).toString('hex')}.tmp`;
}

/** True for the store's temp file names. Pure. */
export function isTempFileName(name: string): boolean {
  return TEMP_NAME.test(name);
}

/**
 * Removes the temp files among `names` (entries of `dir`) last modified more than `maxAgeMs`
 * before `now`; returns the names removed. Never throws: a file it cannot remove stays.
 */
export async function removeStaleTemps(dir: string, names: readonly string[], now = Date.now(), maxAgeMs = STALE_TEMP_MS): Promise<string[]> {
  const removed: string[] = [];
  for (const name of names) {
    if (!isTempFileName(name)) continue;
    const path = join(dir, name);
    try {
      const info = await stat(path);
      if (!info.isFile() || now - info.mtimeMs <= maxAgeMs) continue;
      await unlink(path);
      removed.push(name);
    } catch {
      // Gone already (another window cleaned it or finished its write), or not ours to remove.
    }
  }
  return removed;
}
