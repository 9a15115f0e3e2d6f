/**
 * The program binary of a Run with Profiler session, kept in the profiles folder beside its
 * captures so that `disasm` works on them later. One copy per distinct binary (named by its
 * content hash), named in each capture's sidecar (`binaryFile`), removed when the last
 * sidecar naming it is gone.
 */
import { createHash } from 'node:crypto';
import { copyFile, readFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MAX_SIDECAR_BYTES, readRegularFile } from './regular-file';
import { PROFILE_EXTENSION, SIDECAR_EXTENSION, TEXT_EXTENSION, safeNamePart, stemOf } from './naming';
import { parseSidecar } from './sidecar';
import { tempFileName } from './temp-files';

export const BINARY_EXTENSION = '.bin';

/**
 * Copies `binary` into `dir` (once: the name holds its content hash) and returns the file
 * name; undefined when it cannot be read or written (the capture is saved without it).
 */
export async function keepBinary(dir: string, binary: string, program: string): Promise<string | undefined> {
  try {
    const hash = await contentHash(binary);
    const name = `${safeNamePart(program, 'program')}-${hash}${BINARY_EXTENSION}`;
    const names = await readdir(dir);
    if (names.includes(name)) return name;
    // Copied under a temp name, then renamed: a half-copied binary never carries the name.
    const temp = join(dir, tempFileName());
    try {
      await copyFile(binary, temp);
      await rename(temp, join(dir, name));
    } finally {
      await unlink(temp).catch(() => undefined);
    }
    return name;
  } catch {
    return undefined;
  }
}

/**
 * Content hashes of binaries by path, size and modification time: a session's captures name the
 * same binary, and reading and hashing megabytes at every capture delayed each one's save.
 */
const hashes = new Map<string, string>();

async function contentHash(binary: string): Promise<string> {
  const { size, mtimeMs } = await stat(binary);
  const key = `${binary}\0${size}\0${mtimeMs}`;
  const known = hashes.get(key);
  if (known !== undefined) return known;
  const hash = createHash('sha256').update(await readFile(binary)).digest('hex').slice(0, 16);
  if (hashes.size > 64) hashes.clear();
  hashes.set(key, hash);
  return hash;
}

/** Deletes a saved capture (profile, sidecar, text) and its kept binary once nothing names it. */
export async function deleteCapture(profilePath: string): Promise<void> {
  const dir = dirname(profilePath);
  const stem = stemOf(basename(profilePath));
  if (stem === undefined) throw new Error(`${profilePath}: not a saved profile (${PROFILE_EXTENSION})`);
  const binary = await binaryOf(join(dir, stem + SIDECAR_EXTENSION));
  for (const path of [profilePath, join(dir, stem + SIDECAR_EXTENSION), join(dir, stem + TEXT_EXTENSION)]) {
    await unlink(path).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
  if (binary !== undefined) await removeBinaryIfUnused(dir, binary);
}

/** The kept binary a sidecar names, if any (unreadable sidecars name none). */
export async function binaryOf(sidecarPath: string): Promise<string | undefined> {
  try {
    return parseSidecar((await readRegularFile(sidecarPath, MAX_SIDECAR_BYTES)).toString('utf8'), sidecarPath).binaryFile;
  } catch {
    return undefined;
  }
}

/** Removes `dir/binaryFile` when no sidecar in `dir` names it any more. */
export async function removeBinaryIfUnused(dir: string, binaryFile: string): Promise<boolean> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.endsWith(SIDECAR_EXTENSION) || name.startsWith('.')) continue;
    if ((await binaryOf(join(dir, name))) === binaryFile) return false;
  }
  await unlink(join(dir, binaryFile)).catch(() => undefined);
  return true;
}
