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
import { BreadthFirstTrie } from './stack-trie-nodes';

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
  const full = buildBreadthFirst(stacks, options.direction === 'leaf-first');
  const minValue = Math.abs(full.value[0]!) * (options.minFraction ?? 0);
  return minValue > 0 ? pruned(full, stacks.frames, minValue) : { ...full, frames: stacks.frames, droppedNodes: 0 };
}

export type TrieArrays = Omit<StackTrie, 'frames' | 'droppedNodes'>;

/**
 * The trie of the stacks' name-rank sequences, built breadth first like an MSD radix sort:
 * each node owns the run of stacks through it (in `perm`), which it splits by their next rank
 * into its children, created in rank order. Work is proportional to the total length of the
 * stacks, with no comparison sort of whole stacks and no hash lookups.
 */
function buildBreadthFirst(stacks: Stacks, leafFirst: boolean): TrieArrays {
  const { rank, representative } = frameNameRanks(stacks.frames);
  const { stackStart, stackFrames, values } = stacks;
  const stackCount = stacks.count;
  let perm = new Int32Array(stackCount);
  let m = 0;
  let total = 0;
  for (let s = 0; s < stackCount; s++) {
    if (values[s] === 0) continue;
    perm[m++] = s;
    total += values[s]!;
  }
  perm = perm.subarray(0, m);
  /** Parallel to perm: the stack's value (so a node reads its run sequentially). */
  const pv = new Float64Array(m);
  for (let i = 0; i < m; i++) pv[i] = values[perm[i]!]!;
  const scratch = new Int32Array(m);
  const scratchValues = new Float64Array(m);
  // The rank of each stack at the current depth (-1 once it has ended),
  // refreshed per level from the stacks still alive: reading the frames at a random stack for every
  // node would miss the cache each time.
  const column = new Int32Array(stackCount);
  const alive = perm.slice();
  let aliveCount = m;
  let level = -1;
  const ranks = representative.length;
  const counts = new Int32Array(ranks);
  const sums = new Float64Array(ranks);
  const cursor = new Int32Array(ranks);
  const distinct = new Int32Array(ranks);
  const t = new BreadthFirstTrie(Math.max(16, m));
  t.add(-1, -1, 0, total, 0, m);
  for (let n = 0; n < t.count; n++) {
    const lo = t.lo[n]!;
    const hi = t.hi[n]!;
    const d = t.depth[n]!;
    if (d !== level) {
      level = d;
      let w = 0;
      for (let j = 0; j < aliveCount; j++) {
        const s = alive[j]!;
        const start = stackStart[s]!;
        const end = stackStart[s + 1]!;
        if (d < end - start) {
          column[s] = rank[stackFrames[leafFirst ? start + d : end - 1 - d]!]!;
          alive[w++] = s;
        } else {
          column[s] = -1;
        }
      }
      aliveCount = w;
    }
    let self = 0;
    let ending = 0;
    let nk = 0;
    for (let i = lo; i < hi; i++) {
      const k = column[perm[i]!]!;
      if (k < 0) {
        self += pv[i]!;
        ending++;
        continue;
      }
      if (counts[k] === 0) distinct[nk++] = k;
      counts[k]!++;
      sums[k]! += pv[i]!;
    }
    t.self[n] = self;
    t.firstChild[n] = t.count;
    const keys = distinct.subarray(0, nk);
    if (nk > 1) keys.sort();
    let pos = lo + ending;
    for (let j = 0; j < nk; j++) {
      const k = keys[j]!;
      cursor[k] = pos;
      t.add(n, representative[k]!, d + 1, sums[k]!, pos, pos + counts[k]!);
      pos += counts[k]!;
      counts[k] = 0;
      sums[k] = 0;
    }
    t.childCount[n] = t.count - t.firstChild[n]!;
    if (nk === 0) continue;
    let e = lo;
    for (let i = lo; i < hi; i++) {
      const s = perm[i]!;
      const k = column[s]!;
      const to = k < 0 ? e++ : cursor[k]!++;
      scratch[to] = s;
      scratchValues[to] = pv[i]!;
    }
    for (let i = lo; i < pos; i++) {
      perm[i] = scratch[i]!;
      pv[i] = scratchValues[i]!;
    }
  }
  return t.finish(total);
}

/** The trie without the nodes (and their subtrees) whose |value| is below minValue; same layout rules. */
function pruned(full: TrieArrays, frames: readonly Frame[], minValue: number): StackTrie {
  const capacity = full.count;
  const frame = new Int32Array(capacity);
  const parent = new Int32Array(capacity);
  const depth = new Int32Array(capacity);
  const value = new Float64Array(capacity);
  const self = new Float64Array(capacity);
  const firstChild = new Int32Array(capacity);
  const childCount = new Int32Array(capacity);
  const source = new Int32Array(capacity); // new id -> full id

  let count = 1;
  source[0] = 0;
  frame[0] = -1;
  parent[0] = -1;
  value[0] = full.value[0]!;
  self[0] = full.self[0]!;
  for (let n = 0; n < count; n++) {
    const from = source[n]!;
    firstChild[n] = count;
    const first = full.firstChild[from]!;
    const last = first + full.childCount[from]!;
    for (let c = first; c < last; c++) {
      const v = full.value[c]!;
      if (Math.abs(v) < minValue) continue;
      source[count] = c;
      frame[count] = full.frame[c]!;
      parent[count] = n;
      depth[count] = full.depth[c]!;
      value[count] = v;
      self[count] = full.self[c]!;
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
    total: full.value[0]!,
    droppedNodes: capacity - count,
  };
}
