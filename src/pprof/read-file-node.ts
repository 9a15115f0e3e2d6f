import { readFile } from 'node:fs/promises';
import type { Profile } from './profile';
import { ProfileError } from './errors';
import { decodeProfile, decodeProfileAsRuns } from './decode-profile';
import type { ProfileRuns } from './decode-message';
import type { SampleRunVisitor } from './sample-runs';
import { inflateNode } from './inflate-node';

export interface ReadProfileOptions {
  /** Refuse gzip data that inflates past this many bytes; default 2 GiB. */
  readonly maxInflatedBytes?: number;
}

/** Reads and decodes a pprof file (Node only); errors name the path. */
export async function readProfileFile(path: string, options: ReadProfileOptions = {}): Promise<Profile> {
  return decodeProfile(await readBytes(path), { source: path, inflate: inflateNode, maxInflatedBytes: options.maxInflatedBytes });
}

/** Reads and decodes a pprof file like readProfileFile, handing its samples to `visitor` as runs (see decodeProfileAsRuns). */
export async function readProfileFileAsRuns(path: string, visitor: SampleRunVisitor, options: ReadProfileOptions = {}): Promise<ProfileRuns> {
  const decodeOptions = { source: path, inflate: inflateNode, maxInflatedBytes: options.maxInflatedBytes };
  return decodeProfileAsRuns(await readBytes(path), decodeOptions, visitor);
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const reason = (error as { code?: unknown }).code === 'ENOENT' ? 'no such file' : String((error as Error).message ?? error);
    throw new ProfileError(path, `cannot read the file: ${reason}`);
  }
}
