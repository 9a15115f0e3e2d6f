import type { FunctionTable } from './profile';
import type { RangeList } from './growable';
import * as strings from './decode-strings';
import { wrongWireType } from './profile-layout';
import * as wireFormat from './wire';

// Local aliases: see decode-samples.ts (imported names are getters under CommonJS/tsx).
const { VARINT, keyAt, skipValue, varintAt, wire } = wireFormat;
const { checkString } = strings;

const FIELD_NAMES = ['', 'id', 'name', 'system_name', 'filename', 'start_line'];

export function decodeFunctions(buf: Uint8Array, ranges: RangeList, stringCount: number): FunctionTable {
  const count = ranges.count;
  const id = new Float64Array(count);
  const name = new Int32Array(count);
  const systemName = new Int32Array(count);
  const filename = new Int32Array(count);
  const startLine = new Float64Array(count);
  for (let f = 0; f < count; f++) {
    const end = ranges.ends[f]!;
    let pos = ranges.starts[f]!;
    while (pos < end) {
      const keyPos = pos;
      const key = keyAt(buf, pos, end);
      pos = wire.next;
      const field = Math.floor(key / 8);
      const wireType = key & 7;
      if (field > 5) {
        pos = skipValue(buf, pos, end, wireType);
        continue;
      }
      if (wireType !== VARINT) throw wrongWireType('Function', FIELD_NAMES[field]!, wireType, keyPos);
      const value = varintAt(buf, pos, end, field !== 1);
      pos = wire.next;
      switch (field) {
        case 1:
          id[f] = value;
          break;
        case 2:
          name[f] = checkString(value, stringCount, 'function', f, 'name');
          break;
        case 3:
          systemName[f] = checkString(value, stringCount, 'function', f, 'system_name');
          break;
        case 4:
          filename[f] = checkString(value, stringCount, 'function', f, 'filename');
          break;
        default:
          startLine[f] = value;
      }
    }
  }
  return { count, id, name, systemName, filename, startLine };
}
