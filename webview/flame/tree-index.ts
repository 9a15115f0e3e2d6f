import type { FlameGraphModel } from './model';
import { nodeName } from './model';
import { orderedTreeIndex } from './ordered-tree-index';

/**
 * Navigation and geometry derived once per model: child lists, depth and the left edge of
 * every node in value units (the root spans [0, total)).
 */
export interface TreeIndex {
  readonly count: number;
  readonly childStart: Int32Array;
  readonly childCount: Int32Array;
  /** Children of node n are `children[childStart[n] .. childStart[n] + childCount[n] - 1]`. */
  readonly children: Int32Array;
  readonly depth: Int32Array;
  readonly x: Float64Array;
  readonly maxDepth: number;
  /** Position of each node among its siblings. */
  readonly siblingIndex: Int32Array;
}

export function buildTreeIndex(model: FlameGraphModel): TreeIndex {
  return orderedTreeIndex(model) ?? anyTreeIndex(model);
}

/** The index of a tree in any node order (nodes whose parent is negative stay unreached). */
export function anyTreeIndex(model: FlameGraphModel): TreeIndex {
  const n = model.tree.parent.length;
  const childCount = new Int32Array(n);
  for (let i = 1; i < n; i++) {
    const p = model.tree.parent[i]!;
    if (p >= 0) childCount[p]!++;
  }
  const childStart = new Int32Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    childStart[i] = sum;
    sum += childCount[i]!;
  }
  const children = new Int32Array(Math.max(sum, 0));
  const fill = new Int32Array(n);
  const siblingIndex = new Int32Array(n);
  for (let i = 1; i < n; i++) {
    const p = model.tree.parent[i]!;
    if (p < 0) continue;
    const k = fill[p]!++;
    children[childStart[p]! + k] = i;
    siblingIndex[i] = k;
  }
  // Breadth-first from the root: parents get depth and x before their children.
  const depth = new Int32Array(n);
  const x = new Float64Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  let maxDepth = 0;
  if (n > 0) queue[tail++] = 0;
  while (head < tail) {
    const node = queue[head++]!;
    const d = depth[node]! + 1;
    let cx = x[node]!;
    const start = childStart[node]!;
    const end = start + childCount[node]!;
    for (let c = start; c < end; c++) {
      const child = children[c]!;
      depth[child] = d;
      x[child] = cx;
      cx += model.tree.value[child]!;
      queue[tail++] = child;
      if (d > maxDepth) maxDepth = d;
    }
  }
  return { count: n, childStart, childCount, children, depth, x, maxDepth, siblingIndex };
}

export function parentOf(model: FlameGraphModel, node: number): number {
  return node <= 0 ? -1 : model.tree.parent[node]!;
}

export function childAt(index: TreeIndex, node: number, k: number): number {
  if (k < 0 || k >= index.childCount[node]!) return -1;
  return index.children[index.childStart[node]! + k]!;
}

/** The child with the largest value, or -1. */
export function widestChild(model: FlameGraphModel, index: TreeIndex, node: number): number {
  let best = -1;
  let bestValue = -1;
  const start = index.childStart[node]!;
  const end = start + index.childCount[node]!;
  for (let c = start; c < end; c++) {
    const child = index.children[c]!;
    if (model.tree.value[child]! > bestValue) {
      bestValue = model.tree.value[child]!;
      best = child;
    }
  }
  return best;
}

/** Nodes on the path from the root to `node`, root first. */
export function pathToRoot(model: FlameGraphModel, node: number): number[] {
  const path: number[] = [];
  for (let n = node; n >= 0; n = n === 0 ? -1 : model.tree.parent[n]!) path.push(n);
  return path.reverse();
}

/** The node reached from the root by following child names; stops where a name is missing. */
export function nodeAtNamePath(model: FlameGraphModel, index: TreeIndex, names: readonly string[]): number {
  let node = 0;
  for (const name of names) {
    let next = -1;
    for (let k = 0; k < index.childCount[node]! && next < 0; k++) {
      const child = index.children[index.childStart[node]! + k]!;
      if (nodeName(model, child) === name) next = child;
    }
    if (next < 0) break;
    node = next;
  }
  return node;
}
