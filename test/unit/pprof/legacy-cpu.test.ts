/** The legacy binary CPU profile, read as pprof reads it (the corpus test compares real ones with pprof). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeProfile, ProfileError } from '../../../src/pprof/index';
import { inflateNode } from '../../../src/pprof/inflate-node';

/** 32-bit little-endian words, then `tail` as text. */
function legacy(words: readonly number[], tail = ''): Uint8Array {
  const head = new Uint8Array(words.length * 4);
  const view = new DataView(head.buffer);
  words.forEach((w, i) => view.setUint32(i * 4, w, true));
  const text = new TextEncoder().encode(tail);
  const out = new Uint8Array(head.length + text.length);
  out.set(head);
  out.set(text, head.length);
  return out;
}

const decode = (bytes: Uint8Array) => decodeProfile(bytes, { source: 'legacy.cpu', inflate: inflateNode });

test('samples, period, memory map: return addresses moved onto the call, the shared signal frame removed', () => {
  const p = decode(
    legacy(
      [0, 3, 0, 10_000, 0, /* count, depth, addresses */ 2, 3, 0x401000, 0x402005, 0x403005, 1, 2, 0x401010, 0x402005, /* end */ 0, 1, 0],
      '00400000-00500000 r-xp 00000000 00:00 0 /bin/app\n00500000-00600000 rw-p 00000000 00:00 0 /bin/app\n',
    ),
  );
  assert.deepEqual(p.sampleTypes, [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }]);
  assert.equal(p.period, 10_000_000);
  assert.deepEqual(p.periodType, { type: 'cpu', unit: 'nanoseconds' });
  assert.equal(p.samples.count, 2);
  assert.deepEqual(Array.from(p.samples.values), [2, 20_000_000, 1, 10_000_000]);
  // 0x402004 is second in every sample (the signal handler's frame): gone. 0x403005 - 1 stays.
  const stack = (s: number) =>
    Array.from(p.samples.stackLocations.subarray(p.samples.stackStart[s]!, p.samples.stackStart[s + 1]!), (l) => p.locations.address[l]);
  assert.deepEqual(stack(0), [0x401000, 0x403004]);
  assert.deepEqual(stack(1), [0x401010]);
  // Only the executable region is a mapping, and every location is in it.
  assert.deepEqual(p.mappings.map((m) => [m.filename, m.memoryStart, m.memoryLimit]), [['/bin/app', 0x400000, 0x500000]]);
});

test('an address outside the map gets a mapping without a file; a cut stack is an error naming the file', () => {
  const p = decode(legacy([0, 3, 0, 100, 0, 1, 1, 0x1234, 0, 1, 0]));
  assert.deepEqual(p.mappings.map((m) => m.filename), ['']);
  assert.throws(() => decode(legacy([0, 3, 0, 100, 0, 1, 50, 0x1234])), (e: unknown) => e instanceof ProfileError && /legacy\.cpu.*malformed legacy binary CPU profile.*runs past the end/.test(e.message));
});

test('the Java kind (third word 1): addresses are symbol ids, named by the text after the samples', () => {
  const p = decode(legacy([0, 3, 1, 10_000, 0, 3, 2, 0x1, 0x2, 0, 1, 0], ' 0x1 com.example.Leaf (Leaf.java:7)\n 0x2 com.example.Main (Main.java:3)\n'));
  assert.deepEqual(Array.from(p.samples.values), [3, 30_000_000]);
  const names = Array.from({ length: 2 }, (_, k) => {
    const loc = p.samples.stackLocations[p.samples.stackStart[0]! + k]!;
    return p.strings[p.functions.name[p.locations.lineFunction[p.locations.lineStart[loc]!]!]!];
  });
  // No address moved back: ids are not return addresses.
  assert.deepEqual(names, ['com.example.Leaf', 'com.example.Main']);
});
