/** The string table: strings between other bytes, ASCII or not, valid UTF-8 or not. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeStrings } from '../../../src/pprof/decode-strings';
import { RangeList } from '../../../src/pprof/growable';

/** A buffer holding each string's bytes after a 2-byte gap (as a tag and length would be), and their ranges. */
function table(parts: readonly (readonly number[])[]): [Uint8Array, RangeList] {
  const bytes: number[] = [];
  const ranges = new RangeList(1);
  for (const part of parts) {
    bytes.push(0xff, 0x80); // not part of any string: must not be read as one
    ranges.push(bytes.length, bytes.length + part.length);
    bytes.push(...part);
  }
  return [Uint8Array.from(bytes), ranges];
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

test('an all-ASCII table comes back string by string, empty strings included', () => {
  const [buf, ranges] = table([[], ascii('main.main'), [], ascii('runtime.mallocgc'), ascii('/src/x.go')]);
  assert.deepEqual(decodeStrings(buf, ranges), ['', 'main.main', '', 'runtime.mallocgc', '/src/x.go']);
});

test('UTF-8 strings, U+FFFD itself, a byte-order mark and bytes that are not UTF-8 keep their own text', () => {
  const [buf, ranges] = table([
    [],
    ascii('a'),
    [0x63, 0x61, 0x66, 0xc3, 0xa9], // "café"
    [0xef, 0xbf, 0xbd], // U+FFFD as written in the file
    [0xef, 0xbb, 0xbf, 0x78], // U+FEFF then "x"
    [0x61, 0x80, 0x62], // a, a lone continuation byte, b
    [0xf0, 0x9f, 0x94, 0xa5], // U+1F525, two UTF-16 units
    ascii('z'),
  ]);
  assert.deepEqual(decodeStrings(buf, ranges), ['', 'a', 'café', '\uFFFD', '\uFEFFx', 'a\uDC80b', '\u{1F525}', 'z']);
});

test('a table whose first string is not empty is refused', () => {
  const [buf, ranges] = table([ascii('x')]);
  assert.throws(() => decodeStrings(buf, ranges), /does not start with ""/);
});
