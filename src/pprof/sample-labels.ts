import * as growable from './growable';
import { wrongWireType } from './profile-layout';
import * as strings from './decode-strings';
import * as wireFormat from './wire';

// Local aliases: see decode-samples.ts.
const { VARINT, keyAt, skipValue, varintAt, wire } = wireFormat;
const { grown } = growable;
const { checkString } = strings;

const LABEL_FIELD_NAMES = ['', 'key', 'str', 'num', 'num_unit'];

/** Columns of sample labels, allocated for the expected count and grown if it was short. */
export class LabelColumns {
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
