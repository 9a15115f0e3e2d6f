/** Reads the profile named on the command line, with its --base / --diff-base applied. */
import type { Profile } from '../pprof/profile';
import { readProfileFile } from '../pprof/read-file-node';
import { mergeForDiff } from '../analysis/diff';
import type { CliArgs } from './args';

export async function loadProfile(args: CliArgs): Promise<Profile> {
  const baseFile = args.base ?? args.diffBase;
  if (baseFile === undefined && canMergeSamples(args)) {
    const merged = await readProfileFile(args.file, { mergeSamples: true });
    // Samples of opposite sign that cancel out would vanish from a merged stack; read them one by one.
    if (!merged.samples.merged?.negativeValues) return merged;
  }
  const [profile, base] = await Promise.all([
    readProfileFile(args.file),
    baseFile === undefined ? undefined : readProfileFile(baseFile),
  ]);
  if (base === undefined) return profile;
  return mergeForDiff(profile, base, args.base !== undefined ? 'base' : 'diff_base');
}

/**
 * The top table is the same whether samples with one location stack are counted one by one
 * or summed first, unless labels filter them; merging while decoding saves most of the work
 * on big heap profiles.
 */
function canMergeSamples(args: CliArgs): boolean {
  return args.command === 'top' && args.report.tagFocus === undefined && args.report.tagIgnore === undefined;
}
