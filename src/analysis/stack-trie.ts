/**
 * Merges the stacks of a report into a tree of paths (a trie), root first (call tree, flame
 * graph) or leaf first (callers tree). Frames with the same printable name merge, as in pprof.
 *
 * Built from the distinct stacks sorted by their name sequence: consecutive stacks share a
 * prefix, so each stack only creates the nodes past that prefix (no per-node hash lookups).
 * The result is laid out breadth first so that the children of a node are contiguous and
 * sorted by name; everything is in typed arrays, cheap to transfer to a worker or webview.
 */
import type { Frame, Stacks } from './stacks';
import { compareBytes } from './top';

export type StackDirection = 'root-first' | 'leaf-first';

export interface StackTrie {
  /** The frame table of the stacks; `frame` below indexes it (-1 for the synthetic root). */
  readonly frames: readonly Frame[];
  /** Number of nodes; node 0 is the synthetic root holding every stack. */
  readonly count: number;
  readonly frame: Int32Array;
  /** Parent node, -1 for the root. */
  readonly parent: Int32Array;
  /** 0 for the root, 1 for its children, ... */
  readonly depth: Int32Array;
  /** Sum of the values of the stacks through the node (cum). */
  readonly value: Float64Array;
  /** Sum of the values of the stacks ending at the node (flat). */
  readonly self: Float64Array;
  /** Children of n are firstChild[n] .. firstChild[n] + childCount[n] - 1, sorted by name. */
  readonly firstChild: Int32Array;
  readonly childCount: Int32Array;
  /** The root's value: the sum of all stack values. */
  readonly total: number;
  /** Nodes left out because their |value| was below the requested minimum. */
  readonly droppedNodes: number;
}

export interface StackTrieOptions {
  readonly direction?: StackDirection;
  /** Leave out nodes (and their subtrees) whose |value| is below this fraction of |total|. */
  readonly minFraction?: number;
}

/** rank[f]: position of frame f's name in sorted order (equal names share a rank). */
export function frameNameRanks(frames: readonly Frame[]): { rank: Int32Array; representative: Int32Array } {
  const order = Array.from({ length: frames.length }, (_, i) => i);
  order.sort((a, b) => compareBytes(frames[a]!.name, frames[b]!.name) || a - b);
  const rank = new Int32Array(frames.length);
  const representative: number[] = [];
  let previous: string | undefined;
  for (const f of order) {
    const name = frames[f]!.name;
    if (name !== previous) {
      representative.push(f);
      previous = name;
    }
    rank[f] = representative.length - 1;
  }
  return { rank, representative: Int32Array.from(representative) };
}


export function buildStackTrie(stacks: Stacks, options: StackTrieOptions = {}): StackTrie {
  const leafFirst = options.direction === 'leaf-first';
  const { rank, representative } = frameNameRanks(stacks.frames);
  const { stackStart, stackFrames, values } = stacks;

  // Each stack as a sequence of name ranks in the requested direction, in one flat array.
  const seqStart = new Int32Array(stacks.count + 1);
  const seq = new Int32Array(stackFrames.length);
  for (let s = 0; s < stacks.count; s++) {
    const start = stackStart[s]!;
    const end = stackStart[s + 1]!;
    let o = start;
    seqStart[s] = start;
    if (leafFirst) for (let i = start; i < end; i++) seq[o++] = rank[stackFrames[i]!]!;
    else for (let i = end - 1; i >= start; i--) seq[o++] = rank[stackFrames[i]!]!;
  }
  seqStart[stacks.count] = stackFrames.length;

  const order: number[] = [];
  for (let s = 0; s < stacks.count; s++) if (values[s] !== 0) order.push(s);
  order.sort((a, b) => compareSequences(seq, seqStart, a, b));

  // Pre-order construction with sibling links; children come in name order.
  const pre = new GrowableTrie();
  const root = pre.add(-1, -1, 0);
  const path: number[] = [];
  const pathRank: number[] = [];
  for (const s of order) {
    const start = seqStart[s]!;
    const length = seqStart[s + 1]! - start;
    let common = 0;
    while (common < length && common < pathRank.length && pathRank[common] === seq[start + common]) common++;
    path.length = common;
    pathRank.length = common;
    for (let d = common; d < length; d++) {
      const r = seq[start + d]!;
      path.push(pre.add(d === 0 ? root : path[d - 1]!, r, d + 1));
      pathRank.push(r);
    }
    const w = values[s]!;
    pre.value[root]! += w;
    for (const n of path) pre.value[n]! += w;
    pre.self[length === 0 ? root : path[length - 1]!]! += w;
  }
  return layOutBreadthFirst(pre, stacks.frames, representative, options.minFraction ?? 0);
}

function compareSequences(seq: Int32Array, seqStart: Int32Array, a: number, b: number): number {
  const aStart = seqStart[a]!;
  const bStart = seqStart[b]!;
  const aLength = seqStart[a + 1]! - aStart;
  const bLength = seqStart[b + 1]! - bStart;
  const n = Math.min(aLength, bLength);
  for (let i = 0; i < n; i++) {
    const d = seq[aStart + i]! - seq[bStart + i]!;
    if (d !== 0) return d;
  }
  return aLength - bLength;
}

/** The trie in creation (pre-)order, with first-child / next-sibling links. */
class GrowableTrie {
  count = 0;
  rank: Int32Array = new Int32Array(1024);
  parent: Int32Array = new Int32Array(1024);
  depth: Int32Array = new Int32Array(1024);
  value: Float64Array = new Float64Array(1024);
  self: Float64Array = new Float64Array(1024);
  firstChild: Int32Array = new Int32Array(1024);
  lastChild: Int32Array = new Int32Array(1024);
  nextSibling: Int32Array = new Int32Array(1024);

  add(parent: number, rank: number, depth: number): number {
    if (this.count === this.rank.length) this.grow();
    const n = this.count++;
    this.rank[n] = rank;
    this.parent[n] = parent;
    this.depth[n] = depth;
    this.firstChild[n] = -1;
    this.lastChild[n] = -1;
    this.nextSibling[n] = -1;
    if (parent >= 0) {
      const last = this.lastChild[parent]!;
      if (last < 0) this.firstChild[parent] = n;
      else this.nextSibling[last] = n;
      this.lastChild[parent] = n;
    }
    return n;
  }

  private grow(): void {
    const size = this.rank.length * 2;
    const i32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    const f64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.rank = i32(this.rank);
    this.parent = i32(this.parent);
    this.depth = i32(this.depth);
    this.value = f64(this.value);
    this.self = f64(this.self);
    this.firstChild = i32(this.firstChild);
    this.lastChild = i32(this.lastChild);
    this.nextSibling = i32(this.nextSibling);
  }
}

function layOutBreadthFirst(
  pre: GrowableTrie,
  frames: readonly Frame[],
  representative: Int32Array,
  minFraction: number,
): StackTrie {
  const total = pre.value[0]!;
  const minValue = Math.abs(total) * minFraction;
  const capacity = pre.count;
  const frame = new Int32Array(capacity);
  const parent = new Int32Array(capacity);
  const depth = new Int32Array(capacity);
  const value = new Float64Array(capacity);
  const self = new Float64Array(capacity);
  const firstChild = new Int32Array(capacity);
  const childCount = new Int32Array(capacity);
  const source = new Int32Array(capacity); // new id -> pre-order id

  let count = 1;
  source[0] = 0;
  frame[0] = -1;
  parent[0] = -1;
  value[0] = total;
  self[0] = pre.self[0]!;
  for (let n = 0; n < count; n++) {
    const from = source[n]!;
    firstChild[n] = count;
    for (let c = pre.firstChild[from]!; c >= 0; c = pre.nextSibling[c]!) {
      const v = pre.value[c]!;
      if (minValue > 0 && Math.abs(v) < minValue) continue;
      source[count] = c;
      frame[count] = representative[pre.rank[c]!]!;
      parent[count] = n;
      depth[count] = pre.depth[c]!;
      value[count] = v;
      self[count] = pre.self[c]!;
      count++;
    }
    childCount[n] = count - firstChild[n]!;
  }
  return {
    frames,
    count,
    frame: frame.slice(0, count),
    parent: parent.slice(0, count),
    depth: depth.slice(0, count),
    value: value.slice(0, count),
    self: self.slice(0, count),
    firstChild: firstChild.slice(0, count),
    childCount: childCount.slice(0, count),
    total,
    droppedNodes: capacity - count,
  };
}
