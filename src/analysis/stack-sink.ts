import type { StackVisitor } from './stack-walk';

/** Collects stacks into growable typed arrays, merging identical ones through a hash table. */
export class StackSink implements StackVisitor {
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

  /** Per stack its value exactly, when the sink was given `exactOf` (see exact-values.ts). */
  readonly exact: bigint[] | undefined;

  /**
   * `expected`: about how many stacks will come (room for them from the start avoids
   * regrowing). `exactOf`: a sample's value exactly, when the values must also be added up exactly.
   */
  constructor(
    private readonly merge: boolean,
    expected = 1024,
    expectedFrames = expected * 8,
    private readonly exactOf?: (sample: number) => bigint,
  ) {
    this.exact = exactOf ? [] : undefined;
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
        if (this.exact) this.exact[found]! += this.exactOf!(sample);
        this.frameCount = start;
        return;
      }
    }
    if (this.count + 1 >= this.values.length) this.growStacks();
    const id = this.count++;
    this.values[id] = value;
    if (this.exact) this.exact[id] = this.exactOf!(sample);
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
