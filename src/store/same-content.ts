/** Finds a profile in the folder whose bytes equal given bytes (to import a file only once). */
import { listProfiles } from './profile-store';
import { readRegularFile } from './regular-file';

/** The path of a listed profile in `dir` holding exactly `bytes`, or undefined. Only files of the same size are read. */
export async function findSameContent(dir: string, bytes: Uint8Array): Promise<string | undefined> {
  for (const listed of await listProfiles(dir)) {
    if (listed.sizeBytes !== bytes.byteLength) continue;
    const existing = await readRegularFile(listed.profilePath, bytes.byteLength).catch(() => undefined);
    if (existing && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).equals(existing)) return listed.profilePath;
  }
  return undefined;
}
