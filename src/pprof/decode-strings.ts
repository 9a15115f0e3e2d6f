import type { RangeList } from './growable';
import { WireFormatError } from './wire';
import { decodeUtf8Escaped } from './utf8-escape';

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Decodes the string table. ASCII strings (nearly all of them in practice) are copied into
 * one buffer, decoded with a single TextDecoder call and sliced; the rest are decoded one
 * by one. Bytes that are not valid UTF-8 (Go strings may hold any) are kept as surrogate
 * escapes (utf8-escape.ts), so text output can write them back as they were.
 */
export function decodeStrings(buf: Uint8Array, ranges: RangeList): string[] {
  const count = ranges.count;
  if (count === 0) {
    throw new WireFormatError('no string table (a pprof profile always has one, starting with "")');
  }
  const strings = allAscii(buf, ranges) ?? eachString(buf, ranges);
  if (strings[0] !== '') {
    throw new WireFormatError('the string table does not start with "" (string_table[0] must be empty)');
  }
  return strings;
}

/**
 * The strings when every one is ASCII (nearly always): their bytes joined and decoded in one
 * call, checked in that text (one UTF-16 unit per byte, no U+FFFD: any other byte makes fewer
 * units or a replacement character) rather than byte by byte in JavaScript, which is most of
 * the decoding time of a small profile, run before the code is optimized.
 */
function allAscii(buf: Uint8Array, ranges: RangeList): string[] | undefined {
  const count = ranges.count;
  const starts = ranges.starts;
  const ends = ranges.ends;
  const joined = new Uint8Array(ranges.totalBytes());
  let length = 0;
  for (let i = 0; i < count; i++) {
    const start = starts[i]!;
    joined.set(buf.subarray(start, ends[i]!), length);
    length += ends[i]! - start;
  }
  const text = utf8.decode(joined);
  if (text.length !== length || text.includes('\uFFFD')) return undefined;
  const strings = new Array<string>(count);
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const stop = offset + ends[i]! - starts[i]!;
    strings[i] = text.slice(offset, stop);
    offset = stop;
  }
  return strings;
}

/** The strings one by one: ASCII ones sliced from one decoded text, the others each decoded. */
function eachString(buf: Uint8Array, ranges: RangeList): string[] {
  const count = ranges.count;
  const starts = ranges.starts;
  const ends = ranges.ends;
  const joined = new Uint8Array(ranges.totalBytes());
  /** End offset of string i in `joined`, or -1 when string i is not ASCII. */
  const joinedEnd = new Int32Array(count);
  let length = 0;
  for (let i = 0; i < count; i++) {
    const start = starts[i]!;
    const end = ends[i]!;
    let highBits = 0;
    for (let p = start; p < end; p++) highBits |= buf[p]!;
    if (highBits < 0x80) {
      joined.set(buf.subarray(start, end), length);
      length += end - start;
      joinedEnd[i] = length;
    } else {
      joinedEnd[i] = -1;
    }
  }
  const text = utf8.decode(joined.subarray(0, length));
  const strings = new Array<string>(count);
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const stop = joinedEnd[i]!;
    if (stop >= 0) {
      strings[i] = text.slice(offset, stop);
      offset = stop;
    } else {
      strings[i] = decodeUtf8Escaped(buf.subarray(starts[i], ends[i]));
    }
  }
  return strings;
}

/**
 * Checks that `index` (a string index read from the file) points into the string table.
 * `owner`, `ordinal` and `field` say whose field it is (e.g. "function", 3, "name"); they
 * are only joined into a message on failure, since this runs for every string field.
 */
export function checkString(index: number, stringCount: number, owner: string, ordinal: number, field: string): number {
  if (index >= 0 && index < stringCount) return index;
  const whose = (ordinal < 0 ? owner : `${owner} #${ordinal}`) + (field === '' ? '' : ` ${field}`);
  throw new WireFormatError(
    `${whose}: string index ${index} is out of range (the string table has ${stringCount} entries)`,
  );
}
