/**
 * Interning of location stacks: equal sequences of dense location indexes share one index.
 * Used while decoding (so later stages work once per unique stack, not once per sample) and
 * for sample tables built by hand.
 */
import type { SampleTable, UniqueStacks } from './profile';
import { grown } from './growable';

/** FNV-1a step for one stack entry; callers fold every entry of a stack, starting from FNV_OFFSET. */
export const FNV_OFFSET = 0x811c9dc5;

/** Interns location stacks in an open-addressing hash table of typed arrays. */
export class StackInterner {
  private count = 0;
  private start = new Int32Array(1025);
  private locations = new Int32Array(8192);
  private hashes = new Int32Array(1024);
  /** Open addressing, two slots per entry: [hash, stack index + 1] (0: empty), so a probe reads one cache line. */
  private table = new Int32Array(4096);

  /** The index of the stack `stack[0 .. length - 1]` (whose FNV hash is `hash`), added if new. */
  intern(stack: Int32Array, offset: number, length: number, hash: number): number {
    let h = Math.imul(hash ^ length, 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    const table = this.table;
    const mask = table.length - 2;
    let slot = (h << 1) & mask;
    for (;;) {
      const entry = table[slot + 1]!;
      if (entry === 0) break;
      if (table[slot] === h) {
        const id = entry - 1;
        const lo = this.start[id]!;
        if (this.start[id + 1]! - lo === length) {
          const locations = this.locations;
          let i = 0;
          while (i < length && locations[lo + i] === stack[offset + i]) i++;
          if (i === length) return id;
        }
      }
      slot = (slot + 2) & mask;
    }
    const id = this.count;
    if (id + 2 > this.hashes.length) this.growStacks();
    const lo = this.start[id]!;
    if (lo + length > this.locations.length) this.locations = grown(this.locations, lo + length);
    const locations = this.locations;
    for (let i = 0; i < length; i++) locations[lo + i] = stack[offset + i]!;
    this.start[id + 1] = lo + length;
    this.hashes[id] = h;
    this.count = id + 1;
    if (this.count * 4 > table.length) this.rehash();
    else {
      table[slot] = h;
      table[slot + 1] = id + 1;
    }
    return id;
  }

  finish(ofSample: Int32Array): UniqueStacks {
    const length = this.start[this.count]!;
    return {
      count: this.count,
      ofSample,
      start: this.start.slice(0, this.count + 1),
      locations: this.locations.slice(0, length),
    };
  }

  private growStacks(): void {
    this.hashes = grown(this.hashes, this.hashes.length + 1);
    this.start = grown(this.start, this.hashes.length + 1);
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 2;
    for (let id = 0; id < this.count; id++) {
      const h = this.hashes[id]!;
      let slot = (h << 1) & mask;
      while (table[slot + 1] !== 0) slot = (slot + 2) & mask;
      table[slot] = h;
      table[slot + 1] = id + 1;
    }
    this.table = table;
  }

}

/** The unique stacks of `samples`: the ones decodeProfile recorded, else computed from the per-sample stacks. */
export function uniqueStacksOf(samples: SampleTable): UniqueStacks {
  if (samples.uniqueStacks !== undefined) return samples.uniqueStacks;
  const { count, stackStart, stackLocations } = samples;
  const interner = new StackInterner();
  const ofSample = new Int32Array(count);
  for (let s = 0; s < count; s++) {
    const lo = stackStart[s]!;
    const hi = stackStart[s + 1]!;
    let hash = FNV_OFFSET;
    for (let i = lo; i < hi; i++) hash = Math.imul(hash ^ stackLocations[i]!, 0x01000193);
    ofSample[s] = interner.intern(stackLocations, lo, hi - lo, hash);
  }
  return interner.finish(ofSample);
}

/**
 * An entry of StackKeyTable is one int: stack index + 1 in its low bits (0: empty), the top
 * bits of the key's hash above them (idMask tells them apart). On a big profile nearly every
 * probe is for a new key (Go writes about one sample per stack) and ends at an empty slot, so
 * the table's size is what costs: random reads over its pages (8 MB for the million keys of a
 * 90 MB heap profile; 16 MB with a whole hash per entry, 64 MB with 20 key bytes inline).
 * A hash-bits match compares the key where it lies.
 */
/** Keys prepared at once before their probes (see touch). */
export const BATCH_SIZE = 32;

/**
 * Unique stacks keyed by the bytes of their packed location ids, as they lie in the file.
 * Samples with the same stack nearly always repeat the same bytes, so a sample that is not
 * the first of its stack costs one hash of its bytes and one probe. Only new
 * keys are decoded into location indexes (by the caller). A key is not copied when it lies in
 * the file's buffer (`main`): the table points at it there.
 *
 * Keys must be canonical (every varint in its shortest form) for equal stacks to share an
 * index; the caller re-encodes anything else.
 */
export class StackKeyTable {
  count = 0;
  private entries: Int32Array;
  /** Per key, where its bytes start: in `main` when ≥ 0, else at -start - 1 in keyBytes. */
  private keyStart: Int32Array;
  /** The keys that are not in `main` (rewritten in shortest form by the caller). */
  private keyBytes = new Uint8Array(256);
  private keyBytesUsed = 0;
  /** After a failed lookup: the slot to add the key at. */
  private freeSlot = 0;
  /** Per key, its length in bytes. */
  private keyLength: Int32Array;
  private readonly mainView: DataView;
  /** Hash of each prepared key (BATCH_SIZE slots, one for single lookups, one for rehashing). */
  private readonly hashes = new Int32Array(BATCH_SIZE + 2);
  /** The bits of an entry that hold the stack index + 1; the others hold hash bits. */
  private idMask: number;

  /**
   * `expectedKeys`: a guess of the number of keys, to start with a table that needs no
   * rehashing (each rehash scatters the whole table); slots never written cost no memory.
   * `maxKeys`, when known, is an upper bound the key starts and lengths are allocated at (only
   * pages written take memory), so they never grow by copying. `main`: the buffer (below
   * 2 GiB) most keys are read from, which must not change while the table is used.
   */
  constructor(
    expectedKeys: number,
    maxKeys: number,
    private readonly main: Uint8Array,
  ) {
    this.mainView = new DataView(main.buffer, main.byteOffset, main.byteLength);
    this.keyStart = new Int32Array(maxKeys + 1);
    this.keyLength = new Int32Array(maxKeys + 1);
    let slots = 1024;
    while (slots * 3 < expectedKeys * 4 && slots < 1 << 22) slots *= 2;
    this.entries = new Int32Array(slots);
    this.idMask = idMaskFor(maxKeys);
  }

  /** Hashes key `src[lo .. hi - 1]` into prepared slot `i`. */
  prepare(i: number, src: Uint8Array, lo: number, hi: number): void {
    let h = 0x811c9dc5 ^ (hi - lo);
    let word = 0;
    let shift = 0;
    let p = lo;
    if (src === this.main) {
      // Whole words read at once: the same little-endian words the byte loop below assembles.
      const view = this.mainView;
      for (; p + 4 <= hi; p += 4) h = Math.imul(h ^ view.getInt32(p, true), 0x01000193);
    }
    for (; p < hi; p++) {
      word |= src[p]! << shift;
      shift += 8;
      if (shift === 32) {
        h = Math.imul(h ^ word, 0x01000193);
        word = 0;
        shift = 0;
      }
    }
    if (shift !== 0) h = Math.imul(h ^ word, 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    this.hashes[i] = h;
  }

  /** Marks slot `i` as not looked up in this batch (touch then reads one fixed entry for it). */
  clear(i: number): void {
    this.hashes[i] = 0;
  }

  /**
   * Reads the first table entry of prepared slots 0 .. n - 1. The reads are independent, so
   * the processor overlaps their cache misses; the probes that follow then find them cached.
   */
  touch(n: number): number {
    const entries = this.entries;
    const hashes = this.hashes;
    const mask = entries.length - 1;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += entries[hashes[i]! & mask]! & 1;
    return sum;
  }

  /** The stack index of the key prepared in slot `i` (it is `src[lo .. hi - 1]`), or -1 (then `add` may follow). */
  find(i: number, src: Uint8Array, lo: number, hi: number): number {
    const entries = this.entries;
    const h = this.hashes[i]!;
    const length = hi - lo;
    const mask = entries.length - 1;
    const idMask = this.idMask;
    let slot = h & mask;
    for (;;) {
      const e = entries[slot]!;
      if (e === 0) break;
      const id = (e & idMask) - 1;
      if (((e ^ h) & ~idMask) === 0 && this.keyLength[id] === length && this.sameKey(id, src, lo, hi)) return id;
      slot = (slot + 1) & mask;
    }
    this.freeSlot = slot;
    return -1;
  }

  /** find() for one key, outside of a batch. */
  lookup(src: Uint8Array, lo: number, hi: number): number {
    this.prepare(BATCH_SIZE, src, lo, hi);
    return this.find(BATCH_SIZE, src, lo, hi);
  }

  /** Adds the key of the last failed find (prepared in slot `i`); returns its stack index. */
  add(i: number, src: Uint8Array, lo: number, hi: number): number {
    const id = this.count;
    const length = hi - lo;
    if (id + 1 > this.idMask) {
      // More keys than maxKeys said: fewer hash bits per entry.
      this.idMask = idMaskFor(id + 1);
      this.rehash(this.entries.length);
      this.find(i, src, lo, hi); // the free slot, in the rebuilt table
    }
    if (id + 1 > this.keyStart.length) {
      this.keyStart = grown(this.keyStart, id + 1);
      this.keyLength = grown(this.keyLength, id + 1);
    }
    this.keyLength[id] = length;
    if (src === this.main) this.keyStart[id] = lo;
    else {
      const at = this.keyBytesUsed;
      if (at + length > this.keyBytes.length) this.keyBytes = grown(this.keyBytes, at + length);
      const keyBytes = this.keyBytes;
      for (let p = lo; p < hi; p++) keyBytes[at + p - lo] = src[p]!;
      this.keyBytesUsed = at + length;
      this.keyStart[id] = -at - 1;
    }
    const entries = this.entries;
    entries[this.freeSlot] = (this.hashes[i]! & ~this.idMask) | (id + 1);
    this.count = id + 1;
    // Linear probing stays short up to 3/4 full; the table is the decoder's largest random-access structure.
    if (this.count * 4 > entries.length * 3) this.rehash(entries.length * 2);
    return id;
  }

  /** Key `id`, of the same length, is `src[lo .. hi - 1]`. */
  private sameKey(id: number, src: Uint8Array, lo: number, hi: number): boolean {
    const start = this.keyStart[id]!;
    const keyBytes = start >= 0 ? this.main : this.keyBytes;
    const at = (start >= 0 ? start : -start - 1) - lo;
    for (let p = lo; p < hi; p++) if (keyBytes[at + p] !== src[p]) return false;
    return true;
  }

  /** A table of `slots` slots holding every key (their hashes are computed again from their bytes). */
  private rehash(slots: number): void {
    const entries = new Int32Array(slots);
    const mask = slots - 1;
    const idMask = this.idMask;
    const scratch = BATCH_SIZE + 1;
    for (let id = 0; id < this.count; id++) {
      const start = this.keyStart[id]!;
      const src = start >= 0 ? this.main : this.keyBytes;
      const lo = start >= 0 ? start : -start - 1;
      this.prepare(scratch, src, lo, lo + this.keyLength[id]!);
      const h = this.hashes[scratch]!;
      let slot = h & mask;
      while (entries[slot] !== 0) slot = (slot + 1) & mask;
      entries[slot] = (h & ~idMask) | (id + 1);
    }
    this.entries = entries;
  }
}

/** The mask of the low bits that hold any stack index + 1 up to `maxKeys`. */
function idMaskFor(maxKeys: number): number {
  let bits = 1;
  while (bits < 31 && 2 ** bits <= maxKeys) bits++;
  return 2 ** bits - 1;
}
