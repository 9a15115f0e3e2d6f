import type { SampleTable, UniqueStacks } from './profile';
import type { IdIndex } from './id-index';
import * as growable from './growable';
import * as stackInterner from './stack-interner';
import type { StackKeyTable as KeyTable } from './stack-interner';
import type { RangeList } from './growable';
import * as strings from './decode-strings';
import { wrongWireType } from './profile-layout';
import { packedIds, writeDenseLocations } from './location-ids';
import { SampleRuns, sampleRange, type SampleRunVisitor, type SampleRunsSummary, type SampleShare } from './sample-runs';
import * as wireFormat from './wire';
import { WireFormatError } from './wire';

// Local aliases of the wire readers: when these files run as CommonJS (tsx in tests and
// benchmarks), each use of an imported name is a property getter call, which made the
// hot loops below 2.4x slower. The esbuild bundles are unaffected either way.
const { VARINT, keyAt, lengthAt, skipValue, varintAt, wire, writeShortestVarint } = wireFormat;
const { grown } = growable;
const { checkString } = strings;
const { BATCH_SIZE, StackKeyTable } = stackInterner;

const LABEL_FIELD_NAMES = ['', 'key', 'str', 'num', 'num_unit'];

/** Where readSamples puts what it reads of each sample: SampleStacks (a table) or SampleRuns. */
export interface SampleSink {
  /** Sample s's values go to values[s * valueStride + t]. */
  readonly values: Int32Array | Float64Array;
  readonly valueStride: number;
  /** Switches values to float64 (a value does not fit in 32 bits) and returns them. */
  widenValues(): Float64Array;
  push(s: number, keyStart: number, keyEnd: number): void;
  pushSplit(s: number, start: number, end: number): void;
}

/**
 * Decodes every sample into flat typed arrays; each sample's stack is interned while it is
 * decoded: samples only keep the index of their unique location stack, and the per-sample
 * layout (`stackStart`/`stackLocations`) is built on first use.
 */
export function decodeSamples(
  buf: Uint8Array,
  ranges: RangeList,
  valueCount: number,
  locationIndex: IdIndex,
  stringCount: number,
): SampleTable {
  const count = ranges.count;
  const sampleBytes = checkSampleBytes(ranges, valueCount);
  const stacks = new SampleStacks(buf, count, sampleBytes, valueCount, locationIndex);
  const labelStart = new Int32Array(count + 1);
  // Room for one label per sample (Go heap profiles have exactly that): pages never written
  // cost no memory, and a column that fits is returned without a copy.
  const labels = new LabelColumns(count, true);
  readSamples(buf, ranges, 0, count, valueCount, stringCount, stacks, labels, labelStart);
  labelStart[count] = labels.length;
  return new DecodedSamples(count, valueCount, stacks.values, labelStart, labels, stacks.finish());
}

/**
 * Reads the samples of `share` with the same checks as decodeSamples, but hands them to
 * `visitor` as runs (see sample-runs.ts) and keeps nothing per sample; labels are checked and
 * dropped.
 */
export function decodeSampleRuns(
  buf: Uint8Array,
  ranges: RangeList,
  valueCount: number,
  locationIndex: IdIndex,
  stringCount: number,
  visitor: SampleRunVisitor,
  share: SampleShare,
): SampleRunsSummary {
  checkSampleBytes(ranges, valueCount);
  const [from, to] = sampleRange(share, ranges.count);
  const runs = new SampleRuns(buf, valueCount, locationIndex, visitor);
  readSamples(buf, ranges, from, to, valueCount, stringCount, runs, new LabelColumns(0, false), undefined);
  runs.finish();
  return { sampleCount: ranges.count, negativeValues: runs.negativeValues };
}

/** The bytes the samples take, after checking they can hold `valueCount` values each. */
function checkSampleBytes(ranges: RangeList, valueCount: number): number {
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
  return sampleBytes;
}

/**
 * Reads each sample's fields into `sink` (values, location ids) and `labels`. This is the hot
 * path on big profiles (millions of samples), so positions and output cursors stay in locals
 * and short varints are read inline (the general readers are the fallback for anything
 * unusual, and the source of every error). Reads samples from .. to - 1; `labelStart`, when
 * given, gets each sample's first label.
 */
function readSamples(
  buf: Uint8Array,
  ranges: RangeList,
  from: number,
  to: number,
  valueCount: number,
  stringCount: number,
  sink: SampleSink,
  labels: LabelColumns,
  labelStart: Int32Array | undefined,
): void {
  const count = ranges.count;
  const starts = ranges.starts;
  const ends = ranges.ends;
  const valueStride = sink.valueStride;
  let values = sink.values;

  for (let s = from; s < to; s++) {
    if (labelStart !== undefined) labelStart[s] = labels.length;
    const end = ends[s]!;
    const valueBase = s * valueStride;
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
              if ((value | 0) !== value && values instanceof Int32Array) values = sink.widenValues();
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
        if ((value | 0) !== value && values instanceof Int32Array) values = sink.widenValues();
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
    if (locationFields <= 1) sink.push(s, keyStart, keyEnd);
    else sink.pushSplit(s, starts[s]!, end);
  }
}

/**
 * Assigns each sample its unique stack, in batches: the keys of BATCH_SIZE samples are hashed,
 * their table entries touched together, then looked up (see StackKeyTable).
 */
class SampleStacks implements SampleSink {
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
    this.values = new Int32Array(count * valueCount);
    this.valueStride = valueCount;
    this.ofSample = new Int32Array(count);
    this.uniqueStart = new Int32Array(count + 1);
    this.uniqueLocations = new Int32Array(sampleBytes);
    // Heap profiles have about one unique stack per four samples; CPU profiles far fewer.
    this.keys = new StackKeyTable(count / 4, count, sampleBytes);
  }

  widenValues(): Float64Array {
    const wide = Float64Array.from(this.values);
    this.values = wide;
    return wide;
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
