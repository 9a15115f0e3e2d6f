// Decoding with mergeSamples (what `go-profiler top` uses) must give the same top table as
// decoding sample by sample, for every fixture, sample type and granularity; and it must
// still refuse what the full decode refuses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { decodeProfile, ProfileError } from '../../../src/pprof/index';
import { inflatePako } from '../../../src/pprof/inflate-pako';
import { topTable } from '../../../src/analysis/top';
import type { Granularity } from '../../../src/analysis/options';
import { listFixtureProfiles } from '../../support/go-fixtures';
import { encodeWithProtobufjs } from '../../support/protobuf-reference';
import { minimalProfile } from './proto-writer';

const granularities: readonly Granularity[] = ['functions', 'lines'];

test('merged decode gives the same top table as the full decode on every fixture', async (t) => {
  const fixtures = await listFixtureProfiles();
  assert.ok(fixtures.length >= 8, `expected the Go fixtures and the committed profiles, got ${fixtures.length}`);
  for (const { name, path } of fixtures) {
    await t.test(name, async () => {
      const full = await readProfileFile(path);
      const merged = await readProfileFile(path, { mergeSamples: true });
      assert.equal(merged.samples.merged?.negativeValues, false, 'Go writes no negative values');
      assert.equal(full.samples.merged, undefined);
      assert.ok(merged.samples.count <= full.samples.count);
      if (full.samples.count > 0) assert.equal(merged.samples.count, full.samples.uniqueStacks!.count);
      assert.equal(merged.samples.labelKey.length, 0, 'labels are dropped');
      for (let sampleIndex = 0; sampleIndex < full.sampleTypes.length; sampleIndex++) {
        for (const granularity of granularities) {
          const expected = topTable(full, { sampleIndex, granularity });
          const actual = topTable(merged, { sampleIndex, granularity });
          assert.equal(actual.total, expected.total, `${name} #${sampleIndex} ${granularity}: total`);
          assert.deepEqual(
            actual.rows.map((r) => [r.name, r.flat, r.cum]),
            expected.rows.map((r) => [r.name, r.flat, r.cum]),
            `${name} #${sampleIndex} ${granularity}: rows`,
          );
        }
      }
    });
  }
});

function handMade(values: readonly number[][], labelStr: number): Uint8Array {
  return encodeWithProtobufjs({
    stringTable: ['', 'alloc_space', 'bytes', 'main.f', 'f.go', 'k', 'v'],
    sampleType: [{ type: 1, unit: 2 }],
    function: [{ id: 1, name: 3, systemName: 3, filename: 4, startLine: 1 }],
    location: [
      { id: 1, line: [{ functionId: 1, line: 10 }] },
      { id: 2, line: [{ functionId: 1, line: 20 }] },
    ],
    sample: values.map((value, i) => ({ locationId: [1 + (i % 2)], value, label: [{ key: 5, str: labelStr }] })),
  } as never);
}

test('merged decode sums values per stack and says when a value was negative', () => {
  const decode = (bytes: Uint8Array) => decodeProfile(bytes, { source: 'hand.pb', inflate: inflatePako, mergeSamples: true });
  const merged = decode(handMade([[5], [7], [11], [13]], 6));
  assert.equal(merged.samples.count, 2);
  assert.deepEqual([...merged.samples.values], [16, 20]);
  assert.equal(merged.samples.merged?.negativeValues, false);
  assert.equal(decode(handMade([[5], [7], [-5], [13]], 6)).samples.merged?.negativeValues, true);
});

test('merged decode still checks labels it drops', () => {
  const bad = handMade([[5], [7]], 99);
  for (const mergeSamples of [false, true]) {
    assert.throws(
      () => decodeProfile(bad, { source: 'hand.pb', inflate: inflatePako, mergeSamples }),
      (e: unknown) => e instanceof ProfileError && /hand\.pb.*label str: string index 99 is out of range/.test(e.message),
    );
  }
});

test('merged decode: an overlong location id joins the stack of its shortest form, in whichever order they come', () => {
  // minimalProfile has one sample of location 1 with value 5; add one written as [0x81, 0x00]
  // (1 with a needless continuation byte) and one split over two unpacked fields.
  const overlongFirst = minimalProfile((w) => {
    w.message(2, (s) => s.bytes(1, [0x81, 0x00]).packed(2, [7]));
    w.message(2, (s) => s.int(1, 1).packed(2, [11]));
  });
  for (const mergeSamples of [false, true]) {
    const p = decodeProfile(overlongFirst, { source: 'overlong.pb', inflate: inflatePako, mergeSamples });
    assert.equal(p.samples.uniqueStacks!.count, 1, `mergeSamples ${mergeSamples}`);
    const total = [...p.samples.values].reduce((a, b) => a + b, 0);
    assert.equal(total, 23);
    if (mergeSamples) assert.deepEqual([...p.samples.values], [23]);
  }
});
