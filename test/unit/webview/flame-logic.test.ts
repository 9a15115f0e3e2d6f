/**
 * The flame graph's DOM-free parts in plain Node: tree index, pruned layout with merged
 * sub-pixel runs, search without double counting, colours, history, keyboard moves.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FlameGraphModel } from '../../../webview/flame/model';
import { buildTreeIndex, pathToRoot } from '../../../webview/flame/tree-index';
import { FrameRects, layoutFrames } from '../../../webview/flame/layout';
import { searchFlame } from '../../../webview/flame/search';
import { makePalette, packageOf } from '../../../webview/flame/palette';
import { ZoomHistory } from '../../../webview/flame/history';
import { arrowTarget } from '../../../webview/flame/navigation';
import { LabelFitter, shortName } from '../../../webview/flame/labels';
import { ViewWindow } from '../../../webview/flame/view-window';

/** root 100 -> a 60 (-> b 30, c 20), d 40 (-> a 25 -> b 25). Frames: a b c d. */
function sample(): FlameGraphModel {
  const frames = ['a', 'b', 'c', 'd'].map((name) => ({ name, file: `${name}.go`, line: 0, startLine: 1 }));
  return {
    unit: 'nanoseconds',
    tree: {
      frames,
      //          0   1  2  3  4  5  6
      parent: [-1, 0, 0, 1, 1, 2, 5],
      frame: [-1, 0, 3, 1, 2, 0, 1],
      value: [100, 60, 40, 30, 20, 25, 25],
      self: [0, 10, 15, 30, 20, 0, 25],
    },
  };
}

test('tree index: depth, left edges, children in order', () => {
  const model = sample();
  const index = buildTreeIndex(model);
  assert.deepEqual([...index.depth], [0, 1, 1, 2, 2, 2, 3]);
  assert.deepEqual([...index.x], [0, 0, 60, 0, 30, 60, 60]);
  assert.equal(index.maxDepth, 3);
  assert.deepEqual(pathToRoot(model, 6), [0, 2, 5, 6]);
});

test('layout keeps what is wide enough, merges sub-pixel siblings, skips what is off screen', () => {
  const model = sample();
  const index = buildTreeIndex(model);
  const rects = new FrameRects();
  layoutFrames(model, index, { x0: 0, x1: 100, widthPx: 100, maxDepth: 10 }, rects);
  assert.equal(rects.count, 7);
  // Zoomed into d (x 60..100): a's subtree is off screen.
  layoutFrames(model, index, { x0: 60, x1: 100, widthPx: 400, maxDepth: 10 }, rects);
  const nodes = Array.from(rects.node.subarray(0, rects.count)).sort();
  assert.deepEqual(nodes, [0, 2, 5, 6]);
  assert.equal(rects.width[rects.findNode(2)], 400);
  // Rows below maxDepth are not laid out.
  layoutFrames(model, index, { x0: 0, x1: 100, widthPx: 100, maxDepth: 1 }, rects);
  assert.equal(rects.count, 3);

  // 100 children of 10 each on 50 px: one merged block standing for all of them.
  const n = 101;
  const wide: FlameGraphModel = {
    unit: 'count',
    tree: {
      frames: [{ name: 'f', file: '', line: 0 }],
      parent: Int32Array.from({ length: n }, (_, i) => (i === 0 ? -1 : 0)),
      frame: Int32Array.from({ length: n }, (_, i) => (i === 0 ? -1 : 0)),
      value: Float64Array.from({ length: n }, (_, i) => (i === 0 ? 1000 : 10)),
      self: new Float64Array(n),
    },
  };
  layoutFrames(wide, buildTreeIndex(wide), { x0: 0, x1: 1000, widthPx: 50, maxDepth: 5 }, rects);
  assert.equal(rects.count, 2);
  assert.equal(rects.node[1], -100);
  assert.equal(rects.value[1], 1000);
  assert.ok(Math.abs(rects.width[1]! - 50) < 1e-9);
});

test('search counts each matched stack once, however many frames match in it', () => {
  const model = sample();
  const index = buildTreeIndex(model);
  assert.equal(searchFlame(model, index, /^a$/).matchedValue, 85);
  assert.equal(searchFlame(model, index, /^(a|b)$/).matchedValue, 85);
  assert.equal(searchFlame(model, index, /^b$/).matchedValue, 55);
  assert.equal(searchFlame(model, index, /^[ad]$/).matchedValue, 100);
  const all = searchFlame(model, index, /^(a|b)$/);
  assert.deepEqual([...all.nodes], [1, 3, 5, 6], 'depth-first, left to right');
  assert.equal(searchFlame(model, index, /zzz/).matchedValue, 0);
  assert.equal(searchFlame(model, index, /a/g).matchedValue, 85, 'a global flag does not make matches alternate');
});

test('colours: one hue per Go package, stable, two bands for light and dark', () => {
  assert.equal(packageOf('github.com/a/b.(*T).M'), 'github.com/a/b');
  assert.equal(packageOf('main.next'), 'main');
  assert.equal(packageOf('runtime.gcBgMarkWorker.func1'), 'runtime');
  assert.equal(packageOf('example.com/x.F[go.shape.int]'), 'example.com/x');
  assert.equal(packageOf('__libc_start_main'), '__libc_start_main');
  const light = makePalette('light');
  const dark = makePalette('dark');
  const hue = (fill: string): string => fill.split(' ')[0]!;
  assert.equal(hue(light.frameFill('runtime.mallocgc')), hue(light.frameFill('runtime.futex')));
  assert.equal(light.frameFill('main.f'), makePalette('light').frameFill('main.f'));
  assert.notEqual(light.frameFill('main.f'), dark.frameFill('main.f'));
});

test('history behaves like a browser', () => {
  const h = new ZoomHistory();
  h.push(3);
  h.push(5);
  assert.equal(h.back(), 3);
  assert.equal(h.back(), 0);
  assert.equal(h.canGoBack, false);
  assert.equal(h.forward(), 3);
  h.push(7);
  assert.equal(h.canGoForward, false, 'a new zoom drops the forward entries');
  assert.equal(h.back(), 3);
});

test('arrow keys: parent, widest child, siblings; flipped vertically in flame orientation', () => {
  const model = sample();
  const index = buildTreeIndex(model);
  assert.equal(arrowTarget(model, index, 0, 'ArrowDown', 'icicle'), 1);
  assert.equal(arrowTarget(model, index, 1, 'ArrowUp', 'icicle'), 0);
  assert.equal(arrowTarget(model, index, 1, 'ArrowRight', 'icicle'), 2);
  assert.equal(arrowTarget(model, index, 2, 'ArrowRight', 'icicle'), -1);
  assert.equal(arrowTarget(model, index, 0, 'ArrowUp', 'flame'), 1);
  assert.equal(arrowTarget(model, index, 1, 'ArrowDown', 'flame'), 0);
});

test('labels drop the package path first, then the tail', () => {
  const measure = { measureText: (t: string) => ({ width: t.length * 7 }) };
  const fitter = new LabelFitter();
  fitter.setFont(measure, '12px x');
  assert.equal(shortName('github.com/a/b.(*T).M'), 'b.(*T).M');
  assert.equal(fitter.fit(measure, 'github.com/a/b.(*T).M', 1000), 'github.com/a/b.(*T).M');
  assert.equal(fitter.fit(measure, 'github.com/a/b.(*T).M', 60), 'b.(*T).M');
  assert.equal(fitter.fit(measure, 'github.com/a/b.(*T).M', 40), 'b.(*…');
  assert.equal(fitter.fit(measure, 'github.com/a/b.(*T).M', 10), '');
});

test('view window: clamped to the root, zooms around a point, animates to its target', () => {
  const w = new ViewWindow(100);
  w.reset(1000);
  assert.deepEqual([w.x0, w.x1], [0, 1000]);
  w.setClamped(-50, 150, 1000);
  assert.deepEqual([w.x0, w.x1], [0, 200], 'kept inside the root, width kept');
  w.setClamped(900, 2000, 1000);
  assert.deepEqual([w.x0, w.x1], [0, 1000], 'never wider than the root');
  w.setClamped(100, 300, 1000);
  w.zoomAround(200, 0.5, 1000);
  assert.deepEqual([w.x0, w.x1], [150, 250], 'the point under the pointer stays put');
  w.moveTo(0, 1000, true, 0);
  assert.equal(w.step(50), true);
  assert.ok(w.x0 < 150 && w.x0 > 0, 'half way there');
  assert.equal(w.step(100), false);
  assert.deepEqual([w.x0, w.x1], [0, 1000]);
  assert.deepEqual(w.zoomIntoRun(100, 900, 500, 0.5), [437.5, 562.5], '8x narrower, centred on the click');
  assert.deepEqual(w.zoomIntoRun(100, 120, 110, 0.5), [100, 120], 'never wider than the run');
});
