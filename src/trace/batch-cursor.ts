/**
 * Reading one thread's events, batch after batch, with absolute times; and the min-heap of
 * threads by the time of their next event that the ordering merges from. The heap moves
 * exactly as Go's reader's does, so events with equal timestamps come out in the same order.
 */
import { FormatProblem } from './errors';
import { eventName, timedSpec } from './events';
import type { Batch } from './generation';
import { Cursor } from './wire';

export class BatchCursor {
  private index = 0;
  private cursor: Cursor | undefined;
  private lastTs = 0;
  /** The current event: type, time (ns) and its arguments after the timestamp. */
  type = 0;
  time = 0;
  readonly args: number[] = [0, 0, 0, 0];

  constructor(
    readonly m: number,
    private readonly buf: Uint8Array,
    private readonly batches: readonly Batch[],
    private readonly freq: number,
    private readonly version: number,
  ) {}

  /** Reads the next event; false when this thread has none left in the generation. */
  next(): boolean {
    while (this.cursor === undefined || this.cursor.done) {
      if (this.index === this.batches.length) return false;
      const b = this.batches[this.index++]!;
      this.cursor = new Cursor(this.buf, b.start, b.end);
      this.lastTs = Math.trunc(b.time * this.freq);
    }
    const c = this.cursor;
    const at = c.pos;
    const type = c.byte();
    const spec = timedSpec(type, this.version);
    if (spec === undefined) throw new FormatProblem(`unexpected ${eventName(type)} at byte ${at} in a batch of thread ${this.m}`);
    const delta = c.uvarint();
    for (let i = 0; i < 4; i++) this.args[i] = i < spec.args ? c.uvarint() : 0;
    this.type = type;
    this.time = Math.trunc(delta * this.freq) + this.lastTs;
    this.lastTs = this.time;
    return true;
  }
}

export function heapInsert(heap: BatchCursor[], bc: BatchCursor): void {
  heap.push(bc);
  siftUp(heap, heap.length - 1);
}

export function heapUpdate(heap: BatchCursor[], i: number): void {
  if (siftUp(heap, i) !== i) return;
  siftDown(heap, i);
}

export function heapRemove(heap: BatchCursor[], i: number): void {
  while (i > 0) {
    swap(heap, i, (i - 1) >> 1);
    i = (i - 1) >> 1;
  }
  swap(heap, 0, heap.length - 1);
  heap.pop();
  siftDown(heap, 0);
}

function swap(heap: BatchCursor[], i: number, j: number): void {
  const t = heap[i]!;
  heap[i] = heap[j]!;
  heap[j] = t;
}

function siftUp(heap: BatchCursor[], i: number): number {
  while (i > 0 && heap[(i - 1) >> 1]!.time > heap[i]!.time) {
    swap(heap, i, (i - 1) >> 1);
    i = (i - 1) >> 1;
  }
  return i;
}

function siftDown(heap: BatchCursor[], i: number): void {
  for (;;) {
    let m = i;
    let minT = i < heap.length ? heap[i]!.time : Infinity;
    for (const k of [2 * i + 1, 2 * i + 2]) {
      if (k < heap.length && heap[k]!.time < minT) {
        minT = heap[k]!.time;
        m = k;
      }
    }
    if (m === i) return;
    swap(heap, i, m);
    i = m;
  }
}
