import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { sliceAt, type TraceSliceRow, type TraceSlices } from '../../../src/shared/trace-view';
import { parseWindowRequest, windowOf, type TraceWindowRequest } from '../../../src/shared/trace-window';
import { readTrace } from '../../../src/trace/read';
import { traceViewModel } from '../../../src/trace/trace-view-model';

const FILE = join(__dirname, '..', '..', 'fixtures', 'traces', 'tracer-go1.26.trace');
const model = traceViewModel(readTrace(new Uint8Array(readFileSync(FILE)), FILE), 'tracer-go1.26.trace');

/** The pixels a row's slices cover in the window (a bar is at least one pixel wide, as the timeline paints it). */
function covered(slices: TraceSlices, row: TraceSliceRow, req: TraceWindowRequest): Set<number> {
  const px = (t: number): number => ((t - req.start) / (req.end - req.start)) * req.pixels;
  const out = new Set<number>();
  for (const i of row.slices) {
    const s = sliceAt(slices, i);
    const end = s.end < 0 ? model.durationNs : s.end;
    if (end < req.start || s.start > req.end) continue;
    const first = Math.max(0, Math.floor(px(s.start)));
    const last = Math.min(req.pixels - 1, Math.max(Math.floor(px(s.start)), Math.ceil(px(end)) - 1));
    for (let p = first; p <= last; p++) out.add(p);
  }
  return out;
}

const key = (slices: TraceSlices, i: number): string => {
  const { index: _index, ...fields } = sliceAt(slices, i);
  return JSON.stringify(fields);
};

describe('windows of a large trace (level of detail)', () => {
  const d = model.durationNs;
  const windows: TraceWindowRequest[] = [
    { seq: 1, start: 0, end: d, pixels: 200, goroutines: [] },
    { seq: 2, start: d * 0.4, end: d * 0.5, pixels: 300, goroutines: [] },
    { seq: 3, start: d * 0.1, end: d * 0.9, pixels: 1000, goroutines: [] },
  ];
  for (const req of windows) {
    test(`${req.pixels} pixels over ${Math.round(((req.end - req.start) / d) * 100)}% of the trace: every row covers the same pixels with far fewer slices, each slice unchanged`, () => {
      const w = windowOf(model, req);
      assert.equal(w.seq, req.seq);
      const all = new Set<string>();
      for (let i = 0; i < model.slices.count; i++) all.add(key(model.slices, i));
      for (let i = 0; i < w.slices.count; i++) assert.ok(all.has(key(w.slices, i)), 'a window slice is one of the model');
      for (const [full, kept] of [
        [model.procs, w.procs],
        [model.threads, w.threads],
        [model.groupRows, w.groupRows],
      ] as const) {
        assert.deepEqual(kept.map((r) => r.id), full.map((r) => r.id));
        full.forEach((row, r) => assert.deepEqual(covered(w.slices, kept[r]!, req), covered(model.slices, row, req), `row ${row.id}`));
      }
      if (req.seq === 1) assert.ok(w.slices.count < model.slices.count * 0.6, `${w.slices.count} of ${model.slices.count} slices`);
    });
  }

  test("a requested goroutine's own row holds only its slices and covers its pixels", () => {
    const g = model.goroutines.find((r) => r.name === 'main.locks.func1')!.id;
    const req = { seq: 4, start: 0, end: d, pixels: 500, goroutines: [g] };
    const w = windowOf(model, req);
    const row = w.goroutineRows[0]!;
    assert.equal(row.id, g);
    assert.ok(row.slices.length > 0);
    for (const i of row.slices) assert.equal(sliceAt(w.slices, i).goroutine, g);
    const own = Int32Array.from({ length: model.slices.count }, (_, i) => i).filter((i) => sliceAt(model.slices, i).goroutine === g);
    assert.deepEqual(covered(w.slices, row, req), covered(model.slices, { id: g, slices: own }, req));
  });

  test('window requests from the webview are checked', () => {
    const ok = { seq: 1, start: 0, end: 10, pixels: 100, goroutines: [3] };
    assert.deepEqual(parseWindowRequest(ok), ok);
    assert.equal(parseWindowRequest({ ...ok, end: 0 }), undefined);
    assert.equal(parseWindowRequest({ ...ok, pixels: 0 }), undefined);
    assert.equal(parseWindowRequest({ ...ok, pixels: 1e9 }), undefined);
    assert.equal(parseWindowRequest({ ...ok, goroutines: ['3'] }), undefined);
    assert.equal(parseWindowRequest({ ...ok, start: Number.NaN }), undefined);
    assert.equal(parseWindowRequest(null), undefined);
  });
});
