/**
 * Runs one fuzz input through the decoder and, when it decodes, through the analysis
 * (buildStacks + topTable). Allowed endings: a Profile, a ProfileError naming the source, an
 * analysis OptionError. Anything else (TypeError, RangeError, a broken invariant) is a crash.
 * When asked, the input is also decoded with its samples as runs into the top table's totals
 * (what `go-profiler top` does), which must refuse it with the same message or give the same
 * top table.
 */
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { FrameTotalsFromRuns, type FrameTotals } from '../../src/analysis/frame-totals';
import { buildStacks } from '../../src/analysis/stacks';
import { topTable, topTableOfTotals, type TopTable } from '../../src/analysis/top';
import { sumsAreExact } from '../../src/analysis/exact-values';
import { DIFF_BASE_LABEL_KEY } from '../../src/analysis/total';
import { OptionError } from '../../src/shared/option-error';
import { decodeProfile, decodeProfileAsRuns, ProfileError, type DecodeOptions, type Profile, type ProfileMetadata, type ProfileRuns } from '../../src/pprof/index';
import { ALL_SAMPLES, type SampleShare } from '../../src/pprof/sample-runs';
import { mergeFrameTotals } from '../../src/analysis/frame-totals-merge';
import { inflateNode } from '../../src/pprof/inflate-node';
import { inflatePako } from '../../src/pprof/inflate-pako';
import type { InflaterName } from './generate';

export const FUZZ_SOURCE = 'fuzz-input';

/** Cap on inflated size during fuzzing (a mutated small gzip cannot come near it). */
export const FUZZ_MAX_INFLATED = 512 * 1024 * 1024;

export interface Outcome {
  readonly kind: 'profile' | 'error' | 'crash';
  /** Time to the decoder's answer (a Profile or a ProfileError): the figure the per-input bound is about. */
  readonly ms: number;
  /** Time after the decoder's answer: buildStacks + topTable and the runs cross-check. */
  readonly analysisMs: number;
  /** V8 heap in use right after the input was handled, while its profile was still alive (when measured). */
  readonly heapBytes?: number;
  /** For a crash: the exception or broken invariant. */
  readonly detail?: string;
}

class InvariantError extends Error {}

function expect(condition: boolean, what: string): void {
  if (!condition) throw new InvariantError(what);
}

/** Every dense index in the decoded profile is in range. */
function checkInvariants(p: Profile): void {
  const { samples, locations, functions, strings } = p;
  expect(strings[0] === '', 'strings[0] is ""');
  expect(samples.values.length === samples.count * samples.valueCount, 'values length');
  expect(samples.stackStart.length === samples.count + 1, 'stackStart length');
  for (const l of samples.stackLocations) expect(l >= 0 && l < locations.count, `stack location ${l} of ${locations.count}`);
  expect(locations.lineStart.length === locations.count + 1, 'lineStart length');
  for (const f of locations.lineFunction) expect(f >= -1 && f < functions.count, `line function ${f} of ${functions.count}`);
  for (const m of locations.mapping) expect(m >= -1 && m < p.mappings.length, `location mapping ${m}`);
  for (const table of [functions.name, functions.systemName, functions.filename, samples.labelKey, samples.labelStr, samples.labelNumUnit]) {
    for (const s of table) expect(s >= 0 && s < strings.length, `string index ${s} of ${strings.length}`);
  }
  expect(p.defaultSampleTypeIndex >= 0 && p.defaultSampleTypeIndex < Math.max(1, p.sampleTypes.length), 'default sample type');
}

function analyse(p: Profile): void {
  try {
    buildStacks(p, {});
    topTable(p, { granularity: 'lines' });
  } catch (error) {
    if (error instanceof OptionError || error instanceof ProfileError) return;
    throw error;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}

/** The top table's total and rows, or the error it ended in, as text to compare. */
function topOutcome(top: () => TopTable): string {
  try {
    const table = top();
    return JSON.stringify([table.total, table.rows.map((r) => [r.name, r.file, r.line, r.flat, r.cum, r.inlineLabel])]);
  } catch (error) {
    if (error instanceof OptionError || error instanceof ProfileError) return `${error.name}: ${error.message}`;
    throw error;
  }
}

/** Whether every sum of the profile's values (whatever the order) stays within float64's exact integers. */
function allSumsExact(p: Profile): boolean {
  return p.sampleTypes.every((_, t) => sumsAreExact(p, t));
}

/**
 * Decoding as runs into the top table's totals must agree with the full decode `full` (a
 * Profile or its ProfileError message), read in one pass and split in two shares as
 * `go-profiler top` does on big files (the earlier share's fault first, then the later's).
 * One difference is allowed when both refuse: the runs decode checks a sample's location ids
 * as soon as it reads the sample, the full decode up to 31 samples later (in batches), so with
 * a second fault in between each names another one.
 */
function crossCheckRuns(bytes: Uint8Array, inflater: InflaterName, full: Profile | string): string | undefined {
  const options = { source: FUZZ_SOURCE, inflate: inflater === 'node' ? inflateNode : inflatePako, maxInflatedBytes: FUZZ_MAX_INFLATED };
  const whole = totalsOfShares(bytes, options, [ALL_SAMPLES]);
  const split = totalsOfShares(bytes, options, [{ start: 0, end: 0.5 }, { start: 0.5, end: 1 }]);
  for (const [what, outcome] of [['runs decode', whole], ['runs decode in two shares', split]] as const) {
    if (typeof outcome === 'string') {
      if (typeof full === 'string' && (full === outcome || UNKNOWN_LOCATION.test(outcome))) continue;
      return `${what} refused what the full decode ${typeof full === 'string' ? `refused as "${full}"` : 'read'}: ${outcome}`;
    }
    if (typeof full === 'string') return `${what} read what the full decode refused: ${full}`;
    // go-profiler reads sample by sample when runs may hide samples that cancel out or labels matter.
    if (outcome.negativeValues || outcome.profile.strings.includes(DIFF_BASE_LABEL_KEY)) continue;
    // Past 2^53 the full decode adds up exactly and runs in float64 (go-profiler top then decodes in full).
    if (!allSumsExact(full)) continue;
    const expected = topOutcome(() => topTable(full, {}));
    const actual = topOutcome(() => topTableOfTotals(outcome.totals()));
    if (actual !== expected) return `${what}: top differs: ${actual.slice(0, 300)} vs ${expected.slice(0, 300)}`;
  }
  return undefined;
}

interface SharesOutcome {
  readonly profile: ProfileMetadata;
  readonly negativeValues: boolean;
  /** The merged totals (throws the option error of the options, if any). */
  totals(): FrameTotals;
}

/** The runs decode of each share in turn, merged; or the first ProfileError message (any other error propagates). */
function totalsOfShares(bytes: Uint8Array, options: DecodeOptions, shares: readonly SampleShare[]): SharesOutcome | string {
  const parts: FrameTotalsFromRuns[] = [];
  let read: ProfileRuns | undefined;
  let negativeValues = false;
  try {
    for (const share of shares) {
      const totals = new FrameTotalsFromRuns({});
      read = decodeProfileAsRuns(bytes, options, totals, share);
      negativeValues ||= read.negativeValues;
      parts.push(totals);
    }
  } catch (error) {
    if (error instanceof ProfileError) return error.message;
    throw error;
  }
  return {
    profile: read!.profile,
    negativeValues,
    totals: () => parts.map((p) => p.result()).reduce((a, b) => mergeFrameTotals(a, b)),
  };
}

const UNKNOWN_LOCATION = /: sample #\d+ refers to location id \d+, which is not in the profile$/;

export function checkInput(bytes: Uint8Array, inflater: InflaterName, measureHeap: boolean, alsoRuns = true): Outcome {
  const start = performance.now();
  let decodeMs = 0;
  const done = (kind: Outcome['kind'], detail?: string): Outcome => {
    const now = performance.now();
    const decoded = decodeMs > 0;
    return {
      kind,
      ms: decoded ? decodeMs : now - start,
      analysisMs: decoded ? now - start - decodeMs : 0,
      ...(measureHeap ? { heapBytes: getHeapStatistics().used_heap_size } : {}),
      ...(detail === undefined ? {} : { detail }),
    };
  };
  let profile: Profile;
  try {
    profile = decodeProfile(bytes, { source: FUZZ_SOURCE, inflate: inflater === 'node' ? inflateNode : inflatePako, maxInflatedBytes: FUZZ_MAX_INFLATED });
  } catch (error) {
    if (error instanceof ProfileError && error.source === FUZZ_SOURCE && error.message.startsWith(`${FUZZ_SOURCE}: `)) {
      decodeMs = Math.max(Number.MIN_VALUE, performance.now() - start); // the bound is about the first answer
      const mismatch = alsoRuns ? crossCheckRuns(bytes, inflater, error.message) : undefined;
      return mismatch === undefined ? done('error') : done('crash', mismatch);
    }
    return done('crash', `decode: ${describe(error)}`);
  }
  decodeMs = Math.max(Number.MIN_VALUE, performance.now() - start);
  try {
    checkInvariants(profile);
    analyse(profile);
  } catch (error) {
    return done('crash', `${error instanceof InvariantError ? 'invariant' : 'analysis'}: ${describe(error)}`);
  }
  if (alsoRuns) {
    let mismatch: string | undefined;
    try {
      mismatch = crossCheckRuns(bytes, inflater, profile);
    } catch (error) {
      mismatch = `runs analysis: ${describe(error)}`;
    }
    if (mismatch !== undefined) return done('crash', mismatch);
  }
  const outcome = done('profile');
  // Keep the profile alive until the heap was measured.
  return profile.samples.count >= 0 ? outcome : outcome;
}
