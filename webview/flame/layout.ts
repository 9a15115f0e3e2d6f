import type { FlameGraphModel } from './model';
import type { TreeIndex } from './tree-index';

/** Narrower than this (CSS pixels) a frame is not drawn on its own. */
export const MIN_FRAME_PX = 1;

/** The horizontal window shown, in value units, and the canvas size in CSS pixels. */
export interface Viewport {
  readonly x0: number;
  readonly x1: number;
  readonly widthPx: number;
  /** Rows deeper than this are not laid out (below the visible area). */
  readonly maxDepth: number;
}

/**
 * The frames to draw for one viewport. A rect with a negative node stands for a run of
 * -node adjacent siblings, each narrower than a pixel, merged into one grey block.
 */
export class FrameRects {
  count = 0;
  node = new Int32Array(1024);
  depth = new Int32Array(1024);
  left = new Float64Array(1024);
  width = new Float64Array(1024);
  /** The node's value, or the sum of the merged siblings' values. */
  value = new Float64Array(1024);

  reset(): void {
    this.count = 0;
  }

  push(node: number, depth: number, left: number, width: number, value: number): void {
    if (this.count === this.node.length) this.grow();
    const i = this.count++;
    this.value[i] = value;
    this.node[i] = node;
    this.depth[i] = depth;
    this.left[i] = left;
    this.width[i] = width;
  }

  /** Index of the rect at (px, depth), or -1. */
  hit(px: number, depth: number): number {
    for (let i = 0; i < this.count; i++) {
      if (this.depth[i] === depth && px >= this.left[i]! && px < this.left[i]! + this.width[i]!) return i;
    }
    return -1;
  }

  findNode(node: number): number {
    for (let i = 0; i < this.count; i++) if (this.node[i] === node) return i;
    return -1;
  }

  private grow(): void {
    const size = this.node.length * 2;
    const node = new Int32Array(size);
    node.set(this.node);
    const depth = new Int32Array(size);
    depth.set(this.depth);
    const left = new Float64Array(size);
    left.set(this.left);
    const width = new Float64Array(size);
    width.set(this.width);
    const value = new Float64Array(size);
    value.set(this.value);
    this.value = value;
    this.node = node;
    this.depth = depth;
    this.left = left;
    this.width = width;
  }
}

/**
 * Lays out the frames visible in `view`: a depth-first walk that skips subtrees outside the
 * window or narrower than a pixel, so its cost follows what is on screen, not the tree size.
 */
export function layoutFrames(model: FlameGraphModel, index: TreeIndex, view: Viewport, out: FrameRects): void {
  out.reset();
  if (index.count === 0) return;
  const scale = view.widthPx / (view.x1 - view.x0);
  const stack: number[] = [0];
  const rootWidth = model.tree.value[0]! * scale;
  if (rootWidth <= 0) return;
  out.push(0, 0, (0 - view.x0) * scale, rootWidth, model.tree.value[0]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    const d = index.depth[node]! + 1;
    if (d > view.maxDepth) continue;
    const start = index.childStart[node]!;
    const end = start + index.childCount[node]!;
    let runLeft = 0;
    let runWidth = 0;
    let runCount = 0;
    let runValue = 0;
    for (let c = start; c < end; c++) {
      const child = index.children[c]!;
      const left = (index.x[child]! - view.x0) * scale;
      const width = model.tree.value[child]! * scale;
      const right = left + width;
      if (right <= 0 || left >= view.widthPx) {
        if (left >= view.widthPx) break;
        continue;
      }
      if (width < MIN_FRAME_PX) {
        if (runCount === 0) runLeft = left;
        runWidth += width;
        runCount++;
        runValue += model.tree.value[child]!;
        continue;
      }
      if (runWidth >= MIN_FRAME_PX) out.push(-runCount, d, runLeft, runWidth, runValue);
      runWidth = 0;
      runCount = 0;
      runValue = 0;
      out.push(child, d, left, width, model.tree.value[child]!);
      if (index.childCount[child]! > 0) stack.push(child);
    }
    if (runWidth >= MIN_FRAME_PX) out.push(-runCount, d, runLeft, runWidth, runValue);
  }
}
