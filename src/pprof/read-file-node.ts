import { readFile } from 'node:fs/promises';
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

/** The bytes of a profile file; a file that cannot be read is a ProfileError naming it. */
export async function readProfileBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const reason = (error as { code?: unknown }).code === 'ENOENT' ? 'no such file' : String((error as Error).message ?? error);
    throw new ProfileError(path, `cannot read the file: ${reason}`);
  }
}
