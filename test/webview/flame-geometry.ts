/**
 * Where a flame graph node is drawn, from the same StackTreeView the webview gets (children in
 * order, one row per depth, icicle), so a test can point the mouse at a named frame.
 */
import type { StackTreeView } from '../../src/shared/view-model';

/** Row height of the flame graph, CSS pixels. */
export const FLAME_ROW = 18;

export function nodeNamed(view: StackTreeView, name: string): number {
  for (let n = 1; n < view.frame.length; n++) if (view.frames[view.frame[n]!]?.name === name) return n;
  throw new Error(`${name.slice(0, 60)} is not in the flame tree`);
}

/** Left edge of `node` as a fraction of the width. */
export function leftOf(view: StackTreeView, node: number): number {
  if (node === 0) return 0;
  const p = view.parent[node]!;
  let x = leftOf(view, p) * view.total;
  for (let c = view.firstChild[p]!; c < node; c++) x += view.value[c]!;
  return x / view.total;
}

export function depthOf(view: StackTreeView, node: number): number {
  let d = 0;
  for (let p = node; p > 0; p = view.parent[p]!) d++;
  return d;
}

/** A point inside `node`'s bar, given the canvas box in the page's coordinates. */
export function pointInFrame(view: StackTreeView, node: number, canvas: { x: number; y: number; width: number }): { x: number; y: number } {
  const width = (view.value[node]! / view.total) * canvas.width;
  return { x: canvas.x + leftOf(view, node) * canvas.width + Math.min(width / 2, 30), y: canvas.y + depthOf(view, node) * FLAME_ROW + FLAME_ROW / 2 };
}
