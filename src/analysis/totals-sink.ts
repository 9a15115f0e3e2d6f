import type { StackVisitor } from './stack-walk';
import { LocationStackRecorder } from './inline-labels';

/** Accumulates flat and cum per frame, and keeps the stacks for pprof's inline markers. */
export class TotalsSink implements StackVisitor {
  /** The stacks as locations, for pprof's inline markers (filled by LocationFrames.addTotals). */
  readonly stacks = new LocationStackRecorder();
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
