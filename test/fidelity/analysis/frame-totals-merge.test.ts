// Two threads add up the earlier and the later share of a profile's samples (go-profiler top on
// big files); merging their frame totals must give the top table of one pass over all samples.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readProfileBytes, readProfileFile } from '../../../src/pprof/read-file-node';
import { decodeProfileAsRuns } from '../../../src/pprof/decode-profile';
import { inflateNode } from '../../../src/pprof/inflate-node';
import { sampleRange } from '../../../src/pprof/sample-runs';
import { FrameTotalsFromRuns, type FrameTotals } from '../../../src/analysis/stacks';
import { mergeFrameTotals } from '../../../src/analysis/frame-totals-merge';
import { topTable, topTableOfTotals, type TopTable } from '../../../src/analysis/top';
import type { ReportOptions } from '../../../src/analysis/options';
import { listFixtureProfiles } from '../../support/go-fixtures';

test('the shares [0, x) and [x, 1) hold every sample exactly once', () => {
  for (let count = 0; count <= 40; count++) {
    for (const x of [0, 0.01, 0.3, 0.5, 0.57, 0.99, 1]) {
      const [a0, a1] = sampleRange({ start: 0, end: x }, count);
      const [b0, b1] = sampleRange({ start: x, end: 1 }, count);
      assert.equal(a0, 0);
      assert.equal(a1, b0, `count ${count}, x ${x}`);
      assert.equal(b1, count);
    }
  }
});

function rows(table: TopTable): unknown[] {
  return [table.total, table.rows.map((r) => [r.name, r.file, r.line, r.flat, r.cum, r.inlineLabel])];
}

const reportOptions: readonly ReportOptions[] = [{}, { granularity: 'lines' }, { granularity: 'files' }, { hide: 'runtime\\.', focus: 'main\\.' }];

test('merged totals of two shares equal the top table of all samples, on every fixture', async (t) => {
  const fixtures = await listFixtureProfiles();
  assert.ok(fixtures.length >= 8);
  for (const { name, path } of fixtures) {
    await t.test(name, async () => {
      const full = await readProfileFile(path);
      const bytes = await readProfileBytes(path);
      const shareTotals = (options: ReportOptions, start: number, end: number): FrameTotals => {
        const totals = new FrameTotalsFromRuns(options);
        decodeProfileAsRuns(bytes, { source: path, inflate: inflateNode }, totals, { start, end });
        return totals.result();
      };
      for (let sampleIndex = 0; sampleIndex < full.sampleTypes.length; sampleIndex++) {
        for (const base of reportOptions) {
          const options = { ...base, sampleIndex };
          const expected = rows(topTable(full, options));
          for (const x of [0, 0.31, 0.57, 1]) {
            const merged = mergeFrameTotals(shareTotals(options, 0, x), shareTotals(options, x, 1));
            assert.deepEqual(rows(topTableOfTotals(merged)), expected, `${name} ${JSON.stringify(options)} split at ${x}`);
          }
        }
      }
    });
  }
});

test('a frame inlined in one share and called in the other is partial-inline; files come from the earlier share', () => {
  const frame = (identity: string, file: string, inlined: boolean, partialInline: boolean) => ({
    name: identity, functionName: identity, file, line: 0, startLine: 0, inlined, partialInline, objfile: '', identity,
  });
  const sampleType = { type: 'alloc_space', unit: 'bytes' };
  const first: FrameTotals = {
    sampleTypeIndex: 0, sampleType, total: 10,
    frames: [frame('f', 'a.go', true, false), frame('g', 'a.go', false, false)],
    flat: Float64Array.of(10, 0), cum: Float64Array.of(10, 10),
  };
  const second: FrameTotals = {
    sampleTypeIndex: 0, sampleType, total: 5,
    frames: [frame('h', 'c.go', true, false), frame('f', 'b.go', false, false), frame('g', 'b.go', false, false)],
    flat: Float64Array.of(5, 0, 0), cum: Float64Array.of(5, 5, 5),
  };
  const merged = mergeFrameTotals(first, second);
  assert.deepEqual(
    merged.frames.map((f) => [f.identity, f.file, f.inlined, f.partialInline]),
    [['f', 'a.go', false, true], ['g', 'a.go', false, false], ['h', 'c.go', true, false]],
  );
  assert.deepEqual([...merged.flat], [10, 0, 5]);
  assert.deepEqual([...merged.cum], [15, 15, 5]);
  assert.equal(merged.total, 15);
  assert.throws(() => mergeFrameTotals(first, { ...second, sampleTypeIndex: 1 }), /sample types/);
});
