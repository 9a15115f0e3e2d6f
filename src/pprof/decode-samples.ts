import type { MergedSamples, SampleTable, UniqueStacks } from './profile';
import type { IdIndex } from './id-index';
import * as growable from './growable';
import * as stackInterner from './stack-interner';
import type { StackKeyTable as KeyTable } from './stack-interner';
import type { RangeList } from './growable';
import * as strings from './decode-strings';
import { wrongWireType } from './profile-layout';
import * as wireFormat from './wire';
import { WireFormatError } from './wire';

// Local aliases of the wire readers: when these files run as CommonJS (tsx in tests and
// benchmarks), each use of an imported name is a property getter call, which made the
// hot loops below 2.4x slower. The esbuild bundles are unaffected either way.
const { VARINT, keyAt, lengthAt, skipValue, varintAt, wire } = wireFormat;
const { grown } = growable;
const { checkString } = strings;
const { BATCH_SIZE, StackKeyTable } = stackInterner;

const LABEL_FIELD_NAMES = ['', 'key', 'str', 'num', 'num_unit'];

/**
 * Decodes every sample into flat typed arrays. This is the hot path on big profiles
 * (millions of samples), so positions and output cursors stay in locals and short varints
 * are read inline (the general readers are the fallback for anything unusual, and the
 * source of every error).
 *
 * Each sample's stack is interned while it is decoded: samples only keep the index of
 * their unique location stack, and the per-sample layout (`stackStart`/`stackLocations`)
 * is built on first use.
 */
export function decodeSamples(
  buf: Uint8Array,
  ranges: RangeList,
  valueCount: number,
  locationIndex: IdIndex,
  stringCount: number,
  merge = false,
): SampleTable {
  const count = ranges.count;
  if (count > 0 && valueCount === 0) {
    throw new WireFormatError(`the profile has ${count} samples but no sample types`);
  }
  // Each value takes at least one byte, so this bound also keeps garbage from allocating huge arrays.
  const sampleBytes = ranges.totalBytes();
  if (count * valueCount > sampleBytes) {
    throw new WireFormatError(
      `${count} samples of ${valueCount} values cannot fit in the ${sampleBytes} bytes the samples take`,
    );
  }
  const stacks = new SampleStacks(buf, count, sampleBytes, valueCount, locationIndex, merge);
  // Each sample's values, or (merging) the values of the batch stacks is collecting. Int32
  // while every value fits (half the memory of float64), float64 from the first that does not.
  let values: Int32Array | Float64Array = merge ? stacks.batchValues : new Int32Array(count * valueCount);
  const labelStart = new Int32Array(merge ? 0 : count + 1);
  // Room for one label per sample (Go heap profiles have exactly that): pages never written
  // cost no memory, and a column that fits is returned without a copy. Merging checks labels
  // and drops them.
  const labels = new LabelColumns(merge ? 0 : count, !merge);
  const starts = ranges.starts;
  const ends = ranges.ends;

  for (let s = 0; s < count; s++) {
    if (!merge) labelStart[s] = labels.length;
    const end = ends[s]!;
    const valueBase = merge ? stacks.batched * valueCount : s * valueCount;
    let valuesSeen = 0;
    /** Location fields seen; with exactly one (packed), its bytes are the stack's key. */
    let locationFields = 0;
    let keyStart = 0;
    let keyEnd = 0;
    let pos = starts[s]!;
    while (pos < end) {
      const keyPos = pos;
      let key = buf[pos]!;
      if (key >= 8 && key < 0x80) pos++;
      else {
        key = keyAt(buf, pos, end);
        pos = wire.next;
      }
      if (key === 10 || key === 18) {
        // location_id (1) or value (2), packed: the usual encoding.
        let length = buf[pos]!;
        if (length < 0x80 && pos < end && length < end - pos) pos++;
        else {
          length = lengthAt(buf, pos, end);
          pos = wire.next;
        }
        const fieldEnd = pos + length;
        if (key === 10) {
          if (locationFields++ === 0) {
            keyStart = pos;
            keyEnd = fieldEnd;
          }
          pos = fieldEnd;
        } else {
          while (pos < fieldEnd) {
            let value = buf[pos]!;
            let next = 0;
            if (value < 0x80) pos++;
            else if (pos + 1 < fieldEnd && (next = buf[pos + 1]!) < 0x80) {
              value = (value & 0x7f) | (next << 7);
              pos += 2;
            } else if (pos + 2 < fieldEnd && next >= 0x80 && buf[pos + 2]! < 0x80) {
              value = (value & 0x7f) | ((next & 0x7f) << 7) | (buf[pos + 2]! << 14);
              pos += 3;
            } else {
              value = varintAt(buf, pos, fieldEnd, true);
              pos = wire.next;
              if ((value | 0) !== value && values instanceof Int32Array) values = Float64Array.from(values);
            }
            if (valuesSeen === valueCount) {
              throw new WireFormatError(`sample #${s} has more values than the ${valueCount} sample types`);
            }
            values[valueBase + valuesSeen++] = value;
          }
        }
      } else if (key === 8) {
        // location_id, one varint per field: the key is rebuilt below.
        varintAt(buf, pos, end, false);
        pos = wire.next;
        locationFields += 2;
      } else if (key === 16) {
        // value, one varint per field.
        const value = varintAt(buf, pos, end, true);
        pos = wire.next;
        if ((value | 0) !== value && values instanceof Int32Array) values = Float64Array.from(values);
        if (valuesSeen === valueCount) {
          throw new WireFormatError(`sample #${s} has more values than the ${valueCount} sample types`);
        }
        values[valueBase + valuesSeen++] = value;
      } else if (key === 26) {
        let length = buf[pos]!;
        if (length < 0x80 && pos < end && length < end - pos) pos++;
        else {
          length = lengthAt(buf, pos, end);
          pos = wire.next;
        }
        labels.decode(buf, pos, pos + length, stringCount, s, count);
        pos += length;
      } else {
        const field = key >>> 3;
        const wireType = key & 7;
        if (field === 1) throw wrongWireType('Sample', 'location_id', wireType, keyPos);
        if (field === 2) throw wrongWireType('Sample', 'value', wireType, keyPos);
        if (field === 3) throw wrongWireType('Sample', 'label', wireType, keyPos);
        pos = skipValue(buf, pos, end, wireType);
      }
    }
    if (valuesSeen !== valueCount) {
      throw new WireFormatError(`sample #${s} has ${valuesSeen} values but the profile has ${valueCount} sample types`);
    }
    if (locationFields <= 1) stacks.push(s, keyStart, keyEnd);
    else stacks.pushSplit(s, starts[s]!, end);
  }
  const unique = stacks.finish();
  if (merge) {
    const merged = stacks.mergedValues();
    const mergedInfo = { negativeValues: stacks.negativeValues };
    return new DecodedSamples(unique.count, valueCount, merged, new Int32Array(unique.count + 1), labels, unique, mergedInfo);
  }
  labelStart[count] = labels.length;
  return new DecodedSamples(count, valueCount, values, labelStart, labels, unique, undefined);
}

/**
 * Assigns each sample its unique stack, in batches: the keys of BATCH_SIZE samples are hashed,
 * their table entries touched together, then looked up (see StackKeyTable).
 */
class SampleStacks {
  private readonly keys: KeyTable;
  /** Per sample its unique stack; when merging, per unique stack itself. */
  private readonly ofSample: Int32Array;
  /** When merging: per unique stack, the sums of its samples' values. */
  private readonly sums: Float64Array | undefined;
  /** When merging: the values of the samples in the batch (slot i at i * valueCount). */
  readonly batchValues: Float64Array;
  /** When merging: whether some value was negative (so a zero sum may hide samples). */
  negativeValues = false;
  /**
   * Dense locations of each unique stack: uniqueLocations[uniqueStart[k] .. uniqueStart[k + 1] - 1].
   * Both are allocated at their upper bounds (a unique stack per sample; a location id per byte
   * of the samples), so they never grow and are returned without copying; only the pages
   * written take memory.
   */
  private readonly uniqueStart: Int32Array;
  private readonly uniqueLocations: Int32Array;
  private scratch: Uint8Array = new Uint8Array(256);
  private readonly batchSample = new Int32Array(BATCH_SIZE);
  private readonly batchStart = new Int32Array(BATCH_SIZE);
  private readonly batchEnd = new Int32Array(BATCH_SIZE);
  /** 1 when the batched sample has the same key bytes as the sample just before it. */
  private readonly batchRepeat = new Uint8Array(BATCH_SIZE);
  /** Samples in the batch. */
  batched = 0;
  /** The unique stack of the last sample resolved. */
  private lastStack = -1;
  /** Key of the last sample given to push while the next sample is its successor (else lastEnd < 0). */
  private lastStart = 0;
  private lastEnd = -1;

  constructor(
    private readonly buf: Uint8Array,
    count: number,
    sampleBytes: number,
    private readonly valueCount: number,
    private readonly locationIndex: IdIndex,
    merge: boolean,
  ) {
    this.ofSample = new Int32Array(count);
    // Upper bound again: a unique stack per sample.
    this.sums = merge ? new Float64Array(count * valueCount) : undefined;
    this.batchValues = new Float64Array(merge ? (BATCH_SIZE + 1) * valueCount : 0);
    this.uniqueStart = new Int32Array(count + 1);
    this.uniqueLocations = new Int32Array(sampleBytes);
    // Heap profiles have about one unique stack per four samples; CPU profiles far fewer.
    this.keys = new StackKeyTable(count / 4, count, sampleBytes);
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
    for (let p = keyStart, q = lastStart; repeat && p < keyEnd; p++, q++) repeat = buf[p] === buf[q];
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
    const slot = this.batched;
    this.flush();
    this.lastEnd = -1;
    this.scratch = canonicalIds(this.buf, start, end, this.scratch);
    const before = this.keys.count;
    const u = this.resolve(s, this.scratch, 0, canonicalLength, this.keys.lookup(this.scratch, 0, canonicalLength), BATCH_SIZE);
    if (this.sums) this.addValues(u, slot, u >= before);
    else this.ofSample[s] = u;
  }

  /** When merging: the sums of each unique stack (finish first). */
  mergedValues(): Float64Array {
    return this.sums!.subarray(0, this.keys.count * this.valueCount);
  }

  /** Adds the values in batch slot `slot` to the sums of stack `u`; `fresh`: u is new (its sums not written yet). */
  private addValues(u: number, slot: number, fresh: boolean): void {
    const { valueCount, batchValues } = this;
    const sums = this.sums!;
    for (let t = 0, to = u * valueCount, from = slot * valueCount; t < valueCount; t++) {
      const value = batchValues[from + t]!;
      if (value < 0) this.negativeValues = true;
      // A first write rather than a read-modify-write: the page is then faulted in once, not twice.
      if (fresh) sums[to + t] = value;
      else sums[to + t]! += value;
    }
  }

  finish(): UniqueStacks {
    this.flush();
    const count = this.keys.count;
    if (this.sums) for (let u = 0; u < count; u++) this.ofSample[u] = u;
    return {
      count,
      ofSample: this.sums ? this.ofSample.subarray(0, count) : this.ofSample,
      start: fitted(this.uniqueStart, count + 1),
      locations: fitted(this.uniqueLocations, this.uniqueStart[count]!),
    };
  }

  private flush(): void {
    const n = this.batched;
    if (n === 0) return;
    this.batched = 0;
    const { keys, buf, batchSample, batchStart, batchEnd, batchRepeat, ofSample, sums } = this;
    if (keys.touch(n) === -1) return; // never: the sum of stack indexes + 1 is not negative
    let last = this.lastStack;
    for (let i = 0; i < n; i++) {
      if (batchRepeat[i] === 1) {
        // The sample just before it, resolved by now, has the same stack.
        if (sums) this.addValues(last, i, false);
        else ofSample[batchSample[i]!] = last;
        continue;
      }
      const lo = batchStart[i]!;
      const hi = batchEnd[i]!;
      const found = keys.find(i, buf, lo, hi);
      const before = keys.count;
      const u = found >= 0 ? found : this.resolve(batchSample[i]!, buf, lo, hi, found, i);
      if (sums) this.addValues(u, i, u >= before);
      else ofSample[batchSample[i]!] = u;
      last = u;
    }
    this.lastStack = last;
  }

  /** The unique stack of sample `s` with key `src[lo .. hi - 1]`, prepared in slot `slot`, whose find gave `found`. */
  private resolve(s: number, src: Uint8Array, lo: number, hi: number, found: number, slot: number): number {
    if (found >= 0) return found;
    // A new key: decode its ids straight into the next unique stack's place.
    const { locationIndex, uniqueLocations } = this;
    const table = locationIndex.table;
    const tableLength = table.length;
    const at = this.uniqueStart[this.keys.count]!;
    let n = at;
    let canonical = true;
    let p = lo;
    while (p < hi) {
      let id = src[p]!;
      if (id < 0x80) p++;
      else {
        id = varintAt(src, p, hi, false);
        if (src[wire.next - 1] === 0) canonical = false;
        p = wire.next;
      }
      const dense = id < tableLength ? table[id]! : locationIndex.get(id);
      if (dense < 0) {
        throw new WireFormatError(`sample #${s} refers to location id ${id}, which is not in the profile`);
      }
      uniqueLocations[n++] = dense;
    }
    if (!canonical) {
      // Longer varints than needed: key the stack by its shortest encoding instead.
      const key = new Uint8Array((n - at) * 10);
      let k = 0;
      for (let q = lo; q < hi; ) {
        let id = varintAt(src, q, hi, false);
        q = wire.next;
        while (id >= 0x80) {
          key[k++] = (id % 0x80) | 0x80;
          id = Math.floor(id / 0x80);
        }
        key[k++] = id;
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

/**
 * The first `length` entries of an array allocated at an upper bound: a view when that bound
 * was nearly reached or the array is big (its unwritten pages cost nothing), else a copy so a
 * small profile does not hold a large allocation.
 */
function fitted<T extends Int32Array | Float64Array>(array: T, length: number): T {
  if (array.length === length) return array;
  return (length * 8 >= array.length * 7 || length >= 1 << 18 ? array.subarray(0, length) : array.slice(0, length)) as T;
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
      fieldEnd = pos + lengthAt(buf, pos, end);
      pos = wire.next;
    }
    let more = fieldEnd < 0 || pos < fieldEnd;
    while (more) {
      let id = varintAt(buf, pos, fieldEnd < 0 ? end : fieldEnd, false);
      pos = wire.next;
      if (n + 10 > out.length) out = grown(out, n + 10);
      while (id >= 0x80) {
        out[n++] = (id % 0x80) | 0x80;
        id = Math.floor(id / 0x80);
      }
      out[n++] = id;
      more = pos < fieldEnd;
    }
  }
  canonicalLength = n;
  return out;
}

/** A SampleTable whose per-sample stack layout is expanded from the unique stacks on first use. */
class DecodedSamples implements SampleTable {
  readonly labelKey: Int32Array;
  readonly labelStr: Int32Array;
  readonly labelNum: Float64Array;
  readonly labelNumUnit: Int32Array;
  private expandedStart: Int32Array | undefined;
  private expandedLocations: Int32Array | undefined;

  constructor(
    readonly count: number,
    readonly valueCount: number,
    readonly values: Int32Array | Float64Array,
    readonly labelStart: Int32Array,
    labels: LabelColumns,
    readonly uniqueStacks: UniqueStacks,
    readonly merged: MergedSamples | undefined,
  ) {
    this.labelKey = fitted(labels.key, labels.length);
    this.labelStr = fitted(labels.str, labels.length);
    this.labelNum = fitted(labels.num, labels.length);
    this.labelNumUnit = fitted(labels.numUnit, labels.length);
  }

  get stackStart(): Int32Array {
    if (this.expandedStart === undefined) this.expand();
    return this.expandedStart!;
  }

  get stackLocations(): Int32Array {
    if (this.expandedLocations === undefined) this.expand();
    return this.expandedLocations!;
  }

  private expand(): void {
    const { ofSample, start, locations } = this.uniqueStacks;
    const stackStart = new Int32Array(this.count + 1);
    let length = 0;
    for (let s = 0; s < this.count; s++) {
      stackStart[s] = length;
      const u = ofSample[s]!;
      length += start[u + 1]! - start[u]!;
    }
    stackStart[this.count] = length;
    const stackLocations = new Int32Array(length);
    for (let s = 0; s < this.count; s++) {
      const u = ofSample[s]!;
      for (let i = start[u]!, o = stackStart[s]!; i < start[u + 1]!; i++) stackLocations[o++] = locations[i]!;
    }
    this.expandedStart = stackStart;
    this.expandedLocations = stackLocations;
  }
}

/** Columns of sample labels, allocated for the expected count and grown if it was short. */
class LabelColumns {
  key: Int32Array;
  str: Int32Array;
  num: Float64Array;
  numUnit: Int32Array;
  length = 0;

  /** `keep`: false to check labels without storing them. */
  constructor(
    expected: number,
    private readonly keep: boolean,
  ) {
    this.key = new Int32Array(expected);
    this.str = new Int32Array(expected);
    this.num = new Float64Array(expected);
    this.numUnit = new Int32Array(expected);
  }

  /** Decodes one Label message at [start, end) and appends it. */
  decode(buf: Uint8Array, start: number, end: number, stringCount: number, sample: number, sampleCount: number): void {
    const i = this.length;
    if (i === this.key.length && this.keep) {
      // Room for as many labels per sample as so far, for every sample.
      const needed = Math.max(i + 1, Math.ceil(((i + 1) / (sample + 1)) * sampleCount * 1.05));
      this.key = grown(this.key, needed);
      this.str = grown(this.str, needed);
      this.num = grown(this.num, needed);
      this.numUnit = grown(this.numUnit, needed);
    }
    let key = 0;
    let str = 0;
    let num = 0;
    let numUnit = 0;
    let pos = start;
    // Fast path: one-byte keys of the four varint fields and varints of up to three bytes.
    while (pos < end) {
      const fieldKey = buf[pos]!;
      if ((fieldKey & 7) !== 0 || fieldKey < 8 || fieldKey > 32 || pos + 1 >= end) break;
      let value = buf[pos + 1]!;
      let p = pos + 2;
      if (value >= 0x80) {
        if (p >= end) break;
        const b1 = buf[p++]!;
        value = (value & 0x7f) | ((b1 & 0x7f) << 7);
        if (b1 >= 0x80) {
          if (p >= end) break;
          const b2 = buf[p++]!;
          if (b2 >= 0x80) break;
          value |= b2 << 14;
        }
      }
      pos = p;
      if (fieldKey === 8) key = value;
      else if (fieldKey === 16) str = value;
      else if (fieldKey === 24) num = value;
      else numUnit = value;
    }
    while (pos < end) {
      const keyPos = pos;
      const fieldKey = keyAt(buf, pos, end);
      pos = wire.next;
      const field = fieldKey >>> 3;
      const wireType = fieldKey & 7;
      if (field > 4) {
        pos = skipValue(buf, pos, end, wireType);
        continue;
      }
      if (wireType !== VARINT) throw wrongWireType('Label', LABEL_FIELD_NAMES[field]!, wireType, keyPos);
      const value = varintAt(buf, pos, end, true);
      pos = wire.next;
      if (field === 1) key = value;
      else if (field === 2) str = value;
      else if (field === 3) num = value;
      else numUnit = value;
    }
    if (key < 0 || key >= stringCount) checkString(key, stringCount, 'sample', sample, 'label key');
    if (str < 0 || str >= stringCount) checkString(str, stringCount, 'sample', sample, 'label str');
    if (numUnit < 0 || numUnit >= stringCount) checkString(numUnit, stringCount, 'sample', sample, 'label num_unit');
    if (!this.keep) return;
    this.key[i] = key;
    this.str[i] = str;
    this.num[i] = num;
    this.numUnit[i] = numUnit;
    this.length = i + 1;
  }
}
