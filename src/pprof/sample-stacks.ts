import type { LocationIndexes, UniqueStacks } from './profile';
import type { IdIndex } from './id-index';
import type { SampleSink } from './decode-samples';
import * as growable from './growable';
import { packedIds, writeDenseLocations } from './location-ids';
import * as stackInterner from './stack-interner';
import type { StackKeyTable as KeyTable } from './stack-interner';
import * as wireFormat from './wire';

// Local aliases: see decode-samples.ts.
const { keyAt, lengthAt, skipValue, varintAt, wire, writeShortestVarint } = wireFormat;
const { fitted, grown } = growable;
const { BATCH_SIZE, StackKeyTable } = stackInterner;

/** Up to this many samples, the stack table is made for one stack per sample. */
const SMALL_PROFILE_SAMPLES = 1 << 16;

/**
 * Assigns each sample its unique stack, in batches: the keys of BATCH_SIZE samples are hashed,
 * their table entries touched together, then looked up (see StackKeyTable).
 */
export class SampleStacks implements SampleSink {
  /** Each sample's values: Int32 while every value fits (half the memory of float64), float64 from the first that does not. */
  values: Int32Array | Float64Array;
  readonly valueStride: number;
  private readonly keys: KeyTable;
  /** Per sample its unique stack. */
  private readonly ofSample: Int32Array;
  /**
   * Dense locations of each unique stack: uniqueLocations[uniqueStart[k] .. uniqueStart[k + 1] - 1].
   * Both are allocated at their upper bounds (a unique stack per sample; a location id per byte
   * of the samples), so they never grow and are returned without copying; only the pages
   * written take memory. The locations take 16 bits each when every dense index fits.
   */
  private readonly uniqueStart: Int32Array;
  private readonly uniqueLocations: LocationIndexes;
  /** `buf`, to compare keys four bytes at a time. */
  private readonly view: DataView;
  private scratch: Uint8Array = new Uint8Array(256);
  private readonly batchSample = new Int32Array(BATCH_SIZE);
  private readonly batchStart = new Int32Array(BATCH_SIZE);
  private readonly batchEnd = new Int32Array(BATCH_SIZE);
  /** 1 when the batched sample has the same key bytes as the sample just before it. */
  private readonly batchRepeat = new Uint8Array(BATCH_SIZE);
  /** Samples in the batch. */
  private batched = 0;
  /** The unique stack of the last sample resolved. */
  private lastStack = -1;
  /** Key of the last sample given to push while the next sample is its successor (else lastEnd < 0). */
  private lastStart = 0;
  private lastEnd = -1;

  constructor(
    private readonly buf: Uint8Array,
    count: number,
    sampleBytes: number,
    valueCount: number,
    private readonly locationIndex: IdIndex,
  ) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.values = new Int32Array(count * valueCount);
    this.valueStride = valueCount;
    this.ofSample = new Int32Array(count);
    this.uniqueStart = new Int32Array(count + 1);
    this.uniqueLocations = locationIndex.count <= 1 << 16 ? new Uint16Array(sampleBytes) : new Int32Array(sampleBytes);
    // Heap profiles have about one unique stack per four samples; CPU profiles far fewer. A
    // small profile's table is made for a stack per sample (a goroutine profile's), at most
    // 512 KB, so it never rehashes: two rehashes were ~2 ms of the CLI's run on 4,097 goroutine stacks.
    this.keys = new StackKeyTable(count <= SMALL_PROFILE_SAMPLES ? count : count / 4, count, buf);
  }

  widenValues(): Float64Array {
    const wide = Float64Array.from(this.values);
    this.values = wide;
    return wide;
  }

  /** Values past 2^53, exactly, by `s * valueCount + type`; undefined while there is none. */
  exactValues: Map<number, bigint> | undefined;

  exactValue(s: number, type: number, value: bigint): void {
    (this.exactValues ??= new Map()).set(s * this.valueStride + type, value);
  }

  /** Sample `s` whose location ids are the one packed run `buf[keyStart .. keyEnd - 1]`. */
  push(s: number, keyStart: number, keyEnd: number): void {
    const i = this.batched++;
    this.batchSample[i] = s;
    this.batchStart[i] = keyStart;
    this.batchEnd[i] = keyEnd;
    // Samples of one stack often follow each other (a Go heap profile lists the allocation
    // sizes of a call site in turn): the same bytes as the sample before need no hash or probe.
    const { buf, lastStart } = this;
    let repeat = keyEnd - keyStart === this.lastEnd - lastStart;
    if (repeat) repeat = sameBytes(this.view, buf, keyStart, lastStart, keyEnd);
    if (repeat) {
      this.batchRepeat[i] = 1;
      this.keys.clear(i);
    } else {
      this.batchRepeat[i] = 0;
      this.keys.prepare(i, buf, keyStart, keyEnd);
      this.lastStart = keyStart;
      this.lastEnd = keyEnd;
    }
    if (i + 1 === BATCH_SIZE) this.flush();
  }

  /** Sample `s` (at `buf[start .. end - 1]`) whose location ids are split over several fields. */
  pushSplit(s: number, start: number, end: number): void {
    this.flush();
    this.lastEnd = -1;
    this.scratch = canonicalIds(this.buf, start, end, this.scratch);
    this.ofSample[s] = this.resolve(s, this.scratch, 0, canonicalLength, this.keys.lookup(this.scratch, 0, canonicalLength), BATCH_SIZE);
  }

  finish(): UniqueStacks {
    this.flush();
    const count = this.keys.count;
    return {
      count,
      ofSample: this.ofSample,
      start: fitted(this.uniqueStart, count + 1),
      locations: fitted(this.uniqueLocations, this.uniqueStart[count]!),
    };
  }

  private flush(): void {
    const n = this.batched;
    if (n === 0) return;
    this.batched = 0;
    const { keys, buf, batchSample, batchStart, batchEnd, batchRepeat, ofSample } = this;
    if (keys.touch(n) === -1) return; // never: the sum of stack indexes + 1 is not negative
    let last = this.lastStack;
    for (let i = 0; i < n; i++) {
      if (batchRepeat[i] === 1) {
        // The sample just before it, resolved by now, has the same stack.
        ofSample[batchSample[i]!] = last;
        continue;
      }
      const lo = batchStart[i]!;
      const hi = batchEnd[i]!;
      const found = keys.find(i, buf, lo, hi);
      const u = found >= 0 ? found : this.resolve(batchSample[i]!, buf, lo, hi, found, i);
      ofSample[batchSample[i]!] = u;
      last = u;
    }
    this.lastStack = last;
  }

  /** The unique stack of sample `s` with key `src[lo .. hi - 1]`, prepared in slot `slot`, whose find gave `found`. */
  private resolve(s: number, src: Uint8Array, lo: number, hi: number, found: number, slot: number): number {
    if (found >= 0) return found;
    // A new key: decode its ids straight into the next unique stack's place.
    const at = this.uniqueStart[this.keys.count]!;
    const n = writeDenseLocations(s, src, lo, hi, this.locationIndex, this.uniqueLocations, at);
    if (packedIds.overlong) {
      // Longer varints than needed: key the stack by its shortest encoding instead.
      const key = new Uint8Array((n - at) * 10);
      let k = 0;
      for (let q = lo; q < hi; ) {
        const id = varintAt(src, q, hi, false);
        q = wire.next;
        k = writeShortestVarint(key, k, id);
      }
      // Found: the locations just written past the last stack are overwritten by the next new one.
      const again = this.keys.lookup(key, 0, k);
      if (again >= 0) return again;
      return this.added(key, 0, k, BATCH_SIZE, n);
    }
    return this.added(src, lo, hi, slot, n);
  }

  /** Adds the key whose locations were written up to `end` in uniqueLocations. */
  private added(src: Uint8Array, lo: number, hi: number, slot: number, end: number): number {
    const u = this.keys.add(slot, src, lo, hi);
    this.uniqueStart[u + 1] = end;
    return u;
  }
}

/** Whether `buf[p .. end - 1]` equals the bytes from `q` on (`view` is `buf`'s). */
function sameBytes(view: DataView, buf: Uint8Array, p: number, q: number, end: number): boolean {
  for (; p + 4 <= end; p += 4, q += 4) if (view.getInt32(p, true) !== view.getInt32(q, true)) return false;
  for (; p < end; p++, q++) if (buf[p] !== buf[q]) return false;
  return true;
}

/** Length of the key written by the last canonicalIds call. */
let canonicalLength = 0;

/**
 * Writes the location ids of the sample at [start, end) as one packed run of shortest-form
 * varints into `out` (grown as needed, and returned); its length goes to canonicalLength.
 * The sample was read once already, so its fields are well formed.
 */
function canonicalIds(buf: Uint8Array, start: number, end: number, out: Uint8Array): Uint8Array {
  let n = 0;
  let pos = start;
  while (pos < end) {
    const key = keyAt(buf, pos, end);
    pos = wire.next;
    if (key !== 10 && key !== 8) {
      pos = skipValue(buf, pos, end, key & 7);
      continue;
    }
    let fieldEnd = -1;
    if (key === 10) {
      const length = lengthAt(buf, pos, end);
      pos = wire.next;
      fieldEnd = pos + length;
    }
    let more = fieldEnd < 0 || pos < fieldEnd;
    while (more) {
      const id = varintAt(buf, pos, fieldEnd < 0 ? end : fieldEnd, false);
      pos = wire.next;
      if (n + 10 > out.length) out = grown(out, n + 10);
      n = writeShortestVarint(out, n, id);
      more = pos < fieldEnd;
    }
  }
  canonicalLength = n;
  return out;
}
