/**
 * The flame graph's tree index: the one-pass path for trees ordered by parent (the stack trie's
 * layout) gives exactly what the breadth-first walk over any order gives, on hand-made trees and
 * on a real profile's whole flame tree; a tree in another order takes the walk.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { WorkerHandlers } from '../../../src/worker/worker-handlers';
import type { FlameGraphModel, FlameTreeData } from '../../../webview/flame/model';
import { anyTreeIndex, buildTreeIndex, type TreeIndex } from '../../../webview/flame/tree-index';
import { orderedTreeIndex, orderedTreeIndexInSlices } from '../../../webview/flame/ordered-tree-index';

function model(parent: number[], value: number[]): FlameGraphModel {
  const frames = [{ name: 'f', file: 'f.go', line: 0, startLine: 1 }];
  const tree: FlameTreeData = { frames, parent, frame: parent.map((p) => (p < 0 ? -1 : 0)), value, self: value.map(() => 0) };
  return { unit: 'count', tree };
}

function plain(index: TreeIndex): Record<string, unknown> {
  const { count, maxDepth, ...arrays } = index;
  return { count, maxDepth, ...Object.fromEntries(Object.entries(arrays).map(([k, a]) => [k, Array.from(a as ArrayLike<number>)])) };
}

/** The worker's whole flame tree of google/pprof's large.cpu (about 425,000 nodes, in the stack trie's layout). */
function largeCpuTree(): FlameGraphModel {
  const bytes = readFileSync(new URL('../../fixtures/profiles/large.cpu.pb.gz', import.meta.url));
  const h = new WorkerHandlers(1 << 30); // the whole tree in one answer
  assert.ok(h.answer({ kind: 'request', id: 1, method: 'open', params: { bytes, source: 'large.cpu', maxInflatedBytes: 1e9 } }).ok);
  const whole = h.answer({ kind: 'request', id: 2, method: 'flameWhole', params: { sampleIndex: 1 } });
  if (!whole.ok || whole.method !== 'flameWhole') throw new Error('no whole tree');
  return { unit: whole.result.unit, tree: whole.result };
}

test('ordered by parent, with leaves between parents: the values worked out by hand', () => {
  // root 10 -> 1 (6) -> 3 (4), 4 (2); 2 (4) -> 5 (4); node 3 a leaf before node 4.
  const m = model([-1, 0, 0, 1, 1, 2], [10, 6, 4, 4, 2, 4]);
  assert.ok(orderedTreeIndex(m), 'the one pass takes it');
  const index = buildTreeIndex(m);
  assert.deepEqual(plain(index), {
    count: 6,
    maxDepth: 2,
    childStart: [0, 2, 4, 5, 5, 5],
    childCount: [2, 2, 1, 0, 0, 0],
    children: [1, 2, 3, 4, 5],
    depth: [0, 1, 1, 2, 2, 2],
    x: [0, 0, 6, 0, 4, 6],
    siblingIndex: [0, 0, 1, 0, 1, 0],
  });
  assert.deepEqual(plain(index), plain(anyTreeIndex(m)));
});

test('not ordered by parent: the breadth-first walk decides, children in node order', () => {
  // Node 3 is the root's child after node 2, a child of node 1: children are not contiguous.
  const m = model([-1, 0, 1, 0], [10, 6, 6, 4]);
  assert.equal(orderedTreeIndex(m), undefined);
  const index = buildTreeIndex(m);
  assert.deepEqual(plain(index), plain(anyTreeIndex(m)));
  assert.deepEqual(Array.from(index.children), [1, 3, 2]);
  assert.deepEqual(Array.from(index.x), [0, 0, 0, 6]);
  assert.deepEqual(Array.from(index.depth), [0, 1, 2, 1]);
});

test('a real profile\'s whole flame tree: the one pass equals the walk field by field', () => {
  const m = largeCpuTree();
  assert.ok(m.tree.parent.length > 100_000, `a big tree (${m.tree.parent.length} nodes)`);
  const ordered = orderedTreeIndex(m);
  assert.ok(ordered, 'the stack trie\'s layout takes the one pass');
  assert.deepEqual(plain(ordered), plain(anyTreeIndex(m)));
});

test('in slices: the same index, a pause between slices, and a pause that says stop gives up', async () => {
  const m = largeCpuTree();
  let pauses = 0;
  const sliced = await orderedTreeIndexInSlices(m, () => Promise.resolve(++pauses > 0));
  assert.ok(sliced);
  assert.deepEqual(plain(sliced), plain(anyTreeIndex(m)));
  // 2^18 nodes a slice: a pause after every slice but the last.
  assert.equal(pauses, Math.ceil((m.tree.parent.length - 1) / (1 << 18)) - 1);
  assert.ok(pauses >= 1, `${m.tree.parent.length} nodes make more than one slice`);
  assert.equal(await orderedTreeIndexInSlices(m, () => Promise.resolve(false)), undefined);
  assert.equal(await orderedTreeIndexInSlices(model([-1, 0, 1, 0], [10, 6, 6, 4]), () => Promise.resolve(true)), undefined);
});
