import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SLICE_FIELDS, parseTraceViewMessage } from '../../../src/shared/trace-view';
import { goroutineAnalysis } from '../../../src/trace/goroutine-analysis';
import { readTrace } from '../../../src/trace/read';
import { traceViewModel } from '../../../src/trace/trace-view-model';

const FILE = join(__dirname, '..', '..', 'fixtures', 'traces', 'tracer-go1.26.trace');
const trace = readTrace(new Uint8Array(readFileSync(FILE)), FILE);
const model = traceViewModel(trace, 'tracer-go1.26.trace');

describe('Go Trace view model of a real trace', () => {
  test('the P rows hold each goroutine\'s running time: equal to its execution time in the goroutine analysis (checked against go tool trace in test/go)', () => {
    const ran = new Map<number, number>();
    for (const p of model.procs) {
      for (let i = 0; i < p.slices.length; i += SLICE_FIELDS) {
        assert.ok(p.slices[i]! <= p.slices[i + 1]!, 'a slice ends after it starts');
        if (i > 0) assert.ok(p.slices[i - SLICE_FIELDS + 1]! <= p.slices[i]!, `slices on P${p.proc} do not overlap`);
        ran.set(p.slices[i + 2]!, (ran.get(p.slices[i + 2]!) ?? 0) + p.slices[i + 1]! - p.slices[i]!);
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
    assert.deepEqual(model.tasks.map((t) => t.name), ['workload']);
    assert.ok(model.tasks[0]!.end > model.tasks[0]!.start);
    assert.equal(model.logs.filter((l) => l.category === 'ping').length, 20);
    assert.deepEqual(model.logs.find((l) => l.category === 'done'), { ...model.logs.find((l) => l.category === 'done')!, message: 'ok' });
    assert.ok(model.heap.length > 2);
  });

  test('messages from the webview are checked', () => {
    assert.deepEqual(parseTraceViewMessage({ kind: 'ready' }), { kind: 'ready' });
    assert.deepEqual(parseTraceViewMessage({ kind: 'openSource', frame: 3 }), { kind: 'openSource', frame: 3 });
    assert.equal(parseTraceViewMessage({ kind: 'openSource', frame: -1 }), undefined);
    assert.equal(parseTraceViewMessage({ kind: 'openSource', frame: '3' }), undefined);
    assert.equal(parseTraceViewMessage('ready'), undefined);
  });
});
