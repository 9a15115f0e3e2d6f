import { readFile } from 'node:fs/promises';
import type { Profile } from './profile';
import { ProfileError } from './errors';
import { decodeProfile } from './decode-profile';
import { inflateNode } from './inflate-node';

export interface ReadProfileOptions {
  /** Refuse gzip data that inflates past this many bytes; default 2 GiB. */
  readonly maxInflatedBytes?: number;
  /** See DecodeOptions.mergeSamples. */
  readonly mergeSamples?: boolean;
}

/** Reads and decodes a pprof file (Node only); errors name the path. */
export async function readProfileFile(path: string, options: ReadProfileOptions = {}): Promise<Profile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const reason = (error as { code?: unknown }).code === 'ENOENT' ? 'no such file' : String((error as Error).message ?? error);
    throw new ProfileError(path, `cannot read the file: ${reason}`);
  }
  return decodeProfile(bytes, {
    source: path,
    inflate: inflateNode,
    maxInflatedBytes: options.maxInflatedBytes,
    mergeSamples: options.mergeSamples,
  });
}
