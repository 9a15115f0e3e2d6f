import type { Profile, ProfileMetadata, SampleTable, ValueType } from '../pprof/profile';
import type { SampleRunVisitor } from '../pprof/sample-runs';
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
import { granularityKeys } from './granularity';
import type { ReportOptions } from './options';
import { sampleTypeAt, selectSampleType } from './sample-type';
import { compileTagFilter, type SampleTagTest } from './tag-filter';
import { computeTotal, diffBaseSamples } from './total';
import { uniqueStacksOf } from '../pprof/stack-interner';

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

export function buildStacks(profile: Profile, options: ReportOptions, stackOptions: StackOptions = {}): Stacks {
  const merge = stackOptions.mergeStacks ?? true;
  const baseSamples = diffBaseSamples(profile);
  const walk = new StackWalk(profile, options, combinedTagTest(profile, options));
  const unique = profile.samples.uniqueStacks;
  const out = new StackSink(merge, merge ? unique?.count : profile.samples.count, unique?.locations.length);
  if (merge && !baseSamples) walk.uniqueStacks(profile.samples, stackOptions.keepZeroValues ?? false, out);
  else walk.eachSample(profile.samples, stackOptions.keepZeroValues ?? false, baseSamples, out);
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
  };
}

/** Flat and cum per frame, straight from the samples (what the top table needs, without building Stacks). */
export interface FrameTotals {
  readonly sampleTypeIndex: number;
  readonly sampleType: ValueType;
  readonly frames: readonly Frame[];
  readonly flat: Float64Array;
  readonly cum: Float64Array;
  /** As Stacks.total. */
  readonly total: number;
}

/**
 * The same flat and cum as frameTotals(buildStacks(profile, options)) (cum once per stack
 * however often a frame recurs), computed once per unique location stack.
 */
export function buildFrameTotals(profile: Profile, options: ReportOptions): FrameTotals {
  const baseSamples = diffBaseSamples(profile);
  const walk = new StackWalk(profile, options, combinedTagTest(profile, options));
  const out = new TotalsSink();
  if (!baseSamples) walk.uniqueStacks(profile.samples, false, out);
  else walk.eachSample(profile.samples, false, baseSamples, out);
  return totalsOf(walk, out, computeTotal(profile, walk.sampleTypeIndex));
}

function totalsOf(walk: StackWalk, out: TotalsSink, total: number): FrameTotals {
  const frames = walk.finish();
  return {
    sampleTypeIndex: walk.sampleTypeIndex,
    sampleType: walk.sampleType,
    frames,
    flat: out.flat.slice(0, frames.length),
    cum: out.cum.slice(0, frames.length),
    total,
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
    if (options.tagFocus !== undefined || options.tagIgnore !== undefined) {
      throw new Error('FrameTotalsFromRuns: tag filters need the samples\' labels');
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

/** Receives each kept stack as frames (leaf first) with its value. */
interface StackVisitor {
  add(frames: Int32Array, inlined: Uint8Array, length: number, value: number, sample: number, group: number): void;
}

/** The samples of a profile after pprof's filters, turned into frame stacks for a visitor. */
class StackWalk {
  readonly sampleTypeIndex: number;
  readonly sampleType: ValueType;
  private readonly filtered: FilteredLocations;
  private readonly tagTest: SampleTagTest | undefined;
  private readonly locFrames: LocationFrames;
  private kept = new Int32Array(64);

  /** `tagTest`: which samples tagfocus/tagignore keep (see combinedTagTest); undefined keeps all. */
  constructor(profile: ProfileMetadata, options: ReportOptions, tagTest: SampleTagTest | undefined) {
    this.sampleTypeIndex = selectSampleType(profile, options.sampleIndex);
    this.sampleType = sampleTypeAt(profile, this.sampleTypeIndex);
    this.filtered = filterLocations(profile, options);
    this.tagTest = tagTest;
    const interner = new FrameInterner(profile, granularityKeys(options.granularity));
    this.locFrames = new LocationFrames(profile, this.filtered, interner);
  }

  finish(): Frame[] {
    return this.locFrames.finish();
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
    const { tagTest } = this;
    const unique = uniqueStacksOf(samples);
    const { ofSample, start, locations } = unique;
    // Per unique stack: [summed value, first kept sample] side by side, one cache line per update.
    const acc = new Float64Array(unique.count * 2).fill(-1);
    for (let u = 0; u < unique.count; u++) acc[u * 2] = 0;
    const { values, valueCount, count } = samples;
    for (let s = 0, v = this.sampleTypeIndex; s < count; s++, v += valueCount) {
      const value = values[v]!;
      if (value === 0 && !keepZeroValues) continue;
      if (tagTest && !tagTest(s)) continue;
      const a = ofSample[s]! * 2;
      if (acc[a + 1]! < 0) acc[a + 1] = s;
      acc[a]! += value;
    }
    // Unique stacks are numbered by first sample, so by first kept sample too unless some samples were skipped.
    let ordered = true;
    for (let u = 0, last = -1; u < unique.count; u++) {
      const first = acc[u * 2 + 1]!;
      if (first < 0) continue;
      if (first < last) {
        ordered = false;
        break;
      }
      last = first;
    }
    if (ordered) {
      for (let u = 0; u < unique.count; u++) {
        const first = acc[u * 2 + 1]!;
        if (first >= 0) this.visit(locations, start[u]!, start[u + 1]!, acc[u * 2]!, first, 0, out);
      }
      return;
    }
    // Otherwise index the unique stacks by first kept sample (a scatter of one write per stack) and scan in sample order.
    const byFirst = new Int32Array(count);
    for (let u = 0; u < unique.count; u++) {
      const first = acc[u * 2 + 1]!;
      if (first >= 0) byFirst[first] = u + 1;
    }
    for (let s = 0; s < count; s++) {
      const u = byFirst[s]! - 1;
      if (u >= 0) this.visit(locations, start[u]!, start[u + 1]!, acc[u * 2]!, s, 0, out);
    }
  }

  /** Hands the stack of locations `locs[start .. end - 1]` to `out` as frames, after the filters. */
  visit(locs: Int32Array, start: number, end: number, value: number, sample: number, group: number, out: StackVisitor): void {
    const { filtered } = this;
    if (out instanceof TotalsSink && !filtered.pruneActive && !filtered.nameFilterActive && !filtered.showFromActive) {
      // Every location is kept: add up straight from the locations, without copying frames.
      this.locFrames.addTotals(locs, start, end, value, out);
      return;
    }
    if (filtered.pruneActive) start = prunedStart(locs, start, end, filtered.flags);
    if (end - start > this.kept.length) this.kept = new Int32Array(Math.max(end - start, this.kept.length * 2));
    const kept = this.kept;
    const n = keptLocations(locs, start, end, filtered, kept);
    if (n === 0 && (filtered.nameFilterActive || filtered.showFromActive)) return;
    const length = this.locFrames.expand(kept, n);
    out.add(this.locFrames.stackFrames, this.locFrames.stackInlined, length, value, sample, group);
  }
}

/** Accumulates flat and cum per frame. */
class TotalsSink implements StackVisitor {
  flat = new Float64Array(256);
  cum = new Float64Array(256);
  private seenIn = new Int32Array(256).fill(-1);
  private stack = 0;

  add(frames: Int32Array, _inlined: Uint8Array, length: number, value: number): void {
    if (length === 0) return;
    const id = this.beginStack();
    for (let i = 0; i < length; i++) this.reserve(frames[i]! + 1);
    this.flat[frames[0]!]! += value;
    this.addCum(frames, 0, length, value, id);
  }

  /** The id of a new stack, for addCum. */
  beginStack(): number {
    return this.stack++;
  }

  /** Makes room for frame indexes below `count`. */
  reserve(count: number): void {
    if (count > this.flat.length) this.grow(count);
  }

  /** Adds `value` to the cum of each frame of frames[lo .. hi - 1] not yet counted for stack `id`. */
  addCum(frames: Int32Array | readonly number[], lo: number, hi: number, value: number, id: number): void {
    const { cum, seenIn } = this;
    for (let i = lo; i < hi; i++) {
      const f = frames[i]!;
      if (seenIn[f] !== id) {
        seenIn[f] = id;
        cum[f]! += value;
      }
    }
  }

  private grow(needed: number): void {
    let n = this.flat.length * 2;
    while (n < needed) n *= 2;
    const flat = new Float64Array(n);
    flat.set(this.flat);
    const cum = new Float64Array(n);
    cum.set(this.cum);
    const seenIn = new Int32Array(n).fill(-1);
    seenIn.set(this.seenIn);
    this.flat = flat;
    this.cum = cum;
    this.seenIn = seenIn;
  }
}

/**
 * Copies into `kept` the locations of `locs[start..end)` that survive focus/ignore, hide/show and
 * show_from; returns how many (0 when the sample is dropped).
 */
function keptLocations(locs: Int32Array, start: number, end: number, filtered: FilteredLocations, kept: Int32Array): number {
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

function combinedTagTest(profile: Profile, options: ReportOptions): SampleTagTest | undefined {
  const focus = options.tagFocus ? compileTagFilter('tagfocus', options.tagFocus, profile) : undefined;
  const ignore = options.tagIgnore ? compileTagFilter('tagignore', options.tagIgnore, profile) : undefined;
  if (!focus && !ignore) return undefined;
  return (s) => (!focus || focus(s)) && !(ignore && ignore(s));
}

/** The frames of each location (innermost first), resolved once per location on first use. */
class LocationFrames {
  private readonly start: Int32Array;
  private readonly frames: number[] = [];
  private readonly inlined: number[] = [];

  constructor(
    profile: ProfileMetadata,
    private readonly filtered: FilteredLocations,
    private readonly interner: FrameInterner,
  ) {
    this.start = new Int32Array(profile.locations.count * 2).fill(-1);
  }

  /** One more than the largest frame index of the locations resolved so far. */
  private frameLimit = 0;

  /** The frames of one stack (leaf first), filled by expand. */
  stackFrames = new Int32Array(256);
  stackInlined = new Uint8Array(256);

  /** Writes the frames of locations `locs[0 .. n - 1]` into stackFrames/stackInlined; returns how many. */
  expand(locs: Int32Array, n: number): number {
    let length = 0;
    const start = this.start;
    for (let k = 0; k < n; k++) {
      const loc = locs[k]!;
      let lo = start[loc * 2]!;
      if (lo < 0) lo = this.resolve(loc);
      const hi = start[loc * 2 + 1]!;
      if (length + hi - lo > this.stackFrames.length) this.growStack(length + hi - lo);
      const frames = this.stackFrames;
      const inlined = this.stackInlined;
      for (let i = lo; i < hi; i++) {
        frames[length] = this.frames[i]!;
        inlined[length++] = this.inlined[i]!;
      }
    }
    return length;
  }

  /** Adds a stack of locations `locs[start .. end - 1]` (every one kept) to `sink`, frame by frame. */
  addTotals(locs: Int32Array, start: number, end: number, value: number, sink: TotalsSink): void {
    const id = sink.beginStack();
    const ranges = this.start;
    let leaf = true;
    for (let k = start; k < end; k++) {
      const loc = locs[k]!;
      let lo = ranges[loc * 2]!;
      if (lo < 0) lo = this.resolve(loc);
      const hi = ranges[loc * 2 + 1]!;
      if (lo === hi) continue;
      sink.reserve(this.frameLimit);
      if (leaf) {
        sink.flat[this.frames[lo]!]! += value;
        leaf = false;
      }
      sink.addCum(this.frames, lo, hi, value, id);
    }
  }

  private growStack(needed: number): void {
    const n = Math.max(needed, this.stackFrames.length * 2);
    const frames = new Int32Array(n);
    frames.set(this.stackFrames);
    const inlined = new Uint8Array(n);
    inlined.set(this.stackInlined);
    this.stackFrames = frames;
    this.stackInlined = inlined;
  }

  finish(): Frame[] {
    return this.interner.finish();
  }

  private resolve(loc: number): number {
    const { keptStart, keptLines } = this.filtered;
    const lo = this.frames.length;
    const first = keptStart[loc]!;
    const last = keptStart[loc + 1]!;
    if (first === last) {
      const f = this.interner.emptyFrame(loc);
      this.frames.push(f);
      this.inlined.push(0);
      this.interner.countUse(f, false);
    } else {
      for (let i = first; i < last; i++) {
        const f = this.interner.lineFrame(loc, keptLines[i]!);
        const inl = i < last - 1;
        this.frames.push(f);
        this.inlined.push(inl ? 1 : 0);
        this.interner.countUse(f, inl);
      }
    }
    for (let i = lo; i < this.frames.length; i++) this.frameLimit = Math.max(this.frameLimit, this.frames[i]! + 1);
    this.start[loc * 2] = lo;
    this.start[loc * 2 + 1] = this.frames.length;
    return lo;
  }
}

/** Collects stacks into growable typed arrays, merging identical ones through a hash table. */
class StackSink implements StackVisitor {
  count = 0;
  frameCount = 0;
  values: Float64Array;
  starts: Int32Array;
  sampleIndexes: Int32Array;
  /** Per stack, a group stacks must share to merge (diff base or not). */
  groups: Uint8Array;
  frames: Int32Array;
  inlined: Uint8Array;
  /** Open addressing, two ints per slot: [hash, stack + 1] (0: empty), so a probe reads one cache line. */
  private table: Int32Array;
  private hashes: Int32Array;
  private hash = 0;

  /** `expected`: about how many stacks will come (room for them from the start avoids regrowing). */
  constructor(
    private readonly merge: boolean,
    expected = 1024,
    expectedFrames = expected * 8,
  ) {
    const n = Math.max(1024, expected);
    this.values = new Float64Array(n);
    this.starts = new Int32Array(n + 1);
    this.sampleIndexes = new Int32Array(n);
    this.groups = new Uint8Array(n);
    this.hashes = new Int32Array(n);
    this.frames = new Int32Array(Math.max(8192, expectedFrames));
    this.inlined = new Uint8Array(this.frames.length);
    let slots = 2048;
    while (slots < n * 2) slots *= 2;
    this.table = new Int32Array(merge ? slots * 2 : 2);
  }

  add(stackFrames: Int32Array, stackInlined: Uint8Array, length: number, value: number, sample: number, group: number): void {
    const start = this.frameCount;
    this.starts[this.count] = start;
    if (start + length > this.frames.length) {
      const n = Math.max(this.frames.length * 2, start + length);
      this.frames = growInt32(this.frames, n);
      const more = new Uint8Array(n);
      more.set(this.inlined);
      this.inlined = more;
    }
    const frames = this.frames;
    const inlined = this.inlined;
    let hash = 0x811c9dc5;
    for (let i = 0; i < length; i++) {
      const frame = stackFrames[i]!;
      const inl = stackInlined[i]!;
      frames[start + i] = frame;
      inlined[start + i] = inl;
      hash = Math.imul(hash ^ (frame * 2 + inl), 0x01000193);
    }
    this.frameCount = start + length;
    this.hash = Math.imul(hash ^ (group + 0x9e37), 0x01000193);
    this.end(value, sample, group);
  }

  private end(value: number, sample: number, group: number): void {
    const start = this.starts[this.count]!;
    if (this.merge) {
      const found = this.find(start, this.hash, group);
      if (found >= 0) {
        this.values[found]! += value;
        this.frameCount = start;
        return;
      }
    }
    if (this.count + 1 >= this.values.length) this.growStacks();
    const id = this.count++;
    this.values[id] = value;
    this.sampleIndexes[id] = sample;
    this.groups[id] = group;
    this.hashes[id] = this.hash;
    this.starts[this.count] = this.frameCount;
    if (this.merge) this.insert(id);
  }

  /** The stack equal to the one being built at `start`, or -1. */
  private find(start: number, hash: number, group: number): number {
    const table = this.table;
    const mask = table.length - 2;
    const len = this.frameCount - start;
    const frames = this.frames;
    const inlined = this.inlined;
    for (let slot = (mix(hash) << 1) & mask; ; slot = (slot + 2) & mask) {
      const id = table[slot + 1]! - 1;
      if (id < 0) return -1;
      if (table[slot] !== hash || this.groups[id] !== group) continue;
      const s = this.starts[id]!;
      if (this.starts[id + 1]! - s !== len) continue;
      let same = true;
      for (let i = 0; i < len; i++) {
        if (frames[s + i] !== frames[start + i] || inlined[s + i] !== inlined[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return id;
    }
  }

  private insert(id: number): void {
    if ((this.count + 1) * 4 > this.table.length) {
      this.table = new Int32Array(this.table.length * 2);
      for (let i = 0; i < this.count; i++) this.place(i);
    } else {
      this.place(id);
    }
  }

  private place(id: number): void {
    const table = this.table;
    const mask = table.length - 2;
    const hash = this.hashes[id]!;
    let slot = (mix(hash) << 1) & mask;
    while (table[slot + 1] !== 0) slot = (slot + 2) & mask;
    table[slot] = hash;
    table[slot + 1] = id + 1;
  }

  private growStacks(): void {
    const n = this.values.length * 2;
    const values = new Float64Array(n);
    values.set(this.values);
    this.values = values;
    this.starts = growInt32(this.starts, n + 1);
    this.sampleIndexes = growInt32(this.sampleIndexes, n);
    this.hashes = growInt32(this.hashes, n);
    const groups = new Uint8Array(n);
    groups.set(this.groups);
    this.groups = groups;
  }
}

/** Spreads a FNV hash over its low bits, which pick the slot. */
function mix(hash: number): number {
  let h = hash ^ (hash >>> 15);
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

function growInt32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
