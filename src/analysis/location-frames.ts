import type { LocationIndexes, ProfileMetadata } from '../pprof/profile';
import type { FilteredLocations } from './filters';
import type { Frame, FrameInterner } from './frames';
import type { TotalsSink } from './totals-sink';

/** The frames of each location (innermost first), resolved once per location on first use. */
export class LocationFrames {
  private readonly start: Int32Array;
  private readonly frames: number[] = [];
  private readonly inlined: number[] = [];
  /** Parallel to frames: the profile function of each (-1 for a location without lines), for transforms. */
  private readonly functions: number[] = [];
  private readonly lineFunction: Int32Array;

  constructor(
    profile: ProfileMetadata,
    private readonly filtered: FilteredLocations,
    private readonly interner: FrameInterner,
  ) {
    this.start = new Int32Array(profile.locations.count * 2).fill(-1);
    this.locationSeenIn = new Int32Array(profile.locations.count).fill(-1);
    this.lineFunction = profile.locations.lineFunction;
  }

  /** Per location, the last TotalsSink stack it was added to (see addTotals). */
  private readonly locationSeenIn: Int32Array;

  /** One more than the largest frame index of the locations resolved so far. */
  private frameLimit = 0;
  private resolvedCount = 0;

  /**
   * Resolves the locations of the stacks `order` names (stack u is
   * locations[start[u] .. start[u + 1] - 1]), in that order; stops once every location of the
   * profile is resolved.
   */
  resolveInOrder(start: Int32Array, locations: LocationIndexes, order: Int32Array): void {
    for (const loc of firstUses(start, locations, order, this.start)) this.resolve(loc);
  }

  /** The frames of one stack (leaf first), filled by expand. */
  stackFrames = new Int32Array(256);
  stackInlined = new Uint8Array(256);
  stackFunctions = new Int32Array(256);

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
      const functions = this.stackFunctions;
      for (let i = lo; i < hi; i++) {
        frames[length] = this.frames[i]!;
        functions[length] = this.functions[i]!;
        inlined[length++] = this.inlined[i]!;
      }
    }
    return length;
  }

  /**
   * Adds a stack of locations `locs[start .. end - 1]` (every one kept) to `sink`, frame by
   * frame. A location met again in the same stack adds nothing (its frames' cum counts once per
   * stack), so the work is bounded by the stack's length plus the frames of its distinct
   * locations, however many lines each location repeats.
   */
  addTotals(locs: LocationIndexes, start: number, end: number, value: number, sink: TotalsSink): void {
    const id = sink.beginStack();
    sink.stacks.add(locs, start, end, value);
    const ranges = this.start;
    const seenIn = this.locationSeenIn;
    let leaf = true;
    for (let k = start; k < end; k++) {
      const loc = locs[k]!;
      if (seenIn[loc] === id) continue;
      seenIn[loc] = id;
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
    const functions = new Int32Array(n);
    functions.set(this.stackFunctions);
    this.stackFrames = frames;
    this.stackInlined = inlined;
    this.stackFunctions = functions;
  }

  finish(): Frame[] {
    return this.interner.finish();
  }

  /** Each resolved location's frames (see LocationStacks). */
  table(): { frameRange: Int32Array; frames: Int32Array; inlined: Uint8Array } {
    return { frameRange: this.start.slice(), frames: Int32Array.from(this.frames), inlined: Uint8Array.from(this.inlined) };
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
      this.functions.push(-1);
      this.interner.countUse(f, false);
    } else {
      for (let i = first; i < last; i++) {
        const f = this.interner.lineFrame(loc, keptLines[i]!);
        const inl = i < last - 1;
        this.frames.push(f);
        this.inlined.push(inl ? 1 : 0);
        this.functions.push(this.lineFunction[keptLines[i]!]!);
        this.interner.countUse(f, inl);
      }
    }
    for (let i = lo; i < this.frames.length; i++) this.frameLimit = Math.max(this.frameLimit, this.frames[i]! + 1);
    this.start[loc * 2] = lo;
    this.start[loc * 2 + 1] = this.frames.length;
    this.resolvedCount++;
    return lo;
  }
}

/**
 * The locations not yet resolved (ranges[2l] < 0) of the stacks `order` names, in the order
 * they are first met. A loop of its own, without calls: V8 compiles it once (with resolve()
 * inlined, it was thrown away whenever a location took a new path through the frame interner).
 */
function firstUses(start: Int32Array, locations: LocationIndexes, order: Int32Array, ranges: Int32Array): Int32Array {
  const seen = resolvedFlags(ranges);
  const found = new Int32Array(seen.length);
  let n = 0;
  let left = seen.length - seen.reduce((sum, flag) => sum + flag, 0);
  for (let i = 0; i < order.length && left > 0; i++) {
    const u = order[i]!;
    // The end read once: the stores to `seen` would otherwise make V8 read it again each step.
    for (let k = start[u]!, end = start[u + 1]!; k < end; k++) {
      const loc = locations[k]!;
      if (seen[loc] === 0) {
        seen[loc] = 1;
        found[n++] = loc;
        left--;
      }
    }
  }
  return found.subarray(0, n);
}

/** 1 for each location already resolved. */
function resolvedFlags(ranges: Int32Array): Uint8Array {
  const seen = new Uint8Array(ranges.length / 2);
  for (let loc = 0; loc < seen.length; loc++) if (ranges[loc * 2]! >= 0) seen[loc] = 1;
  return seen;
}
