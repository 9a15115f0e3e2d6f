/** Reads the profile named on the command line, with its --base / --diff-base applied. */
import type { Profile, ProfileMetadata } from '../pprof/profile';
import { readProfileBytesSync } from '../pprof/read-file-node';
import { decodeProfile } from '../pprof/decode-profile';
import { inflateNode } from '../pprof/inflate-node';
import { topTotals } from './top-threads';
import { mergeForDiff } from '../analysis/diff';
import type { FrameTotals } from '../analysis/frame-totals';
import { DIFF_BASE_LABEL_KEY } from '../analysis/total';
import type { CliArgs } from './args';
import { tuneForFiles } from './short-run';

export async function loadProfile(args: CliArgs): Promise<Profile> {
  const baseFile = args.base ?? args.diffBase;
  // Read in this thread: no file call of the CLI's reports starts Node's thread pool.
  const bytes = readProfileBytesSync(args.file);
  const baseBytes = baseFile === undefined ? undefined : readProfileBytesSync(baseFile);
  await tuneForFiles(baseBytes === undefined ? [bytes] : [bytes, baseBytes]);
  const profile = decodeProfile(bytes, { source: args.file, inflate: inflateNode });
  if (baseFile === undefined || baseBytes === undefined) return profile;
  const base = decodeProfile(baseBytes, { source: baseFile, inflate: inflateNode });
  return mergeForDiff(profile, base, args.base !== undefined ? 'base' : 'diff_base');
}

/**
 * The frame totals of the top table, added up while the file is decoded, without storing its
 * samples (most of the time and memory of big heap profiles): for `top` without a base profile
 * or tag filters, when the values add up to less than 2^53. Undefined when the profile needs to be read sample by sample after all (see
 * FrameTotalsFromRuns).
 */
export async function loadTopTotals(args: CliArgs): Promise<{ profile: ProfileMetadata; totals: FrameTotals } | undefined> {
  const { report } = args;
  if (args.command !== 'top' || args.base !== undefined || args.diffBase !== undefined) return undefined;
  if (report.tagFocus !== undefined || report.tagIgnore !== undefined || report.tagRoot?.length || report.tagLeaf?.length) return undefined;
  const bytes = readProfileBytesSync(args.file);
  await tuneForFiles([bytes]);
  const read = await topTotals(bytes, args.file, report);
  if (read.negativeValues || read.profile.strings.includes(DIFF_BASE_LABEL_KEY)) return undefined;
  // Runs add up in float64: past 2^53 the full decode adds the values up exactly (exact-values.ts).
  if (read.totals.total > Number.MAX_SAFE_INTEGER) return undefined;
  return read;
}
