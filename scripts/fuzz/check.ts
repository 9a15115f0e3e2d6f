/**
 * Runs one fuzz input through the decoder and, when it decodes, through the analysis
 * (buildStacks + topTable). Allowed endings: a Profile, a ProfileError naming the source, an
 * analysis OptionError. Anything else (TypeError, RangeError, a broken invariant) is a crash.
 * When asked, the input is also decoded with samples merged (what `go-profiler top` does),
 * which must refuse it with the same message or give the same top table.
 */
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { buildStacks } from '../../src/analysis/stacks';
import { topTable } from '../../src/analysis/top';
import { OptionError } from '../../src/analysis/option-error';
import { decodeProfile, ProfileError, type Profile } from '../../src/pprof/index';
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
  /** Time after the decoder's answer: buildStacks + topTable and the merged cross-check. */
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
function topOutcome(p: Profile): string {
  try {
    const table = topTable(p, {});
    return JSON.stringify([table.total, table.rows.map((r) => [r.name, r.flat, r.cum])]);
  } catch (error) {
    if (error instanceof OptionError || error instanceof ProfileError) return `${error.name}: ${error.message}`;
    throw error;
  }
}

/** Whether every sum of the profile's values (whatever the order) stays within float64's exact integers. */
function sumsAreExact(p: Profile): boolean {
  const { values, valueCount, count } = p.samples;
  for (let t = 0; t < valueCount; t++) {
    let magnitude = 0;
    for (let s = 0; s < count; s++) magnitude += Math.abs(values[s * valueCount + t]!);
    if (magnitude > Number.MAX_SAFE_INTEGER) return false;
  }
  return true;
}

/** Decoding with mergeSamples must agree with the full decode `full` (a Profile or its ProfileError message). */
function crossCheckMerged(bytes: Uint8Array, inflater: InflaterName, full: Profile | string): string | undefined {
  let merged: Profile;
  try {
    merged = decodeProfile(bytes, { source: FUZZ_SOURCE, inflate: inflater === 'node' ? inflateNode : inflatePako, maxInflatedBytes: FUZZ_MAX_INFLATED, mergeSamples: true });
  } catch (error) {
    if (!(error instanceof ProfileError)) return `merged decode: ${describe(error)}`;
    return typeof full === 'string' && full === error.message ? undefined : `merged decode refused what the full decode ${typeof full === 'string' ? `refused as "${full}"` : 'read'}: ${error.message}`;
  }
  if (typeof full === 'string') return `merged decode read what the full decode refused: ${full}`;
  // Samples of opposite sign may cancel out in a merged stack; go-profiler then reads sample by sample.
  if (merged.samples.merged?.negativeValues) return undefined;
  // Past 2^53 sums are not exact, and merging adds in another order: the last digits may differ.
  if (!sumsAreExact(full)) return undefined;
  const expected = topOutcome(full);
  const actual = topOutcome(merged);
  return actual === expected ? undefined : `merged top differs: ${actual.slice(0, 300)} vs ${expected.slice(0, 300)}`;
}

export function checkInput(bytes: Uint8Array, inflater: InflaterName, measureHeap: boolean, alsoMerged = true): Outcome {
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
      const mismatch = alsoMerged ? crossCheckMerged(bytes, inflater, error.message) : undefined;
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
  if (alsoMerged) {
    let mismatch: string | undefined;
    try {
      mismatch = crossCheckMerged(bytes, inflater, profile);
    } catch (error) {
      mismatch = `merged analysis: ${describe(error)}`;
    }
    if (mismatch !== undefined) return done('crash', mismatch);
  }
  const outcome = done('profile');
  // Keep the profile alive until the heap was measured.
  return profile.samples.count >= 0 ? outcome : outcome;
}
