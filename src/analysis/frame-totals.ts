import type { Profile, ProfileMetadata, ValueType } from '../pprof/profile';
import type { SampleRunVisitor } from '../pprof/sample-runs';
import type { Frame } from './frames';
import type { ReportOptions } from './options';
import { combinedTagTest, StackWalk } from './stack-walk';
import { computeTotal, diffBaseSamples } from './total';
import { TotalsSink } from './totals-sink';
import { withLabelFrames } from './label-frames';
import type { LocationStacks } from './inline-labels';

/** Flat and cum per frame, straight from the samples (what the top table needs, without building Stacks). */
export interface FrameTotals {
  readonly sampleTypeIndex: number;
  readonly sampleType: ValueType;
  readonly frames: readonly Frame[];
  readonly flat: Float64Array;
  readonly cum: Float64Array;
  /** As Stacks.total. */
  readonly total: number;
  /** The unique stacks added up, for pprof's inline markers (inline-labels.ts). */
  readonly stacks?: LocationStacks;
}

/**
 * The same flat and cum as frameTotals(buildStacks(profile, options)) (cum once per stack
 * however often a frame recurs), computed once per unique location stack.
 */
export function buildFrameTotals(original: Profile, options: ReportOptions): FrameTotals {
  const profile = withLabelFrames(original, options);
  const baseSamples = diffBaseSamples(profile);
  const walk = new StackWalk(profile, options, combinedTagTest(profile, options));
  const out = new TotalsSink();
  if (!baseSamples) walk.uniqueStacks(profile.samples, false, out);
  else walk.eachSample(profile.samples, false, baseSamples, out);
  return totalsOf(walk, out, computeTotal(profile, walk.sampleTypeIndex));
}

function totalsOf(walk: StackWalk, out: TotalsSink, total: number): FrameTotals {
  const frames = walk.finish();
  const table = walk.locationTable();
  return {
    sampleTypeIndex: walk.sampleTypeIndex,
    sampleType: walk.sampleType,
    frames,
    flat: out.flat.slice(0, frames.length),
    cum: out.cum.slice(0, frames.length),
    total,
    stacks: out.locationStacks(table, frames.length),
  };
}

/**
 * buildFrameTotals for a profile whose samples arrive as runs while it is decoded
 * (decodeProfileAsRuns): the same flat, cum and total, provided no value is negative (a run's
 * sums could then hide samples that cancel out) and no sample carries the -diff_base label
 * (labels are not delivered); the caller checks both and decodes in full otherwise. Tag
 * filters need labels too, so they are refused here.
 */
export class FrameTotalsFromRuns implements SampleRunVisitor {
  private walk: StackWalk | undefined;
  /** An option the profile cannot satisfy (e.g. an unknown sample index): thrown by result(), after the decode's own errors, as buildFrameTotals would. */
  private optionFailure: unknown;
  private readonly out = new TotalsSink();
  private total = 0;

  constructor(private readonly options: ReportOptions) {
    if (options.tagFocus !== undefined || options.tagIgnore !== undefined || options.tagRoot?.length || options.tagLeaf?.length) {
      throw new Error('FrameTotalsFromRuns: tag filters and label frames need the samples\' labels');
    }
  }

  begin(profile: ProfileMetadata): void {
    try {
      this.walk = new StackWalk(profile, this.options, undefined);
    } catch (error) {
      this.optionFailure = error;
    }
  }

  run(locations: Int32Array, length: number, values: Float64Array): void {
    const walk = this.walk;
    if (walk === undefined) return;
    const value = values[walk.sampleTypeIndex]!;
    if (value === 0) return;
    this.total += Math.abs(value);
    walk.visit(locations, 0, length, value, 0, 0, this.out);
  }

  /** The totals, once the decode has ended. */
  result(): FrameTotals {
    if (this.optionFailure !== undefined) throw this.optionFailure;
    if (this.walk === undefined) throw new Error('FrameTotalsFromRuns: no profile was decoded');
    return totalsOf(this.walk, this.out, this.total);
  }
}
