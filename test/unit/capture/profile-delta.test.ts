// end minus base on real Go block/mutex profiles from examples/profiles.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { subtractProfiles } from '../../../src/capture/profile-delta';
import { topTable } from '../../../src/analysis/top';
import { decodeProfile } from '../../../src/pprof/decode-profile';
import { inflateNode } from '../../../src/pprof/inflate-node';
import type { Profile } from '../../../src/pprof/profile';

const decode = (bytes: Uint8Array): Profile => decodeProfile(bytes, { source: 'delta', inflate: inflateNode });

for (const kind of ['block', 'mutex']) {
  const raw = gunzipSync(readFileSync(`examples/profiles/hotspots.${kind}.pb.gz`));

  describe(`subtractProfiles on a real ${kind} profile`, () => {
    it('p minus p has no samples and keeps the rest', () => {
      const original = decode(raw);
      const zero = decode(subtractProfiles(raw, raw));
      assert.ok(original.samples.count > 0);
      assert.equal(zero.samples.count, 0);
      assert.deepEqual(zero.sampleTypes, original.sampleTypes);
      assert.equal(zero.functions.count, original.functions.count);
      assert.equal(zero.durationNanos, 0);
    });

    it('p minus an empty baseline is p, with the same report', () => {
      const empty = subtractProfiles(raw, raw);
      const again = decode(subtractProfiles(empty, raw));
      const original = decode(raw);
      for (let t = 0; t < original.sampleTypes.length; t++) {
        const a = topTable(original, { sampleIndex: t });
        const b = topTable(again, { sampleIndex: t });
        assert.equal(b.total, a.total);
        assert.deepEqual(b.rows.map((r) => [r.name, r.flat, r.cum]), a.rows.map((r) => [r.name, r.flat, r.cum]));
      }
    });
  });
}

describe('subtractProfiles on bad input', () => {
  it('throws on truncated data', () => {
    const raw = gunzipSync(readFileSync('examples/profiles/hotspots.block.pb.gz'));
    assert.throws(() => subtractProfiles(raw, raw.subarray(0, raw.length - 3)), /truncated/);
  });
});
