import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { FilterHistory, NO_FILTERS, viewQuery } from '../../../webview/filters';
import { WorkerHandlers } from '../../../src/worker/worker-handlers';
import type { WorkerToHost } from '../../../src/worker/worker-protocol';

const hotspots = readFileSync(new URL('../../../examples/profiles/hotspots.cpu.pb.gz', import.meta.url));

function ok<T extends WorkerToHost>(response: T): Extract<T, { ok: true }> {
  if (!response.ok) assert.fail(`expected success, got: ${response.error}`);
  return response as Extract<T, { ok: true }>;
}

function opened(): WorkerHandlers {
  const h = new WorkerHandlers();
  ok(h.answer({ kind: 'request', id: 1, method: 'open', params: { bytes: hotspots, source: 'hotspots.cpu.pb.gz', maxInflatedBytes: 1e9 } }));
  return h;
}

test('compared with itself, every flame node has its own value as base and the top deltas are zero', () => {
  const h = opened();
  ok(h.answer({ kind: 'request', id: 2, method: 'openBase', params: { bytes: hotspots, source: 'same.pb.gz', maxInflatedBytes: 1e9 } }));
  const flame = ok(h.answer({ kind: 'request', id: 3, method: 'flame', params: { sampleIndex: 1, diff: true } }));
  if (flame.method !== 'flame') return assert.fail('wrong method');
  assert.deepEqual(Array.from(flame.result.base ?? []), Array.from(flame.result.value));
  assert.deepEqual(Array.from(flame.result.baseSelf ?? []), Array.from(flame.result.self));
  assert.equal(flame.result.baseSource, 'same.pb.gz');
  const top = ok(h.answer({ kind: 'request', id: 4, method: 'top', params: { sampleIndex: 1, diff: true } }));
  if (top.method !== 'top') return assert.fail('wrong method');
  // pprof -base drops samples that cancel out: nothing is left.
  assert.equal(top.result.rows.length, 0);
  // Without diff the same query is the plain profile.
  const plain = ok(h.answer({ kind: 'request', id: 5, method: 'flame', params: { sampleIndex: 1 } }));
  if (plain.method !== 'flame') return assert.fail('wrong method');
  assert.equal(plain.result.base, undefined);
});

test('tree directions: top-down roots hold their cum, bottom-up roots their flat; a bad regexp is a message', () => {
  const h = opened();
  const down = ok(h.answer({ kind: 'request', id: 2, method: 'tree', params: { sampleIndex: 1, direction: 'top-down' } }));
  const up = ok(h.answer({ kind: 'request', id: 3, method: 'tree', params: { sampleIndex: 1, direction: 'bottom-up' } }));
  const top = ok(h.answer({ kind: 'request', id: 4, method: 'top', params: { sampleIndex: 1 } }));
  if (down.method !== 'tree' || up.method !== 'tree' || top.method !== 'top') return assert.fail('wrong method');
  const flatOf = new Map(top.result.rows.map((r) => [r.name.replace(/ \((partial-)?inline\)$/, ''), r.flat]));
  for (let c = up.result.firstChild[0]!; c < up.result.firstChild[0]! + up.result.childCount[0]!; c++) {
    const name: string = up.result.frames[up.result.frame[c]!]!.name;
    assert.equal(up.result.value[c], flatOf.get(name), name);
  }
  assert.equal(down.result.total, top.result.total);
  const bad = h.answer({ kind: 'request', id: 5, method: 'top', params: { sampleIndex: 1, focus: 'a(' } });
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.match(bad.error, /focus/);
});

test('filter history: undo and redo move through filter states; an equal state is not a step', () => {
  const h = new FilterHistory();
  assert.equal(h.push({ ...NO_FILTERS }), false);
  h.push({ ...NO_FILTERS, focus: 'a' });
  h.push({ ...NO_FILTERS, focus: 'a', hide: 'b' });
  assert.equal(h.undo().hide, '');
  assert.equal(h.undo().focus, '');
  assert.equal(h.canUndo, false);
  assert.equal(h.redo().focus, 'a');
  h.push({ ...NO_FILTERS, granularity: 'lines' });
  assert.equal(h.canRedo, false);
  assert.deepEqual(viewQuery(2, h.current, false), { sampleIndex: 2, granularity: 'lines' });
  assert.deepEqual(viewQuery(0, { ...NO_FILTERS, tagFocus: 'k=v' }, true), { sampleIndex: 0, tagFocus: 'k=v', diff: true });
});
