/**
 * The wide trie of a big profile's first flame: only the nodes at least |total| / parts wide
 * (their subtrees are never built, so it costs a fraction of the whole trie), built level by
 * level over the stacks in their own order. Each stack remembers the (node, frame name rank)
 * pair it went to at the level before; a level reads each stack's next frame and adds its value
 * to its new pair, in a small table. Every per-stack array is read in stack order, in one pass
 * a level (a radix split as buildStackTrie's reads each stack at random every level, which cost
 * most of a big profile's first flame). The nodes, their breadth-first numbering and every value
 * are those of the whole trie (buildStackTrie) cut to its wide nodes: a node's children are
 * created in rank order, parents in order, and each node's values are added in stack order.
 */
import type { Frame } from './frames';
import type { Stacks } from './stacks';
import { frameNameRanks, type StackTrie, type TrieArrays } from './stack-trie';
import { BreadthFirstTrie } from './stack-trie-nodes';
import { grown } from '../pprof/growable';

export type WideTrie = StackTrie & { readonly cut: boolean };

/** Most depths a walk asks a source to read ahead (see WideStacks.beginLevel). */
const MAX_AHEAD = 8;

/** Stacks as the wide trie reads them: one frame at a time, root first. */
export interface WideStacks {
  readonly count: number;
  /** Per stack its value (0: left out). */
  readonly values: Float64Array;
  /** Called once, before rankAt: the name rank of each frame. */
  useRanks(rank: Int32Array): void;
  /**
   * Called at each depth d = 0, 1, 2, ... in turn (but those walked by rootGroups), with the
   * stacks that reach it, before rankAt; `ahead`: how many depths from d the walk expects to
   * need (a source may read that many at once).
   */
  beginLevel(d: number, alive: Int32Array, aliveCount: number, ahead: number): void;
  /** The rank of stack s's frame at depth d from the root, or -1 past its end. */
  rankAt(s: number, d: number): number;
  /**
   * Optional, called first, in place of beginLevel(0) when it returns groups: the stacks of
   * `alive` grouped by their frames at the first depths, when they fall into few groups (then
   * those depths are walked once per group instead of once per stack). Only for stacks whose
   * values add up exactly in any order.
   */
  rootGroups?(alive: Int32Array, aliveCount: number): RootGroups | undefined;
}

/** Stacks grouped by their frames at depths 0 .. depths - 1 (see WideStacks.rootGroups). */
export interface RootGroups {
  /** One stack per group: its frames at those depths, and the sum of its stacks' values. */
  readonly groups: WideStacks;
  readonly depths: number;
  /** Per stack, its group. */
  readonly groupOf: Int32Array;
}

/**
 * The root-first trie of the nodes of `stacks` at least |total| / parts wide. Every node kept
 * has its exact value and self value. `cut` tells whether any node was left out;
 * `droppedNodes` is 0 (the nodes under a cut are not counted).
 */
export function buildWideStackTrie(stacks: Stacks, parts: number): WideTrie {
  return { ...buildWideTrie(new FrameStacksRootFirst(stacks), stacks.frames, parts), frames: stacks.frames, droppedNodes: 0 };
}

/** The frame stacks of a Stacks, root first. */
class FrameStacksRootFirst implements WideStacks {
  readonly count: number;
  readonly values: Float64Array;
  private rank: Int32Array = new Int32Array(0);

  constructor(private readonly stacks: Stacks) {
    this.count = stacks.count;
    this.values = stacks.values;
  }

  useRanks(rank: Int32Array): void {
    this.rank = rank;
  }

  beginLevel(): void {}

  rankAt(s: number, d: number): number {
    const { stackStart, stackFrames } = this.stacks;
    const i = stackStart[s + 1]! - 1 - d;
    return i >= stackStart[s]! ? this.rank[stackFrames[i]!]! : -1;
  }
}

/** The wide trie's arrays (see buildWideStackTrie) of any stacks whose frames are `frames`. */
export function buildWideTrie(stacks: WideStacks, frames: readonly Frame[], parts: number): TrieArrays & { cut: boolean } {
  const { rank, representative } = frameNameRanks(frames);
  stacks.useRanks(rank);
  const { values } = stacks;
  const stackCount = stacks.count;
  let alive = new Int32Array(stackCount);
  let aliveCount = 0;
  let total = 0;
  for (let s = 0; s < stackCount; s++) {
    if (values[s] === 0) continue;
    alive[aliveCount++] = s;
    total += values[s]!;
  }
  const build = new WideBuild(total, Math.abs(total) / parts, representative);
  /** Per alive stack, the pair it went to at the level before (its node is that pair's child). */
  const pairOf = new Int32Array(stackCount);
  let d = 0;
  const grouped = stacks.rootGroups?.(alive, aliveCount);
  if (grouped === undefined) stacks.beginLevel(0, alive, aliveCount, MAX_AHEAD);
  else {
    // The first depths once per group; then each stack goes on from its group's pair.
    const { groups, depths, groupOf } = grouped;
    const groupAlive = new Int32Array(groups.count);
    let groupCount = 0;
    for (let g = 0; g < groups.count; g++) if (groups.values[g] !== 0) groupAlive[groupCount++] = g;
    const groupPair = new Int32Array(groups.count);
    for (; d < depths && !build.done(); d++) groupCount = build.level(groups, d, groupAlive, groupCount, groupPair);
    const goesOn = new Uint8Array(groups.count);
    for (let j = 0; j < groupCount; j++) goesOn[groupAlive[j]!] = 1;
    const childOfPair = build.childOfPairs();
    let w = 0;
    for (let j = 0; j < aliveCount; j++) {
      const s = alive[j]!;
      const g = groupOf[s]!;
      if (goesOn[g] === 0 || childOfPair[groupPair[g]!]! < 0) continue;
      pairOf[s] = groupPair[g]!;
      alive[w++] = s;
    }
    aliveCount = w;
  }
  for (; !build.done(); d++) {
    // Many depths ahead while the nodes are few; one at a time once they are many, as most
    // stacks then leave the walk at the next cut.
    if (d > 0) stacks.beginLevel(d, alive, aliveCount, build.levelNodes() * 8 >= parts ? 1 : MAX_AHEAD);
    aliveCount = build.level(stacks, d, alive, aliveCount, pairOf);
    // Stacks whose node was just cut need no frame read at the next depth.
    if (build.levelCut) aliveCount = keepUncut(alive, aliveCount, pairOf, build.childOfPairs());
    if (aliveCount * 4 < alive.length && alive.length > 1024) alive = alive.slice(0, aliveCount);
  }
  return { ...build.t.finish(total), cut: build.cut };
}

/** The trie being built, level by level. */
class WideBuild {
  readonly t = new BreadthFirstTrie(1024);
  cut = false;
  /** The last level walked cut some pair. */
  levelCut = false;
  /** The nodes of the level to walk next: levelStart .. t.count - 1. */
  private levelStart = 0;
  private previous = new PairTable();
  private pairs = new PairTable();

  constructor(
    total: number,
    private readonly minValue: number,
    private readonly representative: Int32Array,
  ) {
    this.t.add(-1, -1, 0, total, 0, 0);
  }

  /** Per pair of the last level walked, its child node (-1: cut). */
  childOfPairs(): Int32Array {
    return this.previous.child;
  }

  /** Nodes in the level to walk next. */
  levelNodes(): number {
    return this.t.count - this.levelStart;
  }

  /** No level is left to walk. */
  done(): boolean {
    return this.levelStart >= this.t.count;
  }

  /**
   * Walks depth d: the stacks of `alive` (each at the child of its pair in `pairOf`, or at the
   * root when d is 0) go to their next pairs, and the level's children are made. Returns how
   * many stacks go on (kept first in `alive`).
   */
  level(stacks: WideStacks, d: number, alive: Int32Array, aliveCount: number, pairOf: Int32Array): number {
    const { t, previous, pairs } = this;
    const levelEnd = t.count;
    pairs.reset(aliveCount, this.levelStart, levelEnd - this.levelStart, this.representative.length);
    const going = sumLevel(stacks, d, alive, aliveCount, pairOf, d === 0 ? undefined : previous.child, pairs, t.self);
    this.levelCut = addChildren(t, pairs, this.levelStart, levelEnd, d, this.representative, this.minValue);
    if (this.levelCut) this.cut = true;
    this.previous = pairs;
    this.pairs = previous;
    this.levelStart = levelEnd;
    return going;
  }
}

/**
 * One level: moves each alive stack to its node (the child of its pair, or the root at depth
 * 0) and adds its value to the self value of that node when it ends there, else to its next
 * pair. Keeps the stacks that go on in `alive`; returns how many. (The hot loops are functions
 * of their own so that each is compiled with complete type feedback: in one big function, the
 * compiled loop was thrown away each time later code first ran.)
 */
function sumLevel(
  stacks: WideStacks,
  d: number,
  alive: Int32Array,
  aliveCount: number,
  pairOf: Int32Array,
  childOfPair: Int32Array | undefined,
  pairs: PairTable,
  self: Float64Array,
): number {
  const { values } = stacks;
  let w = 0;
  for (let j = 0; j < aliveCount; j++) {
    const s = alive[j]!;
    const n = childOfPair === undefined ? 0 : childOfPair[pairOf[s]!]!;
    if (n < 0) continue; // its node was cut
    const k = stacks.rankAt(s, d);
    if (k < 0) {
      self[n]! += values[s]!;
      continue;
    }
    const p = pairs.find(n, k);
    pairs.sum[p]! += values[s]!;
    pairOf[s] = p;
    alive[w++] = s;
  }
  return w;
}

/** Keeps in `alive` the stacks whose node (the child of their pair) was not cut; returns how many. */
function keepUncut(alive: Int32Array, aliveCount: number, pairOf: Int32Array, childOfPair: Int32Array): number {
  let w = 0;
  for (let j = 0; j < aliveCount; j++) {
    const s = alive[j]!;
    if (childOfPair[pairOf[s]!]! >= 0) alive[w++] = s;
  }
  return w;
}

/**
 * Creates the children of the nodes levelStart .. levelEnd - 1 from the level's pairs, in
 * parent order then rank order, and sets each pair's child (-1 when cut). Returns whether a
 * pair was cut.
 */
function addChildren(t: BreadthFirstTrie, pairs: PairTable, levelStart: number, levelEnd: number, d: number, representative: Int32Array, minValue: number): boolean {
  const ranks = representative.length;
  const keys = pairs.sortedKeys(levelStart, ranks);
  let cut = false;
  let i = 0;
  for (let n = levelStart; n < levelEnd; n++) {
    t.firstChild[n] = t.count;
    for (; i < keys.length && Math.floor(keys[i]! / ranks) === n - levelStart; i++) {
      const k = keys[i]! % ranks;
      const p = pairs.find(n, k);
      const sum = pairs.sum[p]!;
      if (Math.abs(sum) < minValue) {
        pairs.child[p] = -1; // cut: its stacks leave the walk
        cut = true;
      } else {
        pairs.child[p] = t.count;
        t.add(n, representative[k]!, d + 1, sum, 0, 0);
      }
    }
    t.childCount[n] = t.count - t.firstChild[n]!;
  }
  return cut;
}

/** Most node × rank cells a level indexes directly (4 MB); past that, pairs are hashed. */
const MAX_DENSE_CELLS = 1 << 20;

/**
 * (node, rank) pairs of one level, each with its sum and, later, its child node: indexed by
 * cell (node - first node) * ranks + rank when the level's nodes × ranks are few, else by open
 * addressing.
 */
class PairTable {
  private count = 0;
  private slots = new Int32Array(2048);
  private dense = new Int32Array(0);
  private firstNode = 0;
  private ranks = 0;
  private node = new Int32Array(1024);
  private rank = new Int32Array(1024);
  sum = new Float64Array(1024);
  child = new Int32Array(1024);

  /** Empties the table for a level of `nodes` nodes from `firstNode`; `upTo` bounds the pairs to come. */
  reset(upTo: number, firstNode: number, nodes: number, ranks: number): void {
    this.count = 0;
    this.firstNode = firstNode;
    this.ranks = ranks;
    const cells = nodes * ranks;
    if (cells <= MAX_DENSE_CELLS) {
      if (this.dense.length < cells) this.dense = new Int32Array(Math.max(cells, this.dense.length * 2));
      else this.dense.fill(0, 0, cells);
      this.slots = new Int32Array(0);
      return;
    }
    this.dense = new Int32Array(0);
    const size = 2 * Math.max(1024, Math.min(upTo, cells));
    let slots = 2048;
    while (slots < size) slots *= 2;
    if (this.slots.length === slots) this.slots.fill(0);
    else this.slots = new Int32Array(slots);
  }

  /** The pair (n, k), added with sum 0 when new. */
  find(n: number, k: number): number {
    if (this.slots.length === 0) {
      const cell = (n - this.firstNode) * this.ranks + k;
      const p = this.dense[cell]! - 1;
      if (p >= 0) return p;
      const added = this.add(n, k);
      this.dense[cell] = added + 1;
      return added;
    }
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = pairSlot(n, k, mask);
    for (;;) {
      const p = slots[slot]! - 1;
      if (p < 0) break;
      if (this.node[p] === n && this.rank[p] === k) return p;
      slot = (slot + 1) & mask;
    }
    const p = this.add(n, k);
    slots[slot] = p + 1;
    if (this.count * 2 > slots.length) this.rehash();
    return p;
  }

  private add(n: number, k: number): number {
    const p = this.count++;
    if (p === this.node.length) this.grow();
    this.node[p] = n;
    this.rank[p] = k;
    this.sum[p] = 0;
    return p;
  }

  /** The pairs as keys (n - firstNode) * ranks + k, sorted. */
  sortedKeys(firstNode: number, ranks: number): Float64Array {
    const keys = new Float64Array(this.count);
    for (let p = 0; p < this.count; p++) keys[p] = (this.node[p]! - firstNode) * ranks + this.rank[p]!;
    return keys.sort();
  }

  private grow(): void {
    const size = this.node.length + 1;
    this.node = grown(this.node, size);
    this.rank = grown(this.rank, size);
    this.child = grown(this.child, size);
    this.sum = grown(this.sum, size);
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let p = 0; p < this.count; p++) {
      let slot = pairSlot(this.node[p]!, this.rank[p]!, mask);
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = p + 1;
    }
    this.slots = slots;
  }
}

function pairSlot(n: number, k: number, mask: number): number {
  const h = (Math.imul(n, 0x9e3779b1) ^ Math.imul(k, 0x85ebca6b)) >>> 0;
  return (h ^ (h >>> 15)) & mask;
}
