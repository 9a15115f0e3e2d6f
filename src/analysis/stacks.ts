import type { Profile, ValueType } from '../pprof/profile';
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
  const sampleTypeIndex = selectSampleType(profile, options.sampleIndex);
  const sampleType = sampleTypeAt(profile, sampleTypeIndex);
  const merge = stackOptions.mergeStacks ?? true;
  const filtered = filterLocations(profile, options);
  const tagTest = combinedTagTest(profile, options);
  const interner = new FrameInterner(profile, granularityKeys(options.granularity));
  const locFrames = new LocationFrames(profile, filtered, interner);
  const out = new StackSink(merge);
  const baseSamples = diffBaseSamples(profile);

  const { samples } = profile;
  const locs = samples.stackLocations;
  let kept = new Int32Array(64);
  for (let s = 0; s < samples.count; s++) {
    const value = samples.values[s * samples.valueCount + sampleTypeIndex]!;
    if (value === 0 && !stackOptions.keepZeroValues) continue;
    if (tagTest && !tagTest(s)) continue;
    const end = samples.stackStart[s + 1]!;
    let start = samples.stackStart[s]!;
    if (filtered.pruneActive) start = prunedStart(locs, start, end, filtered.flags);
    if (end - start > kept.length) kept = new Int32Array(Math.max(end - start, kept.length * 2));
    const n = keptLocations(locs, start, end, filtered, kept);
    if (n === 0 && (filtered.nameFilterActive || filtered.showFromActive)) continue;
    out.begin();
    for (let i = 0; i < n; i++) locFrames.append(kept[i]!, out);
    out.end(value, s, baseSamples ? baseSamples[s]! : 0);
  }

  return {
    sampleTypeIndex,
    sampleType,
    frames: locFrames.finish(),
    count: out.count,
    values: out.values.subarray(0, out.count),
    stackStart: out.starts.subarray(0, out.count + 1),
    stackFrames: out.frames.subarray(0, out.frameCount),
    stackInlined: out.inlined.subarray(0, out.frameCount),
    total: computeTotal(profile, sampleTypeIndex),
    sampleIndexes: out.sampleIndexes.subarray(0, out.count),
    merged: merge,
    diffBase: baseSamples ? out.groups.subarray(0, out.count) : undefined,
  };
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
    private readonly profile: Profile,
    private readonly filtered: FilteredLocations,
    private readonly interner: FrameInterner,
  ) {
    this.start = new Int32Array(profile.locations.count * 2).fill(-1);
  }

  append(loc: number, sink: StackSink): void {
    let lo = this.start[loc * 2]!;
    if (lo < 0) lo = this.resolve(loc);
    const hi = this.start[loc * 2 + 1]!;
    for (let i = lo; i < hi; i++) sink.push(this.frames[i]!, this.inlined[i]!);
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
    this.start[loc * 2] = lo;
    this.start[loc * 2 + 1] = this.frames.length;
    return lo;
  }
}

/** Collects stacks into growable typed arrays, merging identical ones through a hash table. */
class StackSink {
  count = 0;
  frameCount = 0;
  values = new Float64Array(1024);
  starts = new Int32Array(1025);
  sampleIndexes = new Int32Array(1024);
  /** Per stack, a group stacks must share to merge (diff base or not). */
  groups = new Uint8Array(1024);
  frames = new Int32Array(8192);
  inlined = new Uint8Array(8192);
  private table = new Int32Array(2048).fill(-1);
  private hashes = new Int32Array(1024);
  private hash = 0;

  constructor(private readonly merge: boolean) {}

  begin(): void {
    this.starts[this.count] = this.frameCount;
    this.hash = 0x811c9dc5;
  }

  push(frame: number, inlined: number): void {
    if (this.frameCount === this.frames.length) {
      this.frames = growInt32(this.frames, this.frames.length * 2);
      const more = new Uint8Array(this.frames.length);
      more.set(this.inlined);
      this.inlined = more;
    }
    this.frames[this.frameCount] = frame;
    this.inlined[this.frameCount++] = inlined;
    this.hash = Math.imul(this.hash ^ (frame * 2 + inlined), 0x01000193);
  }

  end(value: number, sample: number, group: number): void {
    const start = this.starts[this.count]!;
    this.hash = Math.imul(this.hash ^ (group + 0x9e37), 0x01000193);
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
    const mask = this.table.length - 1;
    const len = this.frameCount - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = this.table[slot]!;
      if (id < 0) return -1;
      if (this.hashes[id] !== hash || this.groups[id] !== group) continue;
      const s = this.starts[id]!;
      if (this.starts[id + 1]! - s !== len) continue;
      let same = true;
      for (let i = 0; i < len; i++) {
        if (this.frames[s + i] !== this.frames[start + i] || this.inlined[s + i] !== this.inlined[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return id;
    }
  }

  private insert(id: number): void {
    if ((this.count + 1) * 2 > this.table.length) {
      this.table = new Int32Array(this.table.length * 2).fill(-1);
      for (let i = 0; i < this.count; i++) this.place(i);
    } else {
      this.place(id);
    }
  }

  private place(id: number): void {
    const mask = this.table.length - 1;
    let slot = this.hashes[id]! & mask;
    while (this.table[slot]! >= 0) slot = (slot + 1) & mask;
    this.table[slot] = id;
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

function growInt32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
