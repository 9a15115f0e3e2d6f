// Decoding samples as runs (what `go-profiler top` uses) must give the same numbers as decoding
// sample by sample: the same sums per stack, the same top table for every fixture, sample type,
// granularity and a few filters; and it must still refuse what the full decode refuses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readProfileBytes, readProfileFile } from '../../../src/pprof/read-file-node';
import { inflateNode } from '../../../src/pprof/inflate-node';
import { decodeProfile, decodeProfileAsRuns, ProfileError, type Profile, type ProfileMetadata, type SampleRunVisitor } from '../../../src/pprof/index';
import { inflatePako } from '../../../src/pprof/inflate-pako';
import { topTable, topTableOfTotals } from '../../../src/analysis/top';
import { FrameTotalsFromRuns } from '../../../src/analysis/stacks';
import type { ReportOptions } from '../../../src/analysis/options';
import { listFixtureProfiles } from '../../support/go-fixtures';
import { encodeWithProtobufjs } from '../../support/protobuf-reference';
import { minimalProfile, ProtoWriter } from '../../support/proto-writer';
import { decodeWithProtobufjs } from '../../support/protobuf-reference';
import { goPprofTop } from '../../support/go-pprof';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Records every run: its location ids (file ids, not dense indexes) and summed values. */
class RecordedRuns implements SampleRunVisitor {
  readonly runs: { ids: number[]; values: number[] }[] = [];
  private profile: ProfileMetadata | undefined;

  begin(profile: ProfileMetadata): void {
    this.profile = profile;
  }

  run(locations: Int32Array, length: number, values: Float64Array): void {
    const ids = [...locations.subarray(0, length)].map((l) => this.profile!.locations.id[l]!);
    this.runs.push({ ids, values: [...values] });
  }
}

/** Per stack (location ids joined), the summed values: of the runs, or of the full decode's samples. */
function sumsPerStack(entries: Iterable<{ ids: readonly number[]; values: readonly number[] }>): Map<string, number[]> {
  const sums = new Map<string, number[]>();
  for (const { ids, values } of entries) {
    const key = ids.join(',');
    const sum = sums.get(key) ?? values.map(() => 0);
    values.forEach((v, t) => (sum[t]! += v));
    sums.set(key, sum);
  }
  return sums;
}

function samplesOf(p: Profile): { ids: number[]; values: number[] }[] {
  const { count, valueCount, values, stackStart, stackLocations } = p.samples;
  const out: { ids: number[]; values: number[] }[] = [];
  for (let s = 0; s < count; s++) {
    const ids = [...stackLocations.subarray(stackStart[s]!, stackStart[s + 1]!)].map((l) => p.locations.id[l]!);
    out.push({ ids, values: [...values.subarray(s * valueCount, (s + 1) * valueCount)] });
  }
  return out;
}

const reportOptions: readonly ReportOptions[] = [
  { granularity: 'functions' },
  { granularity: 'lines' },
  { granularity: 'files' },
  { focus: 'main\\.', hide: 'runtime\\.' },
  { ignore: 'runtime\\.mallocgc', granularity: 'filefunctions' },
];

test('runs give the same sums per stack and the same top tables as the full decode, on every fixture', async (t) => {
  const fixtures = await listFixtureProfiles();
  assert.ok(fixtures.length >= 8, `expected the Go fixtures and the committed profiles, got ${fixtures.length}`);
  for (const { name, path } of fixtures) {
    await t.test(name, async () => {
      const full = await readProfileFile(path);
      const recorded = new RecordedRuns();
      const read = decodeProfileAsRuns(await readProfileBytes(path), { source: path, inflate: inflateNode }, recorded);
      assert.equal(read.sampleCount, full.samples.count);
      assert.equal(read.negativeValues, false, 'Go writes no negative values');
      assert.ok(recorded.runs.length <= full.samples.count);
      if (full.samples.count > 0) assert.ok(recorded.runs.length > 0);
      assert.deepEqual(sumsPerStack(recorded.runs), sumsPerStack(samplesOf(full)), `${name}: sums per stack`);
      for (let sampleIndex = 0; sampleIndex < full.sampleTypes.length; sampleIndex++) {
        for (const options of reportOptions) {
          const what = `${name} #${sampleIndex} ${JSON.stringify(options)}`;
          const expected = topTable(full, { ...options, sampleIndex });
          const totals = new FrameTotalsFromRuns({ ...options, sampleIndex });
          decodeProfileAsRuns(await readProfileBytes(path), { source: path, inflate: inflateNode }, totals);
          const actual = topTableOfTotals(totals.result());
          assert.equal(actual.total, expected.total, `${what}: total`);
          assert.deepEqual(
            actual.rows.map((r) => [r.name, r.file, r.line, r.flat, r.cum, r.inlineLabel]),
            expected.rows.map((r) => [r.name, r.file, r.line, r.flat, r.cum, r.inlineLabel]),
            `${what}: rows`,
          );
        }
      }
    });
  }
});

function handMade(stacks: readonly number[], values: readonly number[][], labelStr: number): Uint8Array {
  return encodeWithProtobufjs({
    stringTable: ['', 'alloc_space', 'bytes', 'main.f', 'f.go', 'k', 'v'],
    sampleType: [{ type: 1, unit: 2 }],
    function: [{ id: 1, name: 3, systemName: 3, filename: 4, startLine: 1 }],
    location: [
      { id: 1, line: [{ functionId: 1, line: 10 }] },
      { id: 2, line: [{ functionId: 1, line: 20 }] },
    ],
    sample: values.map((value, i) => ({ locationId: [stacks[i]!], value, label: [{ key: 5, str: labelStr }] })),
  } as never);
}

function recordRuns(bytes: Uint8Array, source = 'hand.pb'): { runs: RecordedRuns['runs']; negativeValues: boolean } {
  const recorded = new RecordedRuns();
  const read = decodeProfileAsRuns(bytes, { source, inflate: inflatePako }, recorded);
  return { runs: recorded.runs, negativeValues: read.negativeValues };
}

test('a run is the consecutive samples of one stack, values summed; a stack that comes back starts a new run', () => {
  const { runs, negativeValues } = recordRuns(handMade([1, 1, 2, 1], [[5], [7], [11], [13]], 6));
  assert.deepEqual(runs, [
    { ids: [1], values: [12] },
    { ids: [2], values: [11] },
    { ids: [1], values: [13] },
  ]);
  assert.equal(negativeValues, false);
  assert.equal(recordRuns(handMade([1, 1, 2, 1], [[5], [-5], [11], [13]], 6)).negativeValues, true);
});

test('runs: labels are dropped but still checked, and unknown location ids are refused', () => {
  for (const decode of [
    (bytes: Uint8Array) => decodeProfile(bytes, { source: 'hand.pb', inflate: inflatePako }),
    (bytes: Uint8Array) => recordRuns(bytes),
  ]) {
    assert.throws(
      () => decode(handMade([1, 2], [[5], [7]], 99)),
      (e: unknown) => e instanceof ProfileError && /hand\.pb.*label str: string index 99 is out of range/.test(e.message),
    );
    assert.throws(
      () => decode(handMade([1, 2, 7], [[5], [7], [9]], 6)),
      (e: unknown) => e instanceof ProfileError && /^hand\.pb: .*: sample #2 refers to location id 7, which is not in the profile$/.test(e.message),
    );
  }
});

test('runs: location ids written overlong or split over unpacked fields are read as their values', () => {
  // minimalProfile has one sample of location 1 with value 5; add one written as [0x81, 0x00]
  // (1 with a needless continuation byte) and one split over two unpacked fields.
  const bytes = minimalProfile((w) => {
    w.message(2, (s) => s.bytes(1, [0x81, 0x00]).packed(2, [7]));
    w.message(2, (s) => s.int(1, 1).int(1, 1).packed(2, [11]));
  });
  const { runs } = recordRuns(bytes, 'overlong.pb');
  assert.deepEqual(
    runs.map((r) => r.ids),
    [[1], [1], [1, 1]],
  );
  assert.deepEqual(sumsPerStack(runs), sumsPerStack(samplesOf(decodeProfile(bytes, { source: 'overlong.pb', inflate: inflatePako }))));
});

test('FrameTotalsFromRuns reports an option the profile cannot satisfy after the decode, like the full path', () => {
  const totals = new FrameTotalsFromRuns({ sampleIndex: 'no_such_type' });
  decodeProfileAsRuns(handMade([1], [[5]], 6), { source: 'hand.pb', inflate: inflatePako }, totals);
  assert.throws(() => totals.result(), /no_such_type/);
  assert.throws(() => topTable(decodeProfile(handMade([1], [[5]], 6), { source: 'hand.pb', inflate: inflatePako }), { sampleIndex: 'no_such_type' }), /no_such_type/);
});

/**
 * Twenty functions and locations (location i calls function main.fi); samples as given, each
 * built by its own writer so location ids can be split over packed and unpacked fields.
 */
function splitFieldsProfile(samples: readonly ((s: ProtoWriter) => void)[]): Uint8Array {
  const w = new ProtoWriter();
  const names = Array.from({ length: 20 }, (_, i) => `main.f${i + 1}`);
  for (const s of ['', 'samples', 'count', 'f.go', ...names]) w.string(6, s);
  w.message(1, (t) => t.int(1, 1).int(2, 2));
  for (let i = 1; i <= 20; i++) {
    w.message(5, (f) => f.int(1, i).int(2, 3 + i).int(3, 3 + i).int(4, 3));
    w.message(4, (l) => l.int(1, i).message(4, (line) => line.int(1, i).int(2, 10 + i)));
  }
  for (const sample of samples) w.message(2, sample);
  return w.finish();
}

test('location ids split over several packed (and unpacked) fields are read as protobufjs and go tool pprof read them', async () => {
  const bytes = splitFieldsProfile([
    (s) => s.packed(1, [18]).packed(1, [1, 2, 3, 4, 5, 6, 7, 8, 9]).packed(2, [5]),
    (s) => s.packed(1, [10]).packed(2, [3]),
    (s) => s.packed(1, [12, 13]).int(1, 14).packed(1, [15]).packed(2, [7]),
    (s) => s.int(1, 16).packed(1, [17, 19]).packed(2, [11]),
  ]);
  const reference = decodeWithProtobufjs(bytes);
  const full = decodeProfile(bytes, { source: 'split.pb', inflate: inflatePako });
  const expectedSamples = reference.sample.map((s) => ({ ids: s.locationId.map(Number), values: s.value.map(Number) }));
  assert.deepEqual(samplesOf(full), expectedSamples);
  assert.deepEqual(sumsPerStack(recordRuns(bytes, 'split.pb').runs), sumsPerStack(expectedSamples));

  const dir = mkdtempSync(join(tmpdir(), 'split-fields-'));
  try {
    const file = join(dir, 'split.pb');
    writeFileSync(file, bytes);
    const pprof = await goPprofTop(file, {});
    const totals = new FrameTotalsFromRuns({});
    decodeProfileAsRuns(bytes, { source: file, inflate: inflatePako }, totals);
    for (const table of [topTable(full, {}), topTableOfTotals(totals.result())]) {
      assert.equal(table.total, pprof.total);
      assert.deepEqual(
        table.rows.map((r) => [r.name, r.flat, r.cum]),
        pprof.rows.map((r) => [r.name, r.flat, r.cum]),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
