import type { Mapping } from './profile';
import type { RangeList } from './growable';
import { checkString } from './decode-strings';
import { wrongWireType } from './profile-layout';
import { VARINT, keyAt, skipValue, varintAt, wire } from './wire';

const FIELD_NAMES = [
  '', 'id', 'memory_start', 'memory_limit', 'file_offset', 'filename', 'build_id',
  'has_functions', 'has_filenames', 'has_line_numbers', 'has_inline_frames',
];

export function decodeMappings(buf: Uint8Array, ranges: RangeList, strings: readonly string[]): Mapping[] {
  const mappings: Mapping[] = [];
  for (let m = 0; m < ranges.count; m++) {
    const values = new Float64Array(11);
    const end = ranges.ends[m]!;
    let pos = ranges.starts[m]!;
    while (pos < end) {
      const keyPos = pos;
      const key = keyAt(buf, pos, end);
      pos = wire.next;
      const field = Math.floor(key / 8);
      const wireType = key & 7;
      if (field > 10) {
        pos = skipValue(buf, pos, end, wireType);
        continue;
      }
      if (wireType !== VARINT) throw wrongWireType('Mapping', FIELD_NAMES[field]!, wireType, keyPos);
      values[field] = varintAt(buf, pos, end, field === 5 || field === 6);
      pos = wire.next;
    }
    mappings.push({
      id: values[1]!,
      memoryStart: values[2]!,
      memoryLimit: values[3]!,
      fileOffset: values[4]!,
      filename: strings[checkString(values[5]!, strings.length, 'mapping', m, 'filename')]!,
      buildId: strings[checkString(values[6]!, strings.length, 'mapping', m, 'build_id')]!,
      hasFunctions: values[7] !== 0,
      hasFilenames: values[8] !== 0,
      hasLineNumbers: values[9] !== 0,
      hasInlineFrames: values[10] !== 0,
    });
  }
  return mappings;
}
