import type { LocationTable } from './profile';
import type { IdIndex } from './id-index';
import * as growable from './growable';
import type { RangeList } from './growable';
import { wrongWireType } from './profile-layout';
import * as wireFormat from './wire';
import { WireFormatError } from './wire';

// Local aliases: see decode-samples.ts (imported names are getters under CommonJS/tsx).
const { LENGTH_DELIMITED, VARINT, keyAt, lengthAt, skipValue, varintAt, wire } = wireFormat;
const { grown } = growable;

const FIELD_NAMES = ['', 'id', 'mapping_id', 'address', 'line', 'is_folded'];
const LINE_FIELD_NAMES = ['', 'function_id', 'line', 'column'];

/** Decodes locations with their lines; mapping and function ids become dense indexes. */
export function decodeLocations(
  buf: Uint8Array,
  ranges: RangeList,
  mappingIndex: IdIndex,
  functionIndex: IdIndex,
): LocationTable {
  const count = ranges.count;
  const id = new Float64Array(count);
  const mapping = new Int32Array(count);
  const address = new Float64Array(count);
  const isFolded = new Uint8Array(count);
  const lineStart = new Int32Array(count + 1);
  let lineFunction = new Int32Array(count + 16);
  let lineNumber = new Float64Array(count + 16);
  let lineColumn = new Float64Array(count + 16);
  let lines = 0;
  for (let l = 0; l < count; l++) {
    lineStart[l] = lines;
    let mappingId = 0;
    const end = ranges.ends[l]!;
    let pos = ranges.starts[l]!;
    while (pos < end) {
      const keyPos = pos;
      const key = keyAt(buf, pos, end);
      pos = wire.next;
      const field = Math.floor(key / 8);
      const wireType = key & 7;
      if (field > 5) {
        pos = skipValue(buf, pos, end, wireType);
      } else if (field === 4) {
        if (wireType !== LENGTH_DELIMITED) throw wrongWireType('Location', 'line', wireType, keyPos);
        const length = lengthAt(buf, pos, end);
        pos = wire.next;
        if (lines === lineFunction.length) {
          lineFunction = grown(lineFunction, lines + 1);
          lineNumber = grown(lineNumber, lines + 1);
          lineColumn = grown(lineColumn, lines + 1);
        }
        const functionId = decodeLine(buf, pos, pos + length, lines, lineNumber, lineColumn);
        const dense = functionId === 0 ? -1 : functionIndex.get(functionId);
        if (functionId !== 0 && dense < 0) {
          throw new WireFormatError(`location #${l} has a line in function id ${functionId}, which is not in the profile`);
        }
        lineFunction[lines] = dense;
        lines++;
        pos += length;
      } else {
        if (wireType !== VARINT) throw wrongWireType('Location', FIELD_NAMES[field]!, wireType, keyPos);
        const value = varintAt(buf, pos, end, false);
        pos = wire.next;
        if (field === 1) id[l] = value;
        else if (field === 2) mappingId = value;
        else if (field === 3) address[l] = value;
        else isFolded[l] = value !== 0 ? 1 : 0;
      }
    }
    const denseMapping = mappingId === 0 ? -1 : mappingIndex.get(mappingId);
    if (mappingId !== 0 && denseMapping < 0) {
      throw new WireFormatError(`location #${l} refers to mapping id ${mappingId}, which is not in the profile`);
    }
    mapping[l] = denseMapping;
  }
  lineStart[count] = lines;
  return {
    count,
    id,
    mapping,
    address,
    isFolded,
    lineStart,
    lineFunction: lineFunction.slice(0, lines),
    lineNumber: lineNumber.slice(0, lines),
    lineColumn: lineColumn.slice(0, lines),
  };
}

/** Decodes one Line message into slot `i`; returns its raw function id for the caller to map. */
function decodeLine(
  buf: Uint8Array,
  start: number,
  end: number,
  i: number,
  lineNumber: Float64Array,
  lineColumn: Float64Array,
): number {
  let pos = start;
  let functionId = 0;
  lineNumber[i] = 0;
  lineColumn[i] = 0;
  while (pos < end) {
    const keyPos = pos;
    const key = keyAt(buf, pos, end);
    pos = wire.next;
    const field = Math.floor(key / 8);
    const wireType = key & 7;
    if (field > 3) {
      pos = skipValue(buf, pos, end, wireType);
      continue;
    }
    if (wireType !== VARINT) throw wrongWireType('Line', LINE_FIELD_NAMES[field]!, wireType, keyPos);
    const value = varintAt(buf, pos, end, field !== 1);
    pos = wire.next;
    if (field === 1) {
      functionId = value;
    } else if (field === 2) {
      lineNumber[i] = value;
    } else {
      lineColumn[i] = value;
    }
  }
  return functionId;
}
