/** The comparison data the worker builds: the flame tree of every path of both profiles, and both totals. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WorkerHandlers } from '../../../src/worker/worker-handlers';
import type { TopView } from '../../../src/shared/top-view';
import type { StackTreeView } from '../../../src/shared/view-model';
import { buildProfile, encodeProfile, type SampleSpec } from '../../support/profile-builder';

function bytesOf(samples: readonly SampleSpec[]): Uint8Array {
  return encodeProfile(buildProfile({ sampleTypes: [['cpu', 'nanoseconds']], samples }));
}

// Base: main.a 30 (10 of it in main.a.b), main.gone 20. Current: main.a 50 (40 in main.a.b), main.new 5.
const BASE = bytesOf([
  { stack: ['main.a a.go:1', 'main.main m.go:1'], values: [20] },
  { stack: ['main.b b.go:1', 'main.a a.go:2', 'main.main m.go:1'], values: [10] },
  { stack: ['main.gone g.go:1', 'main.main m.go:2'], values: [20] },
]);
const CURRENT = bytesOf([
  { stack: ['main.a a.go:1', 'main.main m.go:1'], values: [10] },
  { stack: ['main.b b.go:1', 'main.a a.go:2', 'main.main m.go:1'], values: [40] },
  { stack: ['main.new n.go:1', 'main.main m.go:3'], values: [5] },
]);

function compared(): WorkerHandlers {
  const h = new WorkerHandlers();
  const open = h.answer({ kind: 'request', id: 1, method: 'open', params: { bytes: CURRENT, source: 'current.pb', maxInflatedBytes: 1e9 } });
  assert.equal(open.ok, true);
  const base = h.answer({ kind: 'request', id: 2, method: 'openBase', params: { bytes: BASE, source: 'base.pb', maxInflatedBytes: 1e9 } });
  assert.equal(base.ok, true);
  return h;
}

function flame(h: WorkerHandlers, diff: boolean): StackTreeView {
  const r = h.answer({ kind: 'request', id: 3, method: 'flame', params: { sampleIndex: 0, diff } });
  if (!r.ok || r.method !== 'flame') return assert.fail('no flame');
  return r.result;
}

/** "main.main/main.a" -> [current, base] for every node. */
function paths(view: StackTreeView): Map<string, [number, number, number, number]> {
  const out = new Map<string, [number, number, number, number]>();
  const name = (n: number): string => view.frames[view.frame[n]!]?.name ?? 'root';
  const pathOf = (n: number): string => (n === 0 ? 'root' : `${pathOf(view.parent[n]!)}/${name(n)}`);
  for (let n = 0; n < view.frame.length; n++) out.set(pathOf(n), [view.value[n]!, view.base![n]!, view.self[n]!, view.baseSelf![n]!]);
  return out;
}

test('the diff flame holds every path of either profile with its current and base value and self', () => {
  const view = flame(compared(), true);
  assert.deepEqual(Object.fromEntries(paths(view)), {
    root: [55, 50, 0, 0],
    'root/main.main': [55, 50, 0, 0],
    'root/main.main/main.a': [50, 30, 10, 20],
    'root/main.main/main.a/main.b': [40, 10, 40, 10],
    'root/main.main/main.gone': [0, 20, 0, 20],
    'root/main.main/main.new': [5, 0, 5, 0],
  });
  assert.equal(view.baseSource, 'base.pb');
  assert.deepEqual(view.comparison, { base: 50, current: 55, baseText: '50ns', currentText: '55ns' });
});

test('the union tree keeps the flame layout contract: children contiguous, after their parent, sorted by name', () => {
  const view = flame(compared(), true);
  const name = (n: number): string => view.frames[view.frame[n]!]?.name ?? '';
  for (let n = 0; n < view.frame.length; n++) {
    const first = view.firstChild[n]!;
    for (let c = first; c < first + view.childCount[n]!; c++) {
      assert.equal(view.parent[c], n);
      assert.ok(c > n);
      if (c > first) assert.ok(name(c - 1) < name(c), `${name(c - 1)} before ${name(c)}`);
    }
  }
  const children = view.childCount.reduce((a, b) => a + b, 0);
  assert.equal(children, view.frame.length - 1, 'every node but the root is some node’s child');
});

test('trees and top of a comparison carry the same two totals; the plain flame has none', () => {
  const h = compared();
  const tree = h.answer({ kind: 'request', id: 4, method: 'tree', params: { sampleIndex: 0, diff: true, direction: 'top-down' } });
  const top = h.answer({ kind: 'request', id: 5, method: 'top', params: { sampleIndex: 0, diff: true } });
  if (!tree.ok || tree.method !== 'tree' || !top.ok || top.method !== 'top') return assert.fail('no tree or top');
  const want = { base: 50, current: 55, baseText: '50ns', currentText: '55ns' };
  assert.deepEqual(tree.result.comparison, want);
  assert.equal(tree.result.base, undefined, 'the call tree shows the current profile only');
  assert.deepEqual((top.result as TopView).comparison, want);
  const plain = flame(h, false);
  assert.equal(plain.comparison, undefined);
  assert.equal(plain.base, undefined);
});
