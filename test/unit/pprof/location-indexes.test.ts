// Unique stacks hold a dense location index per frame: 16 bits each while the profile has at
// most 65,536 locations (half the memory the decoder writes), 32 past that. Both must keep
// every index, up to the largest.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeProfile } from '../../../src/pprof/index';
import { inflatePako } from '../../../src/pprof/inflate-pako';
import { ProtoWriter } from '../../support/proto-writer';

/** A profile of `locations` locations (ids 1..n, no lines) and samples of the given location ids. */
function profileWithLocations(locations: number, samples: readonly (readonly number[])[]): Uint8Array {
  const w = new ProtoWriter();
  for (const s of ['', 'samples', 'count']) w.string(6, s);
  w.message(1, (t) => t.int(1, 1).int(2, 2));
  for (const ids of samples) w.message(2, (s) => s.packed(1, ids).packed(2, [1]));
  for (let id = 1; id <= locations; id++) w.message(4, (l) => l.int(1, id).int(3, 0x1000 + id));
  return w.finish();
}

test('unique stacks keep every location index, in 16 bits up to 65,536 locations and in 32 past that', () => {
  for (const [n, kind] of [[65_536, 'Uint16Array'], [65_537, 'Int32Array']] as const) {
    const stacks = [[n, 1, n - 1], [300, n], [n, 1, n - 1], [65_535, 65_536]];
    const profile = decodeProfile(profileWithLocations(n, stacks), { source: 'many.pb', inflate: inflatePako });
    const { stackStart, stackLocations, uniqueStacks } = profile.samples;
    assert.equal(uniqueStacks?.locations.constructor.name, kind, `${n} locations`);
    assert.equal(uniqueStacks?.count, 3);
    const ids = stacks.map((_, s) => [...stackLocations.subarray(stackStart[s]!, stackStart[s + 1]!)].map((l) => profile.locations.id[l]));
    assert.deepEqual(ids, stacks, `${n} locations`);
  }
});
