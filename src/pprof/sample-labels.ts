import * as growable from './growable';
import { wrongWireType } from './profile-layout';
import * as strings from './decode-strings';
import * as wireFormat from './wire';

// Local aliases: see decode-samples.ts.
const { VARINT, keyAt, skipValue, varintAt, wire } = wireFormat;
const { fitted, grown } = growable;
const { checkString } = strings;

const LABEL_FIELD_NAMES = ['', 'key', 'str', 'num', 'num_unit'];

/** The one label every sample has, when they all share its key, str and num_unit (see SampleTable.sameLabel). */
export interface SameLabel {
  readonly key: number;
  readonly str: number;
  readonly numUnit: number;
}

const EMPTY = new Int32Array(0);

/**
 * Columns of sample labels. While no sample so far has more than one label and all labels
 * have the same key, str and num_unit, as in a Go heap profile (a `bytes` label on nearly
 * every sample), only each label's num is stored, as int32, with the few samples that have no
 * label: the other columns and the per-sample starts are made from them on first use (most
 * views never ask). The first label that breaks this switches to full columns, filled from
 * what was read so far.
 */
export class LabelColumns {
  key = EMPTY;
  str = EMPTY;
  num = new Float64Array(0);
  numUnit = EMPTY;
  /** Per sample its first label; undefined while the labels are in short form. */
  start: Int32Array | undefined;
  length = 0;
  private same: SameLabel = { key: 0, str: 0, numUnit: 0 };
  /** Short form: the labels' nums, the last sample with a label, the samples before it without one (ascending). */
  private num32: Int32Array;
  private lastSample = -1;
  /** The short form's label key when decodeShort can read its labels, else -1. */
  private keyByte = -1;
  private unlabelled = EMPTY;
  private unlabelledCount = 0;

  /** `sampleCount`: the samples to be read; `keep`: false to check labels without storing them. */
  constructor(
    private readonly sampleCount: number,
    private readonly keep: boolean,
  ) {
    this.num32 = keep ? new Int32Array(sampleCount) : EMPTY;
  }

  /**
   * The usual label in one small step: while in short form with a label key below 128, no str
   * and no num_unit (Go's `bytes` label), a label of sample lastSample + 1 that is exactly that
   * key then a num of 1 to 4 varint bytes is stored here; false (nothing done) for anything
   * else, which decode then reads.
   */
  decodeShort(buf: Uint8Array, start: number, end: number, sample: number): boolean {
    if (buf[start + 1] !== this.keyByte || buf[start] !== 8 || buf[start + 2] !== 24 || sample !== this.lastSample + 1) return false;
    let p = start + 3;
    let num = 0;
    for (let shift = 0; p < end && shift < 28; shift += 7) {
      const b = buf[p++]!;
      num |= (b & 0x7f) << shift;
      if (b < 0x80) {
        if (p !== end) return false;
        this.num32[this.length++] = num;
        this.lastSample = sample;
        return true;
      }
    }
    return false;
  }

  /** Decodes one Label message at [start, end) of sample `sample` and appends it. */
  decode(buf: Uint8Array, start: number, end: number, stringCount: number, sample: number): void {
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
    const i = this.length;
    if (this.start === undefined) {
      if (sample !== this.lastSample && (num | 0) === num) {
        if (i === 0) {
          this.same = { key, str, numUnit };
          if (key < 0x80 && str === 0 && numUnit === 0) this.keyByte = key;
        }
        const same = this.same;
        if (key === same.key && str === same.str && numUnit === same.numUnit) {
          for (let t = this.lastSample + 1; t < sample; t++) this.addUnlabelled(t);
          this.lastSample = sample;
          this.num32[i] = num;
          this.length = i + 1;
          return;
        }
      }
      this.spread(sample);
    }
    if (i === this.key.length) {
      // Room for as many labels per sample as so far, for every sample.
      const needed = Math.max(i + 1, Math.ceil(((i + 1) / (sample + 1)) * this.sampleCount * 1.05));
      this.key = grown(this.key, needed);
      this.str = grown(this.str, needed);
      this.num = grown(this.num, needed);
      this.numUnit = grown(this.numUnit, needed);
    }
    this.key[i] = key;
    this.str[i] = str;
    this.num[i] = num;
    this.numUnit[i] = numUnit;
    this.length = i + 1;
  }

  /** Ends the labels after the last sample. */
  finish(): void {
    const count = this.sampleCount;
    if (this.start === undefined && this.length === 0) this.start = new Int32Array(count + 1);
    if (this.start !== undefined) this.start[count] = this.length;
  }

  /** The one label of every sample that has one, while the labels are in short form. */
  sameLabel(): SameLabel | undefined {
    return this.start === undefined && this.keep ? this.same : undefined;
  }

  /** The columns as SampleTable has them (called once each, after finish). */
  startColumn(): Int32Array {
    return this.start ?? this.startsUpTo(this.sampleCount);
  }

  keyColumn(): Int32Array {
    return this.start === undefined ? new Int32Array(this.length).fill(this.same.key) : fitted(this.key, this.length);
  }

  strColumn(): Int32Array {
    return this.start === undefined ? new Int32Array(this.length).fill(this.same.str) : fitted(this.str, this.length);
  }

  numUnitColumn(): Int32Array {
    return this.start === undefined ? new Int32Array(this.length).fill(this.same.numUnit) : fitted(this.numUnit, this.length);
  }

  numColumn(): Float64Array {
    return this.start === undefined ? Float64Array.from(this.num32.subarray(0, this.length)) : fitted(this.num, this.length);
  }

  private addUnlabelled(sample: number): void {
    if (this.unlabelledCount === this.unlabelled.length) this.unlabelled = grown(this.unlabelled, this.unlabelledCount + 1);
    this.unlabelled[this.unlabelledCount++] = sample;
  }

  /** In short form: the first label of samples 0 .. last (samples past lastSample have none). */
  private startsUpTo(last: number): Int32Array {
    const start = new Int32Array(this.sampleCount + 1);
    let labels = 0;
    let u = 0;
    for (let s = 0; s <= last; s++) {
      start[s] = labels;
      if (u < this.unlabelledCount && this.unlabelled[u] === s) u++;
      else if (s <= this.lastSample) labels++;
    }
    return start;
  }

  /**
   * Leaves the short form, during sample `sample`: full columns for the labels read so far,
   * and the starts of samples 0 .. sample.
   */
  private spread(sample: number): void {
    this.keyByte = -1;
    const n = this.length;
    const room = Math.max(n + 1, this.sampleCount);
    const { key, str, numUnit } = this.same;
    this.key = new Int32Array(room).fill(key, 0, n);
    this.str = new Int32Array(room).fill(str, 0, n);
    this.numUnit = new Int32Array(room).fill(numUnit, 0, n);
    this.num = new Float64Array(room);
    for (let i = 0; i < n; i++) this.num[i] = this.num32[i]!;
    this.num32 = EMPTY;
    this.start = this.startsUpTo(sample);
    this.unlabelled = EMPTY;
  }
}
