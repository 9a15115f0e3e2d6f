/**
 * The tree index of a tree whose nodes are ordered by parent (every node after its parent,
 * each node's children contiguous and in order), as the stack trie lays its trees out: one
 * pass, the children list being the nodes themselves — about half the breadth-first walk's
 * time on a big profile's whole tree — and resumable, so millions of nodes can be indexed in
 * slices between frames instead of in one long task.
 */
import type { FlameGraphModel } from './model';
import type { TreeIndex } from './tree-index';

export class OrderedTreeIndexBuilder {
  private readonly n: number;
  private readonly childCount: Int32Array;
  private readonly childStart: Int32Array;
  private readonly depth: Int32Array;
  private readonly x: Float64Array;
  private readonly siblingIndex: Int32Array;
  private maxDepth = 0;
  private previousParent = 0;
  /** The next node to index. */
  private next = 1;

  constructor(private readonly model: FlameGraphModel) {
    const n = (this.n = model.tree.parent.length);
    this.childCount = new Int32Array(n);
    this.childStart = new Int32Array(n);
    this.depth = new Int32Array(n);
    this.x = new Float64Array(n);
    this.siblingIndex = new Int32Array(n);
  }

  /** True when every node is indexed. */
  get done(): boolean {
    return this.next >= this.n;
  }

  /** Indexes the next nodes, up to `count` of them; false when the tree is not ordered by parent. */
  advance(count: number): boolean {
    const { parent, value } = this.model.tree;
    const { childCount, childStart, depth, x, siblingIndex } = this;
    const end = Math.min(this.n, this.next + count);
    let previousParent = this.previousParent;
    let maxDepth = this.maxDepth;
    for (let i = this.next; i < end; i++) {
      const p = parent[i]!;
      if (p < previousParent || p >= i) return false;
      if (childCount[p] === 0) {
        // The first child of p: its children start here in the list of nodes 1 .. n - 1.
        childStart[p] = i - 1;
        x[i] = x[p]!;
      } else {
        if (p !== previousParent) return false;
        siblingIndex[i] = siblingIndex[i - 1]! + 1;
        x[i] = x[i - 1]! + value[i - 1]!;
      }
      childCount[p]!++;
      const d = depth[p]! + 1;
      depth[i] = d;
      if (d > maxDepth) maxDepth = d;
      previousParent = p;
    }
    this.next = end;
    this.previousParent = previousParent;
    this.maxDepth = maxDepth;
    return true;
  }

  /** The index, once `done`. */
  finish(): TreeIndex {
    const { n, childCount, childStart } = this;
    // A node without children starts where the walk's prefix sums put it: after the children
    // of every node before it.
    for (let i = 0, next = 0; i < n; i++) {
      if (childCount[i] === 0) childStart[i] = next;
      else next = childStart[i]! + childCount[i]!;
    }
    const children = new Int32Array(Math.max(n - 1, 0));
    for (let i = 0; i < n - 1; i++) children[i] = i + 1;
    return { count: n, childStart, childCount, children, depth: this.depth, x: this.x, maxDepth: this.maxDepth, siblingIndex: this.siblingIndex };
  }
}

/** The index at once, or undefined when the tree is not ordered by parent (or empty). */
export function orderedTreeIndex(model: FlameGraphModel): TreeIndex | undefined {
  if (model.tree.parent.length === 0) return undefined;
  const builder = new OrderedTreeIndexBuilder(model);
  return builder.advance(model.tree.parent.length) ? builder.finish() : undefined;
}

/** Nodes indexed per slice: a few milliseconds of work. */
const SLICE_NODES = 1 << 18;

/**
 * The index built in slices, `pause()` between them (it resolves false to give up: undefined).
 * A tree not ordered by parent is left to the caller (undefined too), as is an empty one.
 */
export async function orderedTreeIndexInSlices(model: FlameGraphModel, pause: () => Promise<boolean>): Promise<TreeIndex | undefined> {
  if (model.tree.parent.length === 0) return undefined;
  const builder = new OrderedTreeIndexBuilder(model);
  while (!builder.done) {
    if (!builder.advance(SLICE_NODES)) return undefined;
    if (!builder.done && !(await pause())) return undefined;
  }
  return builder.finish();
}
