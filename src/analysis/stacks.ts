import type { Profile, ValueType } from '../pprof/profile';
import type { Frame } from './frames';
import type { ReportOptions } from './options';
import { StackSink } from './stack-sink';
import { combinedTagTest, StackWalk } from './stack-walk';
import { exactTotal, exactValue, sumsAreExact } from './exact-values';
import { computeTotal, diffBaseSamples } from './total';
import { withLabelFrames } from './label-frames';

export type { Frame } from './frames';

/**
 * Samples reduced to what every report needs: one value per stack and stacks of frames at the
 * chosen granularity, after pprof's filters. Stacks are leaf first.
 *
 * By default identical stacks are merged (values summed; sampleIndexes holds the first sample
 * of each). Samples whose selected value is 0 are left out, as pprof's reports skip them.
 */
export interface Stacks {
  readonly sampleTypeIndex: number;
  readonly sampleType: ValueType;
  /** Distinct frames, dense index. */
  readonly frames: readonly Frame[];
  /** Number of stacks (distinct stacks when merged, else kept samples). */
  readonly count: number;
  /** Per stack, the selected value (summed over merged samples). */
  readonly values: Float64Array;
  /** count + 1 offsets into stackFrames. */
  readonly stackStart: Int32Array;
  /** Frame indexes, leaf first, inlined frames expanded (unless noInlines), hide/show applied. */
  readonly stackFrames: Int32Array;
  /** Parallel to stackFrames: 1 when that entry is an inlined call (not its location's last line). */
  readonly stackInlined: Uint8Array;
  /** The total pprof reports percentages against (all samples, before focus and other filters). */
  readonly total: number;
  /** Original sample index of each stack (with merging, the first sample merged into it). */
  readonly sampleIndexes: Int32Array;
  /** Whether identical stacks were merged. */
  readonly merged: boolean;
  /** Only when some sum of the values could pass 2^53 (see exact-values.ts): each stack's value, exactly. */
  readonly exactValues: readonly bigint[] | undefined;
  /** With exactValues: the total, exactly. */
  readonly exactTotal: bigint | undefined;
  /**
   * Only for a profile made by mergeForDiff(..., 'diff_base'): per stack, 1 when it holds base
   * samples. Base and current samples are never merged into one stack, so each side's value of
   * a node can be told apart (the base side is negative).
   */
  readonly diffBase: Uint8Array | undefined;
}

export interface StackOptions {
  /** Merge samples with identical frame stacks (default true). Turn off to keep one entry per sample, e.g. for labels. */
  readonly mergeStacks?: boolean;
  /** Keep samples whose selected value is 0 (pprof -traces lists them). Default false. */
  readonly keepZeroValues?: boolean;
}

export function buildStacks(original: Profile, options: ReportOptions, stackOptions: StackOptions = {}): Stacks {
  const profile = withLabelFrames(original, options);
  const merge = stackOptions.mergeStacks ?? true;
  const baseSamples = diffBaseSamples(profile);
  const walk = new StackWalk(profile, options, combinedTagTest(profile, options));
  const type = walk.sampleTypeIndex;
  // Past 2^53 the values are also added up exactly, sample by sample (the slow path).
  const exactOf = sumsAreExact(profile, type) ? undefined : (s: number): bigint => exactValue(profile.samples, s, type);
  const unique = profile.samples.uniqueStacks;
  const out = new StackSink(merge, merge ? unique?.count : profile.samples.count, unique?.locations.length, exactOf);
  const keepZeroValues = stackOptions.keepZeroValues ?? false;
  const perSample = !merge || baseSamples !== undefined || exactOf !== undefined;
  walk.checkFrameBudget(profile.samples, perSample, keepZeroValues, options.frameBudget);
  if (!perSample) walk.uniqueStacks(profile.samples, keepZeroValues, out);
  else walk.eachSample(profile.samples, keepZeroValues, baseSamples, out);
  return {
    sampleTypeIndex: walk.sampleTypeIndex,
    sampleType: walk.sampleType,
    frames: walk.finish(),
    count: out.count,
    values: out.values.subarray(0, out.count),
    stackStart: out.starts.subarray(0, out.count + 1),
    stackFrames: out.frames.subarray(0, out.frameCount),
    stackInlined: out.inlined.subarray(0, out.frameCount),
    total: computeTotal(profile, walk.sampleTypeIndex),
    sampleIndexes: out.sampleIndexes.subarray(0, out.count),
    merged: merge,
    diffBase: baseSamples ? out.groups.subarray(0, out.count) : undefined,
    exactValues: out.exact?.slice(0, out.count),
    exactTotal: exactOf ? exactTotal(profile, type) : undefined,
  };
}
