/**
 * Renames a profile together with its sidecar and text, never overwriting (hard link to the
 * new name, then unlink the old); the sidecar's file names follow the new stem.
 */
import { link, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PROFILE_EXTENSIONS, SIDECAR_EXTENSION, TEXT_EXTENSION, stemOf } from './naming';
import { MAX_SIDECAR_BYTES, readRegularFile } from './regular-file';
import { tempFileName } from './temp-files';
import { describeCause, errorCode } from './write-errors';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Why `stem` cannot name a profile, or undefined. Pure. */
export function invalidStem(stem: string): string | undefined {
  if (stem.trim() === '') return 'the name is empty';
  if (/[\\/]/.test(stem)) return 'the name must not contain / or \\';
  if (stem.startsWith('.')) return 'the name must not start with a dot';
  return undefined;
}

/**
 * Returns the new profile path. Throws an Error naming the file that is in the way, or the
 * folder and the cause in words when the file system refuses (read-only, disk full...).
 */
export async function renameProfile(profilePath: string, newStem: string): Promise<string> {
  try {
    return await renameFiles(profilePath, newStem);
  } catch (e) {
    if (errorCode(e) === undefined) throw e;
    throw new Error(`cannot rename ${basename(profilePath)} in ${dirname(profilePath)}: ${describeCause(e)}`);
  }
}

async function renameFiles(profilePath: string, newStem: string): Promise<string> {
  const problem = invalidStem(newStem);
  if (problem) throw new Error(`cannot rename ${basename(profilePath)}: ${problem}`);
  const dir = dirname(profilePath);
  const oldStem = stemOf(basename(profilePath));
  const ext = PROFILE_EXTENSIONS.find((e) => profilePath.endsWith(e));
  if (oldStem === undefined || ext === undefined) throw new Error(`${profilePath} is not a profile file name`);
  const pairs = [
    { from: profilePath, to: join(dir, newStem + ext) },
    { from: join(dir, oldStem + SIDECAR_EXTENSION), to: join(dir, newStem + SIDECAR_EXTENSION) },
    { from: join(dir, oldStem + TEXT_EXTENSION), to: join(dir, newStem + TEXT_EXTENSION) },
  ];
  const present = [];
  for (const p of pairs) if (await exists(p.from)) present.push(p);
  for (const p of present) if (await exists(p.to)) throw new Error(`cannot rename to ${basename(p.to)}: that file already exists`);
  const [profile, sidecar, text] = pairs;
  // Read before anything is linked, so an unreadable sidecar (a FIFO, broken JSON) changes nothing.
  const parsed =
    sidecar && present.includes(sidecar)
      ? (JSON.parse((await readRegularFile(sidecar.from, MAX_SIDECAR_BYTES)).toString('utf8')) as Record<string, unknown>)
      : undefined;
  await link(profile!.from, profile!.to);
  if (text && present.includes(text)) await link(text.from, text.to);
  if (sidecar && parsed) {
    parsed.profileFile = basename(profile!.to);
    if (text && present.includes(text)) parsed.textFile = basename(text.to);
    const temp = join(dir, tempFileName());
    await writeFile(temp, JSON.stringify(parsed, null, 2) + '\n');
    try {
      await link(temp, sidecar.to);
    } finally {
      await unlink(temp);
    }
  }
  for (const p of present) await unlink(p.from);
  return profile!.to;
}
