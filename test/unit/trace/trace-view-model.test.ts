import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { I_PROC, I_THREAD, REGION_FIELDS, SLICE_INTS, parseTraceViewMessage, sliceAt } from '../../../src/shared/trace-view';
import { goroutineAnalysis } from '../../../src/trace/goroutine-analysis';
import { readTrace } from '../../../src/trace/read';
import { traceCounts } from '../../../src/trace/summary';
import { traceViewModel } from '../../../src/trace/trace-view-model';

const FILE = join(__dirname, '..', '..', 'fixtures', 'traces', 'tracer-go1.26.trace');
const trace = readTrace(new Uint8Array(readFileSync(FILE)), FILE);
const model = traceViewModel(trace, 'tracer-go1.26.trace');

describe('Go Trace view model of a real trace', () => {
  test('the P rows hold each goroutine\'s running time: equal to its execution time in the goroutine analysis (checked against go tool trace in test/go)', () => {
    const ran = new Map<number, number>();
    for (const p of model.procs) {
      for (let i = 0; i < p.slices.length; i++) {
        const s = sliceAt(model.slices, p.slices[i]!);
        assert.ok(s.start <= s.end, 'a slice ends after it starts');
        assert.equal(s.proc, p.id);
        if (i > 0) assert.ok(sliceAt(model.slices, p.slices[i - 1]!).end <= s.start, `slices on P${p.id} do not overlap`);
        ran.set(s.goroutine, (ran.get(s.goroutine) ?? 0) + s.end - s.start);
      }
    }
    for (const g of goroutineAnalysis(trace)) assert.equal(ran.get(g.id) ?? 0, g.exec, `goroutine ${g.id} (${g.name})`);
  });

  test('groups sum their goroutines; tasks, logs, GC and heap come through', () => {
    const locks = model.groups.find((g) => g.name === 'main.locks.func1')!;
    const members = model.goroutines.filter((g) => g.name === 'main.locks.func1');
    assert.equal(locks.count, 4);
    assert.equal(locks.exec, members.reduce((n, g) => n + g.exec, 0));
    assert.equal(model.gc.length / 2, model.gcCycles);
    // The summary's counts are the reader's (traceCounts, checked against go tool trace in test/go).
    const counts = traceCounts(trace);
    assert.deepEqual([model.events, model.gcCycles, model.durationNs], [counts.events, counts.gcCycles, counts.durationNs]);
    assert.ok(model.gcCycles > 0);
    assert.deepEqual(model.tasks.map((t) => t.name), ['workload']);
    assert.ok(model.tasks[0]!.end > model.tasks[0]!.start);
    assert.equal(model.logs.filter((l) => l.category === 'ping').length, 20);
    assert.deepEqual(model.logs.find((l) => l.category === 'done'), { ...model.logs.find((l) => l.category === 'done')!, message: 'ok' });
    assert.ok(model.heap.length > 2);
  });

  test('every slice is in one P row, one thread row and one start-function row; thread rows do not overlap', () => {
    const count = (rows: readonly { slices: Int32Array }[]): number => rows.reduce((n, r) => n + r.slices.length, 0);
    assert.ok(model.slices.count > 100);
    assert.equal(count(model.procs), model.slices.count);
    assert.equal(count(model.threads), model.slices.count);
    assert.equal(count(model.groupRows), model.slices.count);
    for (const m of model.threads) {
      for (let i = 1; i < m.slices.length; i++) {
        assert.equal(model.slices.ints[m.slices[i]! * SLICE_INTS + I_THREAD], m.id);
        assert.ok(sliceAt(model.slices, m.slices[i - 1]!).end <= sliceAt(model.slices, m.slices[i]!).start, `M${m.id} runs one goroutine at a time`);
      }
    }
    for (let i = 1; i < model.slices.count; i++) assert.ok(model.slices.times[(i - 1) * 3]! <= model.slices.times[i * 3]!, 'slices in order of start');
    assert.ok(model.procs.every((p) => p.slices.every((s) => model.slices.ints[s * SLICE_INTS + I_PROC] === p.id)));
  });

  test('user regions: the two regions of the tracer program, each ended after it began, on one goroutine', () => {
    const n = model.regions.length / REGION_FIELDS;
    assert.deepEqual(Array.from({ length: n }, (_, i) => model.reasons[model.regions[i * REGION_FIELDS + 3]!]).sort(), ['channels', 'locks']);
    for (let i = 0; i < n; i++) {
      const r = model.regions.subarray(i * REGION_FIELDS, (i + 1) * REGION_FIELDS);
      assert.ok(r[1]! > r[0]!, 'ended after it began');
      assert.ok(model.reasons[r[3]!]!.length > 0, 'named');
    }
  });

  test('messages from the webview are checked', () => {
    assert.deepEqual(parseTraceViewMessage({ kind: 'ready' }), { kind: 'ready' });
    assert.deepEqual(parseTraceViewMessage({ kind: 'openSource', frame: 3 }), { kind: 'openSource', frame: 3 });
    assert.equal(parseTraceViewMessage({ kind: 'openSource', frame: -1 }), undefined);
    assert.equal(parseTraceViewMessage({ kind: 'openSource', frame: '3' }), undefined);
    assert.equal(parseTraceViewMessage('ready'), undefined);
  });
});
