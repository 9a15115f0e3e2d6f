/**
 * "Save As…" for a capture the profiles folder could not take: writes the same bytes to a
 * path the user chose, with its sidecar (and text) beside it under the same stem. Each file
 * goes through a temp file renamed into place, so a failure never leaves half a file.
 */
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PROFILE_EXTENSIONS, SIDECAR_EXTENSION, TEXT_EXTENSION } from './naming';
import type { NewProfile, SavedProfile } from './profile-store';
import type { ProfileSidecar } from './sidecar';
import { tempFileName } from './temp-files';
import { StoreWriteError } from './write-errors';

/** `/a/b/x.pb.gz` → `/a/b/x`; any other name loses its last extension. Pure. */
export function stemPathOf(profilePath: string): string {
  const ext = PROFILE_EXTENSIONS.find((e) => profilePath.endsWith(e));
  if (ext && profilePath.length > ext.length) return profilePath.slice(0, -ext.length);
  const dot = profilePath.lastIndexOf('.');
  return dot > profilePath.lastIndexOf('/') + 1 ? profilePath.slice(0, dot) : profilePath;
}

/** Writes `data` to `path` through a temp file in the same folder renamed over it. */
export async function replaceAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const temp = join(dirname(path), tempFileName());
  try {
    await writeFile(temp, data, { mode: 0o644 });
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
}

/** Writes `item` to `profilePath` (replacing it: the user chose it) plus `<stem>.json` and `<stem>.txt`. */
export async function saveProfileAs(profilePath: string, item: NewProfile): Promise<SavedProfile> {
  const dir = dirname(profilePath);
  const stemPath = stemPathOf(profilePath);
  const sidecarPath = stemPath + SIDECAR_EXTENSION;
  const textPath = item.text === undefined ? undefined : stemPath + TEXT_EXTENSION;
  const sidecar: ProfileSidecar = {
    ...item.sidecar,
    savedAt: new Date().toISOString(),
    profileFile: basename(profilePath),
    ...(textPath ? { textFile: basename(textPath) } : {}),
  };
  try {
    await mkdir(dir, { recursive: true });
    await replaceAtomically(profilePath, item.profile);
    if (textPath) await replaceAtomically(textPath, item.text ?? '');
    await replaceAtomically(sidecarPath, JSON.stringify(sidecar, null, 2) + '\n');
  } catch (e) {
    throw new StoreWriteError(dir, basename(profilePath), e);
  }
  return { profilePath, sidecarPath, sidecar, ...(textPath ? { textPath } : {}) };
}
