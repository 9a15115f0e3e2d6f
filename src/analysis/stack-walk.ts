import type { LocationIndexes, Profile, ProfileMetadata, SampleTable, UniqueStacks, ValueType } from '../pprof/profile';
import { uniqueStacksOf } from '../pprof/stack-interner';
import { FrameInterner, type Frame } from './frames';
import {
  filterLocations,
  prunedStart,
  LOC_FOCUS,
  LOC_HIDDEN,
  LOC_IGNORE,
  LOC_SHOW_FROM,
  type FilteredLocations,
} from './filters';
import { checkFrameBudget } from './frame-budget';
import { granularityKeys } from './granularity';
import { LocationFrames } from './location-frames';
import type { ReportOptions } from './options';
import { sampleTypeAt, selectSampleType } from './sample-type';
import { compileTagFilter, type SampleTagTest } from './tag-filter';
import { TotalsSink } from './totals-sink';
import { withShortNames } from './short-names';
import { TransformChain } from './transforms';
import { uniqueStackSums } from './unique-stack-sums';

/** Receives each kept stack as frames (leaf first) with its value. */
export interface StackVisitor {
  add(frames: Int32Array, inlined: Uint8Array, length: number, value: number, sample: number, group: number): void;
}

/** The samples of a profile after pprof's filters, turned into frame stacks for a visitor. */
export class StackWalk {
  readonly sampleTypeIndex: number;
  readonly sampleType: ValueType;
  private readonly filtered: FilteredLocations;
  private readonly tagTest: SampleTagTest | undefined;
  private readonly locFrames: LocationFrames;
  /** The user's transforms, applied to each stack after the filters; undefined when there are none. */
  private readonly chain: TransformChain | undefined;
  private kept = new Int32Array(64);

  /** `tagTest`: which samples tagfocus/tagignore keep (see combinedTagTest); undefined keeps all. */
  constructor(original: ProfileMetadata, options: ReportOptions, tagTest: SampleTagTest | undefined) {
    const profile = options.shortNames ? withShortNames(original) : original;
    this.sampleTypeIndex = selectSampleType(profile, options.sampleIndex);
    this.sampleType = sampleTypeAt(profile, this.sampleTypeIndex);
    this.filtered = filterLocations(profile, options);
    this.tagTest = tagTest;
    const interner = new FrameInterner(profile, granularityKeys(options.granularity));
    this.locFrames = new LocationFrames(profile, this.filtered, interner);
    this.chain = TransformChain.compile(profile, options.transforms);
  }

  finish(): Frame[] {
    return this.locFrames.finish();
  }

  /** Each location's frames, once the walk is over (for LocationStacks). */
  locationTable(): { frameRange: Int32Array; frames: Int32Array; inlined: Uint8Array } {
    return this.locFrames.table();
  }

  /** Throws a FrameBudgetError when the stacks eachSample (perSample) or uniqueStacks would expand are past the budget. */
  checkFrameBudget(samples: SampleTable, perSample: boolean, keepZeroValues: boolean, budget: number | undefined): void {
    checkFrameBudget(samples, this.filtered, { perSample, sampleTypeIndex: this.sampleTypeIndex, keepZeroValues, budget });
  }

  /** Every kept sample in order, each a stack of its own. */
  eachSample(samples: SampleTable, keepZeroValues: boolean, baseSamples: Uint8Array | undefined, out: StackVisitor): void {
    const { tagTest } = this;
    const { stackStart, stackLocations } = samples;
    for (let s = 0; s < samples.count; s++) {
      const value = samples.values[s * samples.valueCount + this.sampleTypeIndex]!;
      if (value === 0 && !keepZeroValues) continue;
      if (tagTest && !tagTest(s)) continue;
      this.visit(stackLocations, stackStart[s]!, stackStart[s + 1]!, value, s, baseSamples ? baseSamples[s]! : 0, out);
    }
  }

  /**
   * One stack per unique location stack that has kept samples, in the order of its first kept
   * sample (which is the order eachSample would first meet it), with the summed value. Values
   * are integers, so summing per unique stack first gives the same sums.
   */
  uniqueStacks(samples: SampleTable, keepZeroValues: boolean, out: StackVisitor): void {
    const unique = uniqueStacksOf(samples);
    const { start, locations } = unique;
    const { acc, order } = uniqueStackSums(samples, unique, this.sampleTypeIndex, keepZeroValues, this.tagTest);
    for (const u of order) {
      this.visit(locations, start[u]!, start[u + 1]!, acc[u * 2]!, acc[u * 2 + 1]!, 0, out);
    }
  }

  /** The walk keeps every location of every stack as it is: no filter drops or hides one, no transform. */
  keepsEveryLocation(): boolean {
    const { filtered } = this;
    return !filtered.pruneActive && !filtered.nameFilterActive && !filtered.showFromActive && !this.chain;
  }

  /** The tagfocus/tagignore test the walk was made with. */
  get sampleTagTest(): SampleTagTest | undefined {
    return this.tagTest;
  }

  /**
   * Resolves the frames of the locations of `order`'s unique stacks, in that order (frames are
   * numbered as they are first met, so in the order visit would meet them); stops once every
   * location of the profile is resolved.
   */
  resolveLocations(unique: UniqueStacks, order: Int32Array): void {
    this.locFrames.resolveInOrder(unique.start, unique.locations, order);
  }

  /** Hands the stack of locations `locs[start .. end - 1]` to `out` as frames, after the filters. */
  visit(locs: LocationIndexes, start: number, end: number, value: number, sample: number, group: number, out: StackVisitor): void {
    const { filtered } = this;
    const { chain } = this;
    const everyLocation = !filtered.pruneActive && !filtered.nameFilterActive && !filtered.showFromActive && !chain;
    if (out instanceof TotalsSink && everyLocation) {
      // Every location is kept: add up straight from the locations, without copying frames.
      this.locFrames.addTotals(locs, start, end, value, out);
      return;
    }
    if (filtered.pruneActive) start = prunedStart(locs, start, end, filtered.flags);
    if (end - start > this.kept.length) this.kept = new Int32Array(Math.max(end - start, this.kept.length * 2));
    const kept = this.kept;
    const n = keptLocations(locs, start, end, filtered, kept);
    if (n === 0 && (filtered.nameFilterActive || filtered.showFromActive)) return;
    if (out instanceof TotalsSink && !chain) {
      // Totals never need the stack expanded into frames (that could be far bigger than the file).
      this.locFrames.addTotals(kept, 0, n, value, out);
      return;
    }
    const lf = this.locFrames;
    let length = lf.expand(kept, n);
    if (chain) {
      length = chain.apply(lf.stackFrames, lf.stackInlined, lf.stackFunctions, length);
      if (length === 0) return;
      // Frames unchanged: add up by location as without transforms (no per-frame stack to record).
      if (out instanceof TotalsSink && chain.keepsFrames) {
        lf.addTotals(kept, 0, n, value, out);
        return;
      }
    }
    out.add(lf.stackFrames, lf.stackInlined, length, value, sample, group);
  }
}

/**
 * Copies into `kept` the locations of `locs[start..end)` that survive focus/ignore, hide/show and
 * show_from; returns how many (0 when the sample is dropped).
 */
function keptLocations(locs: LocationIndexes, start: number, end: number, filtered: FilteredLocations, kept: Int32Array): number {
  const { flags } = filtered;
  let n = 0;
  if (filtered.nameFilterActive) {
    let focused = false;
    for (let i = start; i < end; i++) {
      const f = flags[locs[i]!]!;
      if (f & LOC_IGNORE) return 0;
      if (f & LOC_FOCUS) focused = true;
    }
    if (!focused) return 0;
    for (let i = start; i < end; i++) {
      const l = locs[i]!;
      if ((flags[l]! & LOC_HIDDEN) === 0) kept[n++] = l;
    }
  } else {
    for (let i = start; i < end; i++) kept[n++] = locs[i]!;
  }
  if (filtered.showFromActive) {
    let top = n - 1;
    while (top >= 0 && (flags[kept[top]!]! & LOC_SHOW_FROM) === 0) top--;
    n = top + 1;
  }
  return n;
}

export function combinedTagTest(profile: Profile, options: ReportOptions): SampleTagTest | undefined {
  const focus = options.tagFocus ? compileTagFilter('tagfocus', options.tagFocus, profile) : undefined;
  const ignore = options.tagIgnore ? compileTagFilter('tagignore', options.tagIgnore, profile) : undefined;
  if (!focus && !ignore) return undefined;
  return (s) => (!focus || focus(s)) && !(ignore && ignore(s));
}
