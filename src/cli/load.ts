/** Reads the profile named on the command line, with its --base / --diff-base applied. */
import type { Profile } from '../pprof/profile';
import { readProfileFile } from '../pprof/read-file-node';
import type { CliArgs } from './args';
import { UsageError } from './args';

export async function loadProfile(args: CliArgs): Promise<Profile> {
  const profile = await readProfileFile(args.file);
  if (args.base === undefined && args.diffBase === undefined) return profile;
  throw new UsageError('--base and --diff-base are not available in this build');
}
