import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { coarseFlame } from '../../../src/worker/coarse-flame';
import { WorkerHandlers } from '../../../src/worker/worker-handlers';
import type { StackTreeView } from '../../../src/shared/view-model';

const hotspots = readFileSync(new URL('../../../examples/profiles/hotspots.cpu.pb.gz', import.meta.url));

function wholeFlame(): StackTreeView {
  const h = new WorkerHandlers();
  const opened = h.answer({ kind: 'request', id: 1, method: 'open', params: { bytes: hotspots, source: 'hotspots.cpu.pb.gz', maxInflatedBytes: 1e9 } });
  assert.ok(opened.ok);
  const r = h.answer({ kind: 'request', id: 2, method: 'flameWhole', params: { sampleIndex: 1 } });
  if (!r.ok || r.method !== 'flameWhole') return assert.fail('no flame tree');
  return r.result;
}

/** Each node's path of frame names from the root, joined, to its value and self value. */
function byPath(view: StackTreeView): Map<string, { value: number; self: number }> {
  const out = new Map<string, { value: number; self: number }>();
  const path = (n: number): string => (n <= 0 ? '' : `${path(view.parent[n]!)};${view.frames[view.frame[n]!]!.name}`);
  for (let n = 0; n < view.parent.length; n++) out.set(path(n), { value: view.value[n]!, self: view.self[n]! });
  return out;
}

test('the coarse flame keeps exactly the frames at least total/parts wide, with their own values, as a well-formed tree', () => {
  const whole = wholeFlame();
  const parts = 50;
  const threshold = whole.total / parts;
  const coarse = coarseFlame(whole, 0, parts);
  const wholePaths = byPath(whole);
  const coarsePaths = byPath(coarse);
  // Expected from the whole tree: every path whose every frame is wide enough (CPU values are never negative).
  const expected = [...wholePaths].filter(([p]) => {
    const names = p.split(';');
    for (let i = 1; i <= names.length; i++) {
      const prefix = names.slice(0, i).join(';');
      if (prefix !== '' && wholePaths.get(prefix)!.value < threshold) return false;
    }
    return true;
  });
  assert.ok(expected.length > 1 && expected.length < wholePaths.size, 'the fixture must have both wide and narrow frames');
  assert.deepEqual([...coarsePaths].sort(), expected.sort());
  assert.deepEqual(coarse.coarse, { shownNodes: expected.length, allNodes: whole.parent.length });
  assert.equal(coarse.total, whole.total);
  // Children contiguous and pointing back at their parent.
  for (let n = 0; n < coarse.parent.length; n++) {
    for (let c = coarse.firstChild[n]!; c < coarse.firstChild[n]! + coarse.childCount[n]!; c++) assert.equal(coarse.parent[c], n);
  }
});

test('small trees and comparisons are sent whole', () => {
  const whole = wholeFlame();
  assert.equal(coarseFlame(whole), whole, 'below the node count a tree is not cut');
  assert.equal(coarseFlame({ ...whole, base: whole.value }, 0, 50).coarse, undefined, 'a comparison needs every path');
});
