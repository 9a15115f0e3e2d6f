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

/**
 * How wide each node is drawn, in value units: its value, or in a comparison (drawn base +
 * current) that plus its base value.
 */
export type NodeWidth = (node: number) => number;

function valueWidth(view: StackTreeView): NodeWidth {
  return (node) => view.value[node]!;
}

/** Left edge of `node` as a fraction of the width. */
export function leftOf(view: StackTreeView, node: number, width: NodeWidth = valueWidth(view)): number {
  let x = 0;
  for (let n = node; n > 0; n = view.parent[n]!) {
    const p = view.parent[n]!;
    for (let c = view.firstChild[p]!; c < n; c++) x += width(c);
  }
  return x / width(0);
}

export function depthOf(view: StackTreeView, node: number): number {
  let d = 0;
  for (let p = node; p > 0; p = view.parent[p]!) d++;
  return d;
}

/** A point inside `node`'s bar (clear of its label's end), given the canvas box in the page's coordinates. */
export function pointInFrame(
  view: StackTreeView,
  node: number,
  canvas: { x: number; y: number; width: number },
  width: NodeWidth = valueWidth(view),
): { x: number; y: number } {
  const px = (width(node) / width(0)) * canvas.width;
  return { x: canvas.x + leftOf(view, node, width) * canvas.width + Math.min(px / 2, 30), y: canvas.y + depthOf(view, node) * FLAME_ROW + FLAME_ROW / 2 };
}
