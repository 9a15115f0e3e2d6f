import type { StackVisitor } from './stack-walk';
import { LocationStackRecorder, type LocationStacks } from './inline-labels';

/** Accumulates flat and cum per frame, and keeps the stacks for pprof's inline markers. */
export class TotalsSink implements StackVisitor {
  /** The stacks as locations, for pprof's inline markers (filled by LocationFrames.addTotals). */
  readonly stacks = new LocationStackRecorder();
  /**
   * Stacks handed over as frames (transformed: no longer the profile's locations), each frame a
   * location of its own numbered frame * 2 + inlined, so pprof's inline markers still follow the edges.
   */
  private readonly frameStacks = new LocationStackRecorder();
  private frameLocs = new Int32Array(256);
  flat = new Float64Array(256);
  cum = new Float64Array(256);
  private seenIn = new Int32Array(256).fill(-1);
  private stack = 0;

  add(frames: Int32Array, inlined: Uint8Array, length: number, value: number): void {
    if (length === 0) return;
    if (length > this.frameLocs.length) this.frameLocs = new Int32Array(Math.max(length, this.frameLocs.length * 2));
    for (let i = 0; i < length; i++) this.frameLocs[i] = frames[i]! * 2 + inlined[i]!;
    this.frameStacks.add(this.frameLocs, 0, length, value);
    const id = this.beginStack();
    for (let i = 0; i < length; i++) this.reserve(frames[i]! + 1);
    this.flat[frames[0]!]! += value;
    this.addCum(frames, 0, length, value, id);
  }

  /**
   * The stacks added up, for the inline markers: by location (given each location's frames) or,
   * when they came as frames, by one-frame pseudo-location.
   */
  locationStacks(table: { frameRange: Int32Array; frames: Int32Array; inlined: Uint8Array }, frameCount: number): LocationStacks {
    const byFrame = this.frameStacks.result(new Int32Array(0), new Int32Array(0), new Uint8Array(0));
    if (byFrame.count === 0) return this.stacks.result(table.frameRange, table.frames, table.inlined);
    const pseudo = frameCount * 2;
    const frameRange = new Int32Array(pseudo * 2);
    const frames = new Int32Array(pseudo);
    const inlined = new Uint8Array(pseudo);
    for (let id = 0; id < pseudo; id++) {
      frameRange[id * 2] = id;
      frameRange[id * 2 + 1] = id + 1;
      frames[id] = id >> 1;
      inlined[id] = id & 1;
    }
    return { ...byFrame, frameRange, frames, inlined };
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
