import type { SampleTable } from './profile';
import type { IdIndex } from './id-index';
import * as growable from './growable';
import type { RangeList } from './growable';
import * as strings from './decode-strings';
import { wrongWireType } from './profile-layout';
import * as wireFormat from './wire';
import { WireFormatError } from './wire';

// Local aliases of the wire readers: when these files run as CommonJS (tsx in tests and
// benchmarks), each use of an imported name is a property getter call, which made the
// hot loops below 2.4x slower. The esbuild bundles are unaffected either way.
const { LENGTH_DELIMITED, VARINT, keyAt, lengthAt, skipValue, varintAt, wire } = wireFormat;
const { grown } = growable;
const { checkString } = strings;

const LABEL_FIELD_NAMES = ['', 'key', 'str', 'num', 'num_unit'];

/**
 * Decodes every sample into flat typed arrays. This is the hot path on big profiles
 * (millions of samples), so positions and output cursors stay in locals and one-byte
 * varints are read inline.
 */
export function decodeSamples(
  buf: Uint8Array,
  ranges: RangeList,
  valueCount: number,
  locationIndex: IdIndex,
  stringCount: number,
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
  const values = new Float64Array(count * valueCount);
  const stackStart = new Int32Array(count + 1);
  countEntries(buf, ranges);
  let stack = new Int32Array(entryCounts.locations);
  let stackLength = 0;
  const labelStart = new Int32Array(count + 1);
  const labels = new LabelColumns(entryCounts.labels);
  const table = locationIndex.table;
  const tableLength = table.length;
  const starts = ranges.starts;
  const ends = ranges.ends;

  for (let s = 0; s < count; s++) {
    stackStart[s] = stackLength;
    labelStart[s] = labels.length;
    const end = ends[s]!;
    const valueBase = s * valueCount;
    let valuesSeen = 0;
    let pos = starts[s]!;
    while (pos < end) {
      const keyPos = pos;
      const key = keyAt(buf, pos, end);
      pos = wire.next;
      const field = key >>> 3;
      const wireType = key & 7;
      if (field === 1) {
        // location_id: packed (usual) or one varint per field.
        let fieldEnd: number;
        if (wireType === LENGTH_DELIMITED) {
          const length = lengthAt(buf, pos, end);
          pos = wire.next;
          fieldEnd = pos + length;
        } else if (wireType === VARINT) {
          fieldEnd = -1;
        } else {
          throw wrongWireType('Sample', 'location_id', wireType, keyPos);
        }
        const limit = fieldEnd < 0 ? end : fieldEnd;
        let more = fieldEnd < 0 || pos < fieldEnd;
        while (more) {
          let id = buf[pos]!;
          let next = 0;
          if (id < 0x80 && pos < limit) pos++;
          else if (pos + 1 < limit && (next = buf[pos + 1]!) < 0x80) {
            id = (id & 0x7f) | (next << 7);
            pos += 2;
          } else {
            id = varintAt(buf, pos, limit, false);
            pos = wire.next;
          }
          const dense = id < tableLength ? table[id]! : locationIndex.get(id);
          if (dense < 0) {
            throw new WireFormatError(`sample #${s} refers to location id ${id}, which is not in the profile`);
          }
          if (stackLength === stack.length) stack = grown(stack, stackLength + 1);
          stack[stackLength++] = dense;
          more = pos < fieldEnd;
        }
      } else if (field === 2) {
        // value: packed (usual) or one varint per field.
        let fieldEnd: number;
        if (wireType === LENGTH_DELIMITED) {
          const length = lengthAt(buf, pos, end);
          pos = wire.next;
          fieldEnd = pos + length;
        } else if (wireType === VARINT) {
          fieldEnd = -1;
        } else {
          throw wrongWireType('Sample', 'value', wireType, keyPos);
        }
        const limit = fieldEnd < 0 ? end : fieldEnd;
        let more = fieldEnd < 0 || pos < fieldEnd;
        while (more) {
          let value = buf[pos]!;
          let next = 0;
          if (value < 0x80 && pos < limit) pos++;
          else if (pos + 1 < limit && (next = buf[pos + 1]!) < 0x80) {
            value = (value & 0x7f) | (next << 7);
            pos += 2;
          } else {
            value = varintAt(buf, pos, limit, true);
            pos = wire.next;
          }
          if (valuesSeen === valueCount) {
            throw new WireFormatError(`sample #${s} has more values than the ${valueCount} sample types`);
          }
          values[valueBase + valuesSeen++] = value;
          more = pos < fieldEnd;
        }
      } else if (field === 3) {
        if (wireType !== LENGTH_DELIMITED) throw wrongWireType('Sample', 'label', wireType, keyPos);
        const length = lengthAt(buf, pos, end);
        pos = wire.next;
        labels.decode(buf, pos, pos + length, stringCount, s);
        pos += length;
      } else {
        pos = skipValue(buf, pos, end, wireType);
      }
    }
    if (valuesSeen !== valueCount) {
      throw new WireFormatError(`sample #${s} has ${valuesSeen} values but the profile has ${valueCount} sample types`);
    }
  }
  stackStart[count] = stackLength;
  labelStart[count] = labels.length;
  return {
    count,
    valueCount,
    values,
    stackStart,
    stackLocations: stackLength === stack.length ? stack : stack.slice(0, stackLength),
    labelStart,
    labelKey: labels.trimmed(labels.key),
    labelStr: labels.trimmed(labels.str),
    labelNum: labels.trimmed(labels.num),
    labelNumUnit: labels.trimmed(labels.numUnit),
  };
}

/** Result of countEntries. */
const entryCounts = { locations: 0, labels: 0 };

/**
 * Counts the location ids and labels of all samples (a packed varint run holds as many
 * varints as it has bytes below 0x80), so the arrays can be allocated once at their exact
 * size. Malformed samples only make the counts approximate; the decode reports them.
 */
function countEntries(buf: Uint8Array, ranges: RangeList): void {
  let locations = 0;
  let labels = 0;
  for (let s = 0; s < ranges.count; s++) {
    const end = ranges.ends[s]!;
    let pos = ranges.starts[s]!;
    while (pos < end) {
      const key = keyAt(buf, pos, end);
      pos = wire.next;
      const wireType = key & 7;
      if (wireType !== LENGTH_DELIMITED) {
        if (key === 8) locations++;
        pos = skipValue(buf, pos, end, wireType);
        continue;
      }
      const length = lengthAt(buf, pos, end);
      pos = wire.next;
      const fieldEnd = pos + length;
      if (key === 10) {
        for (let p = pos; p < fieldEnd; p++) if (buf[p]! < 0x80) locations++;
      } else if (key === 26) {
        labels++;
      }
      pos = fieldEnd;
    }
  }
  entryCounts.locations = locations;
  entryCounts.labels = labels;
}

/** Columns of sample labels, allocated for the expected count and grown if it was short. */
class LabelColumns {
  key: Int32Array;
  str: Int32Array;
  num: Float64Array;
  numUnit: Int32Array;
  length = 0;

  constructor(expected: number) {
    this.key = new Int32Array(expected);
    this.str = new Int32Array(expected);
    this.num = new Float64Array(expected);
    this.numUnit = new Int32Array(expected);
  }

  trimmed<T extends Int32Array | Float64Array>(column: T): T {
    return (column.length === this.length ? column : column.slice(0, this.length)) as T;
  }

  /** Decodes one Label message at [start, end) and appends it. */
  decode(buf: Uint8Array, start: number, end: number, stringCount: number, sample: number): void {
    const i = this.length;
    if (i === this.key.length) {
      this.key = grown(this.key, i + 1);
      this.str = grown(this.str, i + 1);
      this.num = grown(this.num, i + 1);
      this.numUnit = grown(this.numUnit, i + 1);
    }
    let key = 0;
    let str = 0;
    let num = 0;
    let numUnit = 0;
    let pos = start;
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
    this.key[i] = checkString(key, stringCount, 'sample', sample, 'label key');
    this.str[i] = checkString(str, stringCount, 'sample', sample, 'label str');
    this.num[i] = num;
    this.numUnit[i] = checkString(numUnit, stringCount, 'sample', sample, 'label num_unit');
    this.length = i + 1;
  }
}
