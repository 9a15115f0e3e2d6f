/**
 * `go-profiler top`'s frame totals, on a big profile with two threads: this thread inflates the
 * file (so its real size, not what its gzip trailer claims, decides whether a second thread is
 * worth it, and a gzip bomb is refused before a second thread exists), then shares the inflated
 * bytes with a helper thread, which adds up the later share of the samples while this thread
 * adds up the earlier share; the two frame totals are then merged. Each thread checks the
 * whole file but the samples (nearly all the work of a big profile) are read once.
 */
import { availableParallelism, loadavg } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { mergeFrameTotals } from '../analysis/frame-totals-merge';
import { OptionError } from '../shared/option-error';
import type { ReportOptions } from '../analysis/options';
import { FrameTotalsFromRuns, type FrameTotals } from '../analysis/frame-totals';
import { decodeInflatedAsRuns, inflateProfile, type InflatedProfile } from '../pprof/decode-profile';
import { ProfileError } from '../pprof/errors';
import { inflateNode } from '../pprof/inflate-node';
import type { ProfileMetadata } from '../pprof/profile';
import { ALL_SAMPLES, type SampleShare } from '../pprof/sample-runs';
import { isTopPartResult, type TopPartRequest, type TopPartResult } from './top-part-protocol';

/**
 * From this inflated size up, two threads pay off: measured on 2 cores, a 90 MB heap profile
 * took 16 % less wall time, a 29.5 MB one none less (starting the helper and repeating the
 * checks cost what its share saves; measured when the helper still inflated the file too).
 */
export const TWO_THREADS_MIN_BYTES = 48 * 1024 * 1024;

/** This thread's share of the samples: a little more than half, as the helper starts later. */
const MAIN_SHARE: SampleShare = { start: 0, end: 0.55 };
const HELPER_SHARE: SampleShare = { start: MAIN_SHARE.end, end: 1 };

/** Environment variable that forces one thread ("1") or two ("2") whatever the file's size. */
export const THREADS_VARIABLE = 'GO_PROFILER_TOP_THREADS';

export interface TopTotals {
  readonly profile: ProfileMetadata;
  readonly totals: FrameTotals;
  readonly negativeValues: boolean;
}

/** The top table's frame totals of `bytes` (the file), in one thread or, when worth it, two. */
export async function topTotals(bytes: Uint8Array, source: string, options: ReportOptions): Promise<TopTotals> {
  const inflated = inflateProfile(bytes, { source, inflate: inflateNode });
  if (worthTwoThreads(inflated.raw.length)) return inTwoThreads(inflated, source, options, cliScript());
  const all = totalsOfShare(inflated, source, options, ALL_SAMPLES);
  return { profile: all.profile, negativeValues: all.negativeValues, totals: all.totals() };
}

/**
 * Whether a profile of `rawBytes` (inflated, as read) is worth two threads: it is big, this
 * process runs from a script a worker thread can load, and the machine is not busy (1-minute
 * load average under the core count: on a busy machine a second thread only adds the work
 * both threads repeat, checking the file; measured on 2 cores, two threads still won at load
 * 1.9 and lost at 4.6).
 */
export function worthTwoThreads(rawBytes: number): boolean {
  const forced = process.env[THREADS_VARIABLE];
  if (forced === '1' || forced === '2') return forced === '2';
  if (rawBytes < TWO_THREADS_MIN_BYTES || cliScript() === undefined) return false;
  const cores = availableParallelism();
  return cores >= 2 && loadavg()[0]! < cores;
}

/**
 * The script the helper thread runs: the bundle this code is in (dist/cli.js; src/cli.ts
 * starts runTopPartWorker when it is loaded in a worker thread), not the script node was
 * started with, which may be a wrapper. Undefined when this code does not run from a
 * JavaScript file (e.g. from source through tsx), which a worker could not load.
 */
export function cliScript(): string | undefined {
  return typeof __filename === 'string' && /\.c?js$/.test(__filename) ? __filename : undefined;
}

/**
 * The top table's frame totals of `bytes` (the file), the samples split between this thread and
 * a helper thread running `helperScript`. Should the helper fail (or not start), its share is
 * read here after a note on stderr. Errors come in the order one thread would meet them: the
 * gzip layer's, this share's ProfileError, the helper share's, then an option the profile
 * cannot satisfy.
 */
export async function topTotalsInTwoThreads(
  bytes: Uint8Array,
  source: string,
  options: ReportOptions,
  helperScript = cliScript(),
): Promise<TopTotals> {
  return inTwoThreads(inflateProfile(bytes, { source, inflate: inflateNode }), source, options, helperScript);
}

async function inTwoThreads(
  inflated: InflatedProfile,
  source: string,
  options: ReportOptions,
  helperScript: string | undefined,
): Promise<TopTotals> {
  // Both threads read one copy of the inflated bytes (the file's own copy is dropped).
  const shared = { raw: sharedCopy(inflated.raw), gzipped: inflated.gzipped };
  const request: TopPartRequest = { kind: 'top-part', bytes: shared.raw, gzipped: shared.gzipped, source, options, share: HELPER_SHARE };
  let worker: Worker | undefined;
  let answer: Promise<TopPartResult>;
  try {
    if (helperScript === undefined) throw new Error('this command does not run from a script a thread can load');
    // Loaded here, not at start-up: only big profiles start a second thread.
    const { Worker } = await import('./worker-threads');
    worker = new Worker(helperScript, { workerData: request });
    answer = helperAnswer(worker);
  } catch (error) {
    answer = Promise.resolve({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
  try {
    const mine = totalsOfShare(shared, source, options, MAIN_SHARE);
    const helper = await answer;
    switch (helper.kind) {
      case 'profile-error':
        // This thread's share (thrown above) comes first in the file.
        throw new ProfileError(helper.source, helper.problem);
      case 'option-error':
        mine.totals(); // throws the same option error
        throw new OptionError(helper.message);
      case 'failed': {
        const rest = totalsOfShare(shared, source, options, HELPER_SHARE);
        const all = merged(mine, rest.totals(), rest.negativeValues);
        // Only now: bad input ends in one line on stderr, the error.
        process.stderr.write(`go-profiler: note: the helper thread failed (${helper.message}); read all of ${source} in one thread\n`);
        return all;
      }
      case 'totals':
        return merged(mine, helper.totals, helper.negativeValues);
      default: {
        const unknown: never = helper;
        throw new Error(`unknown helper answer ${JSON.stringify(unknown)}`);
      }
    }
  } finally {
    void worker?.terminate();
  }
}

interface ShareTotals {
  readonly profile: ProfileMetadata;
  readonly negativeValues: boolean;
  /** The totals; throws the option error the profile gives, if any (after every decode error). */
  totals(): FrameTotals;
}

function totalsOfShare(inflated: InflatedProfile, source: string, options: ReportOptions, share: SampleShare): ShareTotals {
  const totals = new FrameTotalsFromRuns(options);
  const read = decodeInflatedAsRuns(inflated, source, totals, share);
  return { profile: read.profile, negativeValues: read.negativeValues, totals: () => totals.result() };
}

function merged(mine: ShareTotals, theirs: FrameTotals, theirNegativeValues: boolean): TopTotals {
  return {
    profile: mine.profile,
    totals: mergeFrameTotals(mine.totals(), theirs),
    negativeValues: mine.negativeValues || theirNegativeValues,
  };
}

/** `bytes` copied into memory a worker thread can read without a copy of its own. */
function sharedCopy(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.length));
  copy.set(bytes);
  return copy;
}

function helperAnswer(worker: Worker): Promise<TopPartResult> {
  return new Promise((resolve) => {
    worker.once('message', (raw: unknown) => {
      resolve(isTopPartResult(raw) ? raw : { kind: 'failed', message: 'the helper thread sent a malformed answer' });
    });
    worker.once('error', (error) => resolve({ kind: 'failed', message: error.message }));
    worker.once('exit', (code) => resolve({ kind: 'failed', message: `the helper thread exited with code ${code}` }));
  });
}
