/** Reads the profile named on the command line, with its --base / --diff-base applied. */
import type { Profile } from '../pprof/profile';
import { readProfileFile } from '../pprof/read-file-node';
import { mergeForDiff } from '../analysis/diff';
import type { CliArgs } from './args';

export async function loadProfile(args: CliArgs): Promise<Profile> {
  const baseFile = args.base ?? args.diffBase;
  const [profile, base] = await Promise.all([
    readProfileFile(args.file),
    baseFile === undefined ? undefined : readProfileFile(baseFile),
  ]);
  if (base === undefined) return profile;
  return mergeForDiff(profile, base, args.base !== undefined ? 'base' : 'diff_base');
}
