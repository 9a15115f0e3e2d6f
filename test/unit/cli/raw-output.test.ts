/** Profile strings that are not UTF-8 reach stdout as the bytes they were (pprof prints them raw). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rawBytes } from '../../../src/cli/raw-output';
import { decodeUtf8Escaped } from '../../../src/pprof/utf8-escape';

const bytesOf = (x: Uint8Array | string): Uint8Array => (typeof x === 'string' ? new TextEncoder().encode(x) : x);

test('every byte that is not UTF-8 comes back as itself; valid text, astral characters included, as UTF-8', () => {
  const invalid = Array.from({ length: 128 }, (_, i) => 0x80 + i); // lone continuation and lead bytes
  const cases: number[][] = [
    invalid,
    [0x66, 0xff, 0x6f], // f, a byte that is never UTF-8, o
    [0xe2, 0x82], // a sequence cut short
    [0xc0, 0xaf], // an overlong "/"
    [0xed, 0xa0, 0x80], // an encoded UTF-16 surrogate
    [0xf0, 0x90, 0x82, 0x80, 0x80], // U+10080 (its low surrogate is DC80) then a stray byte
    [0xc3, 0xa9, 0xe2, 0x82, 0xac], // "é€", valid
  ];
  for (const input of cases) {
    const text = decodeUtf8Escaped(Uint8Array.from(input));
    assert.deepEqual(Array.from(bytesOf(rawBytes(`x ${text}\n`))), [0x78, 0x20, ...input, 0x0a], JSON.stringify(input));
  }
  assert.equal(decodeUtf8Escaped(Uint8Array.from([0xc3, 0xa9])), 'é');
  assert.equal(rawBytes('plain'), 'plain');
});
