// Sample values past 2^53 are kept exactly beside their rounded float64, whether the values
// are packed (the usual encoding) or one varint per field, positive or negative; values
// within 2^53 leave no trace (no map at all).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeProfile } from '../../../src/pprof/index';
import { inflateNode } from '../../../src/pprof/inflate-node';
import { ProtoWriter } from '../../support/proto-writer';

/** A profile of one location and two sample types, whose samples have `values` (two each), packed or not. */
function profileWithValues(values: readonly (readonly [bigint, bigint])[], packed: boolean): Uint8Array {
  const w = new ProtoWriter();
  for (const s of ['', 'samples', 'count', 'main.f', 'f.go', 'events']) w.string(6, s);
  w.message(1, (t) => t.int(1, 1).int(2, 2));
  w.message(1, (t) => t.int(1, 5).int(2, 2));
  w.message(5, (f) => f.int(1, 1).int(2, 3).int(3, 3).int(4, 4));
  w.message(4, (l) => l.int(1, 1).message(4, (line) => line.int(1, 1).int(2, 12)));
  for (const pair of values) w.message(2, (s) => (packed ? s.packed(1, [1]).packed(2, [...pair]) : s.packed(1, [1]).int(2, pair[0]).int(2, pair[1])));
  return w.finish();
}

const BIG = [2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 53n) - 1n, -(2n ** 63n)];

for (const packed of [true, false]) {
  test(`${packed ? 'packed' : 'unpacked'} values past 2^53 are kept exactly, by sample * types + type`, () => {
    const p = decodeProfile(profileWithValues([[BIG[0]!, 7n], [1n, BIG[1]!], [BIG[2]!, BIG[3]!], [2n ** 53n - 1n, -(2n ** 53n) + 1n]], packed), { source: 'p', inflate: inflateNode });
    assert.deepEqual([...p.samples.exactValues!], [[0, BIG[0]], [3, BIG[1]], [4, BIG[2]], [5, BIG[3]]]);
    assert.deepEqual(Array.from(p.samples.values), [...[BIG[0]!, 7n, 1n, BIG[1]!, BIG[2]!, BIG[3]!].map(Number), 2 ** 53 - 1, -(2 ** 53) + 1]);
  });
}

test('no value past 2^53: no exact values at all', () => {
  const p = decodeProfile(profileWithValues([[2n ** 53n - 1n, 5n]], true), { source: 'p', inflate: inflateNode });
  assert.equal(p.samples.exactValues, undefined);
});
