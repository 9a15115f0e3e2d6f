/**
 * pprof's "(inline)" / "(partial-inline)" markers of the top report. pprof decides them per
 * node from the incoming edges of its trimmed graph: "(inline)" when every incoming edge is
 * inline, "(partial-inline)" when some are, nothing when none are or there is none. An edge
 * is inline only if every call along it was an inlined Line entry (as the first time it
 * appears in each sample: later repeats of the pair in one stack are not counted); self-edges
 * are skipped; zero-value samples add no edge; nodes dropped by -nodefraction or -nodecount
 * are jumped over (the edge from the nearest kept caller); edges lighter than -edgefraction
 * of the total are dropped.
 */

import type { LocationIndexes } from '../pprof/profile';

/**
 * The unique stacks a top table was added up from, as locations (leaf first), with the frames
 * of each location (innermost first): enough to rebuild pprof's edges for any kept set.
 */
export interface LocationStacks {
  readonly count: number;
  /** count + 1 offsets into locs. */
  readonly starts: Int32Array;
  readonly locs: Int32Array;
  readonly values: Float64Array;
  /** Per location [lo, hi) into frames/inlined; -1, -1 when the location was never met. */
  readonly frameRange: Int32Array;
  readonly frames: Int32Array;
  /** Parallel to frames: 1 when that Line entry is an inlined call (not its location's last). */
  readonly inlined: Uint8Array;
}

export type InlineLabel = '' | '(inline)' | '(partial-inline)';

/** Collects location stacks, growing its arrays as needed. */
export class LocationStackRecorder {
  private count = 0;
  private used = 0;
  private starts = new Int32Array(256);
  private locs = new Int32Array(1024);
  private values = new Float64Array(256);

  add(locs: LocationIndexes, start: number, end: number, value: number): void {
    if (value === 0 || end <= start) return;
    const length = end - start;
    if (this.count + 2 > this.starts.length) {
      this.starts = grow(this.starts, this.count + 2);
      this.values = grow(this.values, this.count + 2);
    }
    if (this.used + length > this.locs.length) this.locs = grow(this.locs, this.used + length);
    this.locs.set(locs.subarray(start, end), this.used);
    this.starts[this.count] = this.used;
    this.values[this.count] = value;
    this.used += length;
    this.count++;
    this.starts[this.count] = this.used;
  }

  result(frameRange: Int32Array, frames: Int32Array, inlined: Uint8Array): LocationStacks {
    return {
      count: this.count,
      starts: this.starts.slice(0, this.count + 1),
      locs: this.locs.slice(0, this.used),
      values: this.values.slice(0, this.count),
      frameRange,
      frames,
      inlined,
    };
  }
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(a: T, needed: number): T {
  let n = a.length * 2;
  while (n < needed) n *= 2;
  const b = new (a.constructor as new (length: number) => T)(n);
  b.set(a);
  return b;
}

/**
 * Two parts' stacks of one profile as one (e.g. added up by two threads): locations are the
 * profile's, so only `second`'s frames are renumbered, by `frameOf`.
 */
export function concatLocationStacks(first: LocationStacks, second: LocationStacks, frameOf: (frame: number) => number): LocationStacks {
  const starts = new Int32Array(first.count + second.count + 1);
  starts.set(first.starts);
  const base = first.locs.length;
  for (let s = 1; s <= second.count; s++) starts[first.count + s] = base + second.starts[s]!;
  const locs = new Int32Array(base + second.locs.length);
  locs.set(first.locs);
  locs.set(second.locs, base);
  const values = new Float64Array(first.count + second.count);
  values.set(first.values);
  values.set(second.values, first.count);
  // A location met only by the second part takes its frames from there.
  const frameRange = first.frameRange.slice();
  const frames = Array.from(first.frames);
  const inlined = Array.from(first.inlined);
  for (let loc = 0; loc * 2 < frameRange.length; loc++) {
    if (frameRange[loc * 2]! >= 0) continue;
    const lo = second.frameRange[loc * 2]!;
    if (lo < 0) continue;
    const hi = second.frameRange[loc * 2 + 1]!;
    frameRange[loc * 2] = frames.length;
    for (let i = lo; i < hi; i++) {
      frames.push(frameOf(second.frames[i]!));
      inlined.push(second.inlined[i]!);
    }
    frameRange[loc * 2 + 1] = frames.length;
  }
  return { count: first.count + second.count, starts, locs, values, frameRange, frames: Int32Array.from(frames), inlined: Uint8Array.from(inlined) };
}

/**
 * The marker of each frame in `kept` (1 = kept), from the edges of the graph of `stacks`
 * limited to the kept frames; edges with |weight| < edgeCutoff are dropped. Only frames with
 * `mayBeInline` set (some use of them is inlined) can get a marker, so only their incoming
 * edges are looked at. A location met again in one stack adds only the edge into it: the
 * edges inside it were counted the first time (bounded work on inline-amplified stacks).
 */
export function inlineLabels(
  stacks: LocationStacks,
  frameCount: number,
  kept: Uint8Array,
  mayBeInline: Uint8Array,
  edgeCutoff: number,
): InlineLabel[] {
  const labels = new Array<InlineLabel>(frameCount).fill('');
  let any = false;
  for (let f = 0; f < frameCount; f++) if (kept[f] && mayBeInline[f]) any = true;
  if (!any) return labels;
  // Edge parent -> child, keyed parent * frameCount + child, for candidate children only.
  // Each edge (key parent * frameCount + child) has a slot: its weight, whether some call along
  // it was direct, and the last stack that added to it (one Map lookup per edge met).
  const slotOf = new Map<number, number>();
  const keys: number[] = [];
  let weight = new Float64Array(64);
  let direct = new Uint8Array(64);
  let stamp = new Int32Array(64);
  const { starts, locs, values, frameRange, frames, inlined } = stacks;
  const seenIn = new Int32Array(frameRange.length / 2).fill(-1);
  let parent = -1;
  let s = 0;
  const edge = (n: number, inl: boolean): void => {
    if (parent < 0 || n === parent || !mayBeInline[n]) return;
    const key = parent * frameCount + n;
    let slot = slotOf.get(key);
    if (slot === undefined) {
      slot = keys.push(key) - 1;
      slotOf.set(key, slot);
      if (slot === weight.length) [weight, direct, stamp] = [grow(weight, slot + 1), grow(direct, slot + 1), grow(stamp, slot + 1)];
      stamp[slot] = -1;
    }
    if (stamp[slot] === s) return;
    stamp[slot] = s;
    weight[slot]! += values[s]!;
    if (!inl) direct[slot] = 1;
  };
  for (; s < stacks.count; s++) {
    if (values[s] === 0) continue;
    parent = -1;
    for (let k = starts[s + 1]! - 1; k >= starts[s]!; k--) {
      const loc = locs[k]!;
      const lo = frameRange[loc * 2]!;
      const hi = frameRange[loc * 2 + 1]!;
      const again = seenIn[loc] === s;
      seenIn[loc] = s;
      for (let i = hi - 1; i >= lo; i--) {
        const n = frames[i]!;
        if (!kept[n]) continue;
        edge(n, inlined[i] === 1);
        parent = n;
        if (again) {
          // The rest of this location's edges were counted at its first visit: skip to its innermost kept frame.
          for (let j = lo; j < i; j++) {
            if (kept[frames[j]!]) {
              parent = frames[j]!;
              break;
            }
          }
          break;
        }
      }
    }
  }
  const hasInline = new Uint8Array(frameCount);
  const hasDirect = new Uint8Array(frameCount);
  keys.forEach((key, slot) => {
    if (Math.abs(weight[slot]!) < edgeCutoff) return;
    const child = key % frameCount;
    if (direct[slot]) hasDirect[child] = 1;
    else hasInline[child] = 1;
  });
  for (let f = 0; f < frameCount; f++) if (hasInline[f]) labels[f] = hasDirect[f] ? '(partial-inline)' : '(inline)';
  return labels;
}

