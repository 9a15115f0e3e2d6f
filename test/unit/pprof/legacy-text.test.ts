/** Heap and contention text profiles, read as pprof reads them (the corpus test compares real ones with pprof). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { decodeProfile, ProfileError, type Profile } from '../../../src/pprof/index';
import { inflateNode } from '../../../src/pprof/inflate-node';

const decode = (text: string | Uint8Array): Profile =>
  decodeProfile(typeof text === 'string' ? new TextEncoder().encode(text) : text, { source: 'legacy.txt', inflate: inflateNode });

function stack(p: Profile, s: number): number[] {
  return Array.from(p.samples.stackLocations.subarray(p.samples.stackStart[s]!, p.samples.stackStart[s + 1]!), (l) => p.locations.address[l]!);
}

test('a heap profile: alloc then inuse values, the block size as a "bytes" label, addresses moved onto the call', () => {
  const text = 'heap profile: 1: 1024 [ 2: 2048] @ heapprofile\n# a comment\n1: 1024 [2: 2048] @ 0x11 0x22\n';
  for (const p of [decode(text), decode(gzipSync(text))]) {
    assert.deepEqual(p.sampleTypes.map((t) => `${t.type}/${t.unit}`), ['alloc_objects/count', 'alloc_space/bytes', 'inuse_objects/count', 'inuse_space/bytes']);
    assert.deepEqual(Array.from(p.samples.values), [2, 2048, 1, 1024]);
    assert.deepEqual(stack(p, 0), [0x10, 0x21]);
    assert.equal(p.strings[p.samples.labelKey[0]!], 'bytes');
    assert.equal(p.samples.labelNum[0], 1024);
    // No memory map: one mapping without a file holds every address.
    assert.deepEqual(p.mappings.map((m) => m.filename), ['']);
  }
});

test('a contention profile: cycles turned into nanoseconds, counts times the sampling period, duration', () => {
  const p = decode('--- contention:\ncycles/second=2000000000\nsampling period = 10\nms since reset = 1500\n1000 2 @ 0x10 0x20\n');
  assert.deepEqual(p.sampleTypes.map((t) => t.type), ['contentions', 'delay']);
  assert.deepEqual(Array.from(p.samples.values), [20, 5000]);
  assert.deepEqual(stack(p, 0), [0xf, 0x1f]);
  assert.equal(p.durationNanos, 1_500_000_000);
  assert.equal(decode('--- mutex:\ncycles/second=2000000000\n').samples.count, 0);
});

test('a malformed sample line is an error naming the file and the line', () => {
  assert.throws(
    () => decode('heap profile: 1: 1024 [ 2: 2048] @ heapprofile\nnot a sample\n'),
    (e: unknown) => e instanceof ProfileError && /legacy\.txt.*malformed legacy text profile: line 2 is not a heap sample/.test(e.message),
  );
});

test('a Go count profile and a thread dump: one sample per stack, "same as previous thread" counted on the previous', () => {
  const count = decode('threadcreate profile: total 3\n2 @ 0x11 0x22\n1 @ 0x33\n');
  assert.deepEqual(count.sampleTypes, [{ type: 'threadcreate', unit: 'count' }]);
  assert.deepEqual(Array.from(count.samples.values), [2, 1]);
  assert.deepEqual(stack(count, 0), [0x10, 0x21]);
  const dump = [
    '--- Thread 7f01 (name: main/1) stack: ---',
    '  PC: 0x100: f',
    '  0x201: main',
    '--- Thread 7f02 (name: worker/2) stack: ---',
    '  same as previous thread',
    '--- Memory map: ---',
    '',
  ].join('\n');
  const threads = decode(dump);
  assert.deepEqual(threads.sampleTypes, [{ type: 'thread', unit: 'count' }]);
  assert.deepEqual(Array.from(threads.samples.values), [2]);
  // The leaf (the PC) as it is, callers moved onto their call.
  assert.deepEqual(stack(threads, 0), [0x100, 0x200]);
});

test("Java's heapz: samples scaled up from 512 KiB sampling, ids named by the symbol lines", () => {
  const p = decode('--- heapz 1 ---\nformat = java\nresolution = bytes\n  1048576  2 @ 0x01 0x02\n 0x01 com.example.Leaf (Leaf.java:7)\n 0x02 com.example.Main (Main.java)\n');
  assert.deepEqual(p.sampleTypes.map((t) => `${t.type}/${t.unit}`), ['inuse_objects/count', 'inuse_space/bytes']);
  // Average 512 KiB per object: scale = 1 / (1 - e^-1).
  const scale = 1 / (1 - Math.exp(-1));
  assert.deepEqual(Array.from(p.samples.values), [Math.trunc(2 * scale), Math.trunc(1048576 * scale)]);
  const names = Array.from(stack(p, 0).keys(), (k) => {
    const loc = p.samples.stackLocations[p.samples.stackStart[0]! + k]!;
    const fn = p.locations.lineFunction[p.locations.lineStart[loc]!]!;
    return `${p.strings[p.functions.name[fn]!]} ${p.strings[p.functions.filename[fn]!]}:${p.locations.lineNumber[p.locations.lineStart[loc]!]}`;
  });
  assert.deepEqual(names, ['com.example.Leaf Leaf.java:7', 'com.example.Main Main.java:0']);
});
