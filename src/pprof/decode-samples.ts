import type { SampleTable } from './profile';
import type { IdIndex } from './id-index';
import type { SampleFields } from './sample-fields';
import * as sampleFields from './sample-fields';
import { wrongWireType } from './profile-layout';
import { DecodedSamples } from './decoded-samples';
import { LabelColumns } from './sample-labels';
import { SampleStacks } from './sample-stacks';
import { SampleRuns, sampleRange, type SampleRunVisitor, type SampleRunsSummary, type SampleShare } from './sample-runs';
import * as wireFormat from './wire';
import { WireFormatError } from './wire';

// Local aliases of the wire readers: when these files run as CommonJS (tsx in tests and
// benchmarks), each use of an imported name is a property getter call, which made the
// hot loops below 2.4x slower. The esbuild bundles are unaffected either way.
const { bigVarintAt, keyAt, lengthAt, skipValue, varintAt, wire } = wireFormat;
const { contentEnd, contentStart } = sampleFields;

/** Where readSamples puts what it reads of each sample: SampleStacks (a table) or SampleRuns. */
export interface SampleSink {
  /** Sample s's values go to values[s * valueStride + t]. */
  readonly values: Int32Array | Float64Array;
  readonly valueStride: number;
  /** Switches values to float64 (a value does not fit in 32 bits) and returns them. */
  widenValues(): Float64Array;
  /** Value `type` of sample `s` is past 2^53: `values` holds it rounded, this is it exactly. */
  exactValue(s: number, type: number, value: bigint): void;
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
  fields: SampleFields,
  valueCount: number,
  locationIndex: IdIndex,
  stringCount: number,
): SampleTable {
  const count = fields.count;
  const sampleBytes = checkSampleBytes(fields, valueCount);
  const stacks = new SampleStacks(buf, count, sampleBytes, valueCount, locationIndex);
  const labels = new LabelColumns(count, true);
  readSamples(buf, fields, 0, count, valueCount, stringCount, stacks, labels);
  labels.finish();
  return new DecodedSamples(count, valueCount, stacks.values, labels, stacks.finish(), stacks.exactValues);
}

/**
 * Reads the samples of `share` with the same checks as decodeSamples, but hands them to
 * `visitor` as runs (see sample-runs.ts) and keeps nothing per sample; labels are checked and
 * dropped.
 */
export function decodeSampleRuns(
  buf: Uint8Array,
  fields: SampleFields,
  valueCount: number,
  locationIndex: IdIndex,
  stringCount: number,
  visitor: SampleRunVisitor,
  share: SampleShare,
): SampleRunsSummary {
  checkSampleBytes(fields, valueCount);
  const [from, to] = sampleRange(share, fields.count);
  const runs = new SampleRuns(buf, valueCount, locationIndex, visitor);
  readSamples(buf, fields, from, to, valueCount, stringCount, runs, new LabelColumns(0, false));
  runs.finish();
  return { sampleCount: fields.count, negativeValues: runs.negativeValues };
}

/** The bytes the samples take, after checking they can hold `valueCount` values each. */
function checkSampleBytes(fields: SampleFields, valueCount: number): number {
  const count = fields.count;
  if (count > 0 && valueCount === 0) {
    throw new WireFormatError(`the profile has ${count} samples but no sample types`);
  }
  // Each value takes at least one byte, so this bound also keeps garbage from allocating huge arrays.
  const sampleBytes = fields.bytes;
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
 * unusual, and the source of every error). Reads samples from .. to - 1.
 */
function readSamples(
  buf: Uint8Array,
  fields: SampleFields,
  from: number,
  to: number,
  valueCount: number,
  stringCount: number,
  sink: SampleSink,
  labels: LabelColumns,
): void {
  if (from >= to) return;
  fields.seek(buf, from);
  let at = fields.at;
  let runEnd = fields.runEnd;
  const valueStride = sink.valueStride;
  let values = sink.values;

  for (let s = from; s < to; s++) {
    // Undefined while the labels need no starts (see LabelColumns).
    const labelStart = labels.start;
    if (labelStart !== undefined) labelStart[s] = labels.length;
    if (at === runEnd) {
      fields.nextRun();
      at = fields.at;
      runEnd = fields.runEnd;
    }
    // The field's key and length, checked by scanProfile: nearly always 0x12 and one byte.
    let pos = at + 2;
    let end = pos + buf[at + 1]!;
    if (buf[at] !== 0x12 || buf[at + 1]! >= 0x80) {
      pos = contentStart(buf, at);
      end = contentEnd.value;
    }
    at = end;
    const sampleStart = pos;
    const valueBase = s * valueStride;
    let valuesSeen = 0;
    /** Location fields seen; with exactly one (packed), its bytes are the stack's key. */
    let locationFields = 0;
    let keyStart = 0;
    let keyEnd = 0;
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
              const at = pos;
              value = varintAt(buf, pos, fieldEnd, true);
              pos = wire.next;
              if ((value | 0) !== value && values instanceof Int32Array) values = sink.widenValues();
              if (!Number.isSafeInteger(value)) sink.exactValue(s, valuesSeen, bigVarintAt(buf, at, pos, true));
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
        const at = pos;
        const value = varintAt(buf, pos, end, true);
        pos = wire.next;
        if ((value | 0) !== value && values instanceof Int32Array) values = sink.widenValues();
        if (!Number.isSafeInteger(value)) sink.exactValue(s, valuesSeen, bigVarintAt(buf, at, pos, true));
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
        if (!labels.decodeShort(buf, pos, pos + length, s)) labels.decode(buf, pos, pos + length, stringCount, s);
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
    else sink.pushSplit(s, sampleStart, end);
  }
}
