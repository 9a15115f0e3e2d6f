// Hand-built profiles for what real Go profiles rarely hold: numeric labels with units,
// negative values, unpacked repeated fields, unknown fields, non-ASCII strings, ids that are
// not 1..N. Each is checked against protobufjs reading the same bytes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeProfile, type Profile } from '../../../src/pprof/index';
import { inflatePako } from '../../../src/pprof/inflate-pako';
import { decodeWithProtobufjs, encodeWithProtobufjs } from '../../support/protobuf-reference';
import { assertSameProfile } from './assert-same-profile';
import { ProtoWriter, minimalProfile } from '../../support/proto-writer';

function decode(bytes: Uint8Array): Profile {
  return decodeProfile(bytes, { source: 'test.pb', inflate: inflatePako });
}

test('numeric labels with units, string labels, negative and large values (protobufjs-encoded)', () => {
  const strings = ['', 'alloc_space', 'bytes', 'main.handler', 'handler.go', 'request_size', 'endpoint', '/api/ünïcode', 'µs', 'latency', 'pid'];
  const bytes = encodeWithProtobufjs({
    stringTable: strings,
    sampleType: [{ type: 1, unit: 2 }],
    periodType: { type: 1, unit: 2 },
    period: 524288,
    timeNanos: 1_700_000_000_000_000_000,
    durationNanos: 10_000_000_000,
    comment: [7, 8],
    defaultSampleType: 1,
    function: [{ id: 1000, name: 3, systemName: 3, filename: 4, startLine: 42 }],
    mapping: [{ id: 77, memoryStart: 0x400000, memoryLimit: 0x800000, fileOffset: 0, filename: 4, buildId: 0, hasFunctions: true }],
    location: [{ id: 9_000_000_000, mappingId: 77, address: 0x401234, line: [{ functionId: 1000, line: 50, column: 7 }], isFolded: false }],
    sample: [
      { locationId: [9_000_000_000], value: [-4096], label: [{ key: 5, num: 1024, numUnit: 2 }, { key: 6, str: 7 }] },
      { locationId: [9_000_000_000, 9_000_000_000], value: [2 ** 52 + 1], label: [{ key: 9, num: -3, numUnit: 8 }, { key: 10, num: 4321 }] },
    ],
  } as never);
  const ours = decode(bytes);
  assertSameProfile(ours, decodeWithProtobufjs(bytes), 'labels');
  assert.equal(ours.strings[ours.samples.labelNumUnit[0]!], 'bytes');
  assert.equal(ours.samples.values[0], -4096);
  // The first value fits in 32 bits, the second does not: both survive the switch to float64.
  assert.equal(ours.samples.values[1], 2 ** 52 + 1);
  assert.equal(ours.strings[7], '/api/ünïcode');
});

test('unpacked repeated fields and unknown fields are read like packed ones', () => {
  const unpacked = minimalProfile((w) => {
    w.message(2, (s) => s.int(1, 1).int(1, 1).int(2, -7).message(3, (l) => l.int(1, 5).int(2, 6).int(99, 1)));
    w.int(13, 5).int(13, 6); // comments, unpacked
    w.int(100, 12345).string(101, 'unknown').key(102, 1).raw([1, 2, 3, 4, 5, 6, 7, 8]).key(103, 5).raw([1, 2, 3, 4]);
  });
  const ours = decode(unpacked);
  assertSameProfile(ours, decodeWithProtobufjs(unpacked), 'unpacked');
  assert.deepEqual(Array.from(ours.samples.stackLocations), [0, 0, 0]);
  assert.deepEqual(Array.from(ours.samples.values), [5, -7]);
  assert.deepEqual(ours.comments, ['key', 'value']);
});

test('a profile with sample types but no samples is valid and empty', () => {
  const bytes = new ProtoWriter().string(6, '').string(6, 'cpu').string(6, 'nanoseconds').message(1, (t) => t.int(1, 1).int(2, 2)).finish();
  const p = decode(bytes);
  assert.equal(p.samples.count, 0);
  assert.deepEqual(p.sampleTypes, [{ type: 'cpu', unit: 'nanoseconds' }]);
  assert.equal(p.defaultSampleTypeIndex, 0);
  assert.deepEqual(Array.from(p.samples.stackStart), [0]);
});

test('default_sample_type picks the named type; otherwise the last type is the default', () => {
  const twoTypes = (defaultType: number): Uint8Array =>
    new ProtoWriter()
      .string(6, '').string(6, 'alloc_space').string(6, 'inuse_space').string(6, 'bytes')
      .message(1, (t) => t.int(1, 1).int(2, 3)).message(1, (t) => t.int(1, 2).int(2, 3))
      .int(14, defaultType)
      .finish();
  assert.equal(decode(twoTypes(1)).defaultSampleTypeIndex, 0);
  assert.equal(decode(twoTypes(0)).defaultSampleTypeIndex, 1);
});

test('fields may come in any order (samples before the tables they refer to)', () => {
  const w = new ProtoWriter();
  w.message(2, (s) => s.packed(1, [3]).packed(2, [1]));
  w.message(4, (l) => l.int(1, 3).message(4, (line) => line.int(1, 2)));
  w.message(5, (f) => f.int(1, 2).int(2, 1));
  w.message(1, (t) => t.int(1, 1).int(2, 1));
  w.string(6, '').string(6, 'x');
  const bytes = w.finish();
  assertSameProfile(decode(bytes), decodeWithProtobufjs(bytes), 'order');
});

test('input that is a view into a larger buffer (non-zero byteOffset) decodes the same', () => {
  const profile = minimalProfile();
  const backing = new Uint8Array(profile.length + 13).fill(0xee);
  backing.set(profile, 7);
  const view = backing.subarray(7, 7 + profile.length);
  assert.deepEqual(decode(view), decode(profile));
});

test('long stacks written packed, unpacked and with overlong varints are one unique stack each', () => {
  // 30 location ids of two varint bytes: keys of 60 bytes.
  const ids = Array.from({ length: 30 }, (_, i) => 200 + i);
  const other = [...ids.slice(0, 29), 1];
  const overlong = (id: number): number[] => [(id & 0x7f) | 0x80, (id >> 7) | 0x80, 0];
  const bytes = minimalProfile((w) => {
    for (const id of ids) w.message(4, (l) => l.int(1, id).int(3, 0x1000 + id).message(4, (line) => line.int(1, 1).int(2, id)));
    const sample = (locations: (s: ProtoWriter) => void, value: number): void => {
      w.message(2, (s) => {
        locations(s);
        s.packed(2, [value]);
      });
    };
    sample((s) => s.packed(1, ids), 1);
    sample((s) => s.packed(1, other), 2);
    sample((s) => ids.forEach((id) => s.int(1, id)), 3); // unpacked: the key is rewritten packed
    sample((s) => s.packed(1, ids), 4); // packed again, not next to the first
    sample((s) => s.bytes(1, ids.flatMap(overlong)), 5); // overlong varints: rewritten too
    sample((s) => s.packed(1, other), 6);
    sample((s) => ids.forEach((id) => s.int(1, id)), 7);
  });
  const ours = decode(bytes);
  assertSameProfile(ours, decodeWithProtobufjs(bytes), 'long stacks');
  const unique = ours.samples.uniqueStacks!;
  // The minimal profile's own sample, the ids stack, the other stack.
  assert.equal(unique.count, 3);
  assert.deepEqual(Array.from(unique.ofSample), [0, 1, 2, 1, 1, 1, 2, 1]);
});

test('two stacks whose keys have the same hash, length and first bytes stay two stacks', () => {
  // Found by search for the key table's hash: only comparing their bytes (where they lie in
  // the file) tells them apart.
  const a = [1, 2, 3, 4, 1, 1, 1, 1, 1, 1, 1, 1];
  const b = [1, 2, 3, 4, 1, 1, 1, 3, 1, 1, 1, 103];
  const bytes = minimalProfile((w) => {
    for (let id = 2; id <= 103; id++) w.message(4, (l) => l.int(1, id).int(3, 0x1000 + id).message(4, (line) => line.int(1, 1).int(2, id)));
    for (const [stack, value] of [[a, 1], [b, 2], [a, 3], [b, 4]] as const) w.message(2, (s) => s.packed(1, stack).packed(2, [value]));
  });
  const ours = decode(bytes);
  assertSameProfile(ours, decodeWithProtobufjs(bytes), 'same hash');
  const unique = ours.samples.uniqueStacks!;
  assert.equal(unique.count, 3);
  assert.deepEqual(Array.from(unique.ofSample), [0, 1, 2, 1, 2]);
});
