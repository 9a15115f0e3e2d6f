/**
 * The worker's first flame answer for a big tree is built from the wide frames alone; the whole
 * tree that follows (from the kept stacks) is the same as a fresh worker's whole tree.
 * The profile's shape is known: main.main -> pkg.gI -> pkg.hJ, each leaf 1, plus main.hot.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildProfile, encodeProfile, type SampleSpec } from '../../support/profile-builder';
import { WorkerHandlers } from '../../../src/worker/worker-handlers';
import { coarseFlame } from '../../../src/worker/coarse-flame';
import type { StackTreeView } from '../../../src/shared/view-model';

const OUTER = 300;
const INNER = 200;
const HOT = 100_000;

function bushyBytes(): Uint8Array {
  const samples: SampleSpec[] = [{ stack: ['main.hot main.go:11', 'main.main main.go:2'], values: [HOT] }];
  for (let i = 0; i < OUTER; i++) {
    for (let j = 0; j < INNER; j++) samples.push({ stack: [`pkg.h${j} pkg/b.go:${j + 1}`, `pkg.g${i} pkg/b.go:${i + 1}`, 'main.main main.go:2'], values: [1] });
  }
  return encodeProfile(buildProfile({ sampleTypes: [['cpu', 'nanoseconds']], periodType: ['cpu', 'nanoseconds'], period: 1, samples }));
}

function opened(bytes: Uint8Array): WorkerHandlers {
  const h = new WorkerHandlers();
  assert.ok(h.answer({ kind: 'request', id: 1, method: 'open', params: { bytes, source: 'bushy.pb', maxInflatedBytes: 1e9 } }).ok);
  return h;
}

function ask(h: WorkerHandlers, method: 'flame' | 'flameWhole'): StackTreeView {
  const r = h.answer({ kind: 'request', id: 2, method, params: { sampleIndex: 0 } });
  if (!r.ok || (r.method !== 'flame' && r.method !== 'flameWhole')) return assert.fail(`no ${method} tree`);
  return r.result;
}

const arrays = (v: StackTreeView): unknown[] => [v.frame, v.parent, v.firstChild, v.childCount, v.value, v.self].map((a) => Array.from(a));

test('a big tree: the first flame is the whole tree cut to its wide frames; the whole tree then matches a fresh worker', () => {
  const bytes = bushyBytes();
  const h = opened(bytes);
  const first = ask(h, 'flame');
  const whole = ask(h, 'flameWhole');
  const fresh = ask(opened(bytes), 'flameWhole');
  assert.equal(whole.parent.length, 3 + OUTER + OUTER * INNER);
  assert.deepEqual(arrays(whole), arrays(fresh), 'the whole tree from the kept stacks');
  const expected = coarseFlame(fresh);
  assert.deepEqual(first.coarse, { shownNodes: 3 + OUTER });
  assert.deepEqual(arrays(first), arrays(expected));
  assert.equal(first.total, OUTER * INNER + HOT);
});

test('after the whole tree is cached, a new first flame is cut from it', () => {
  const h = opened(bushyBytes());
  const whole = ask(h, 'flameWhole');
  const first = ask(h, 'flame');
  assert.deepEqual(first.coarse, { shownNodes: 3 + OUTER, allNodes: whole.parent.length });
});
