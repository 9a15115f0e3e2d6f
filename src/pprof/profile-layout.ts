import { RangeList } from './growable';
import { SampleFields } from './sample-fields';
import * as wireFormat from './wire';
import { WireFormatError } from './wire';

// Local aliases: see decode-samples.ts (imported names are getters under CommonJS/tsx).
const { FIXED32, FIXED64, LENGTH_DELIMITED, VARINT, keyAt, lengthAt, skipValue, varintAt, wire } = wireFormat;

/**
 * First pass over a Profile message: where each repeated sub-message lies, and the scalar
 * fields. Fields may come in any order in the file, so the tables are decoded afterwards,
 * in dependency order (strings, functions, mappings, locations, samples).
 */
export interface ProfileLayout {
  readonly sampleTypes: RangeList;
  readonly samples: SampleFields;
  readonly mappings: RangeList;
  readonly locations: RangeList;
  readonly functions: RangeList;
  readonly strings: RangeList;
  readonly periodType: RangeList;
  readonly comments: number[];
  dropFrames: number;
  keepFrames: number;
  timeNanos: number;
  durationNanos: number;
  period: number;
  defaultSampleType: number;
  docUrl: number;
}

const WIRE_TYPE_NAMES = ['varint', '64-bit', 'length-delimited', 'group start', 'group end', '32-bit', 'invalid', 'invalid'];

/** The error for a known field written with the wrong wire type. */
export function wrongWireType(message: string, field: string, wireType: number, pos: number): WireFormatError {
  return new WireFormatError(
    `${message}.${field} has wire type ${wireType} (${WIRE_TYPE_NAMES[wireType] ?? 'invalid'}) at byte ${pos}`,
  );
}

/** Names of the Profile fields by number, for error messages. */
const FIELD_NAMES = [
  '', 'sample_type', 'sample', 'mapping', 'location', 'function', 'string_table', 'drop_frames',
  'keep_frames', 'time_nanos', 'duration_nanos', 'period_type', 'period', 'comment',
  'default_sample_type', 'doc_url',
];

export function scanProfile(buf: Uint8Array): ProfileLayout {
  const layout: ProfileLayout = {
    sampleTypes: new RangeList(),
    samples: new SampleFields(),
    mappings: new RangeList(),
    locations: new RangeList(),
    functions: new RangeList(),
    strings: new RangeList(),
    periodType: new RangeList(),
    comments: [],
    dropFrames: 0,
    keepFrames: 0,
    timeNanos: 0,
    durationNanos: 0,
    period: 0,
    defaultSampleType: 0,
    docUrl: 0,
  };
  const end = buf.length;
  const samples = layout.samples;
  let pos = 0;
  while (pos < end) {
    // Fast path for the millions of small samples of big profiles: key 0x12 (sample), a
    // length of one or two bytes that stays inside the buffer.
    if (buf[pos] === 0x12 && pos + 2 < end) {
      let length = buf[pos + 1]!;
      let at = pos + 2;
      if (length >= 0x80) {
        const b = buf[pos + 2]!;
        length = b < 0x80 ? (length & 0x7f) | (b << 7) : -1;
        at++;
      }
      if (length >= 0 && length <= end - at) {
        samples.add(pos, at, at + length);
        pos = at + length;
        continue;
      }
    }
    const keyPos = pos;
    const key = keyAt(buf, pos, end);
    pos = wire.next;
    const field = key >>> 3;
    const wireType = key & 7;
    if (field === 13) {
      pos = readComments(buf, pos, end, wireType, keyPos, layout.comments);
      continue;
    }
    if (field > 15) {
      if (wireType !== VARINT && wireType !== FIXED64 && wireType !== LENGTH_DELIMITED && wireType !== FIXED32) {
        throw new WireFormatError(`field ${field} at byte ${keyPos} has invalid wire type ${wireType}`);
      }
      pos = skipValue(buf, pos, end, wireType);
      continue;
    }
    const isMessage = field <= 6 || field === 11;
    if (wireType !== (isMessage ? LENGTH_DELIMITED : VARINT)) {
      throw wrongWireType('Profile', FIELD_NAMES[field]!, wireType, keyPos);
    }
    if (isMessage) {
      const length = lengthAt(buf, pos, end);
      pos = wire.next;
      if (field === 2) samples.add(keyPos, pos, pos + length);
      else listOf(layout, field).push(pos, pos + length);
      pos += length;
      continue;
    }
    const value = varintAt(buf, pos, end, true);
    pos = wire.next;
    switch (field) {
      case 7: layout.dropFrames = value; break;
      case 8: layout.keepFrames = value; break;
      case 9:
        if (layout.timeNanos !== 0) throw new WireFormatError('concatenated profiles: time_nanos appears twice');
        layout.timeNanos = value;
        break;
      case 10: layout.durationNanos = value; break;
      case 12: layout.period = value; break;
      case 14: layout.defaultSampleType = value; break;
      default: layout.docUrl = value;
    }
  }
  return layout;
}

function listOf(layout: ProfileLayout, field: number): RangeList {
  switch (field) {
    case 1: return layout.sampleTypes;
    case 3: return layout.mappings;
    case 4: return layout.locations;
    case 5: return layout.functions;
    case 6: return layout.strings;
    default: return layout.periodType;
  }
}

/** comment = 13 is repeated int64: one varint, or packed. Returns the new position. */
function readComments(buf: Uint8Array, pos: number, end: number, wireType: number, keyPos: number, out: number[]): number {
  if (wireType === VARINT) {
    out.push(varintAt(buf, pos, end, true));
    return wire.next;
  }
  if (wireType !== LENGTH_DELIMITED) throw wrongWireType('Profile', 'comment', wireType, keyPos);
  const length = lengthAt(buf, pos, end);
  let p = wire.next;
  const fieldEnd = p + length;
  while (p < fieldEnd) {
    out.push(varintAt(buf, p, fieldEnd, true));
    p = wire.next;
  }
  return fieldEnd;
}
