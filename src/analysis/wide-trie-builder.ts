/**
 * The wide trie (nodes at least a minimum wide) built level by level over the stacks in their
 * own order: each stack remembers its node, and a level adds every stack's value to the
 * (node, next frame's name rank) pair it goes to, in a small table. Every array is read in
 * stack order, unlike buildTrieOfColumns' radix split, whose random reads (one per stack per
 * level) cost most of a big profile's first flame. The nodes, their breadth-first numbering
 * and every value are the same: a node's children are created in rank order, parents in order,
 * and each node's values are added in stack order as there.
 */
import type { Frame } from './frames';
import { frameNameRanks, type StackColumns, type TrieArrays } from './stack-trie';
import { BreadthFirstTrie } from './stack-trie-nodes';
import { grown } from '../pprof/growable';

/** buildTrieOfColumns(stacks, frames, minValueOf), root first, by levels (see above). */
export function buildWideTrieOfColumns(
  stacks: StackColumns,
  frames: readonly Frame[],
  minValueOf: (total: number) => number,
): TrieArrays & { cut: boolean } {
  const { rank, representative } = frameNameRanks(frames);
  const ranks = representative.length;
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
  const minValue = minValueOf(total);
  let cut = false;
  /** Per stack: its node at the current depth, then the pair it goes to. */
  const nodeOf = new Int32Array(stackCount);
  const pairOf = new Int32Array(stackCount);
  const column = new Int32Array(stackCount);
  let scratch = new Int32Array(stackCount);
  const pairs = new PairTable();
  const t = new BreadthFirstTrie(1024);
  t.add(-1, -1, 0, total, 0, 0);
  let levelStart = 0;
  for (let d = 0; levelStart < t.count; d++) {
    const levelEnd = t.count;
    // fillColumn drops the stacks that end from the list it is given: give it a copy (this
    // loop needs them for the self values).
    scratch.set(alive.subarray(0, aliveCount));
    stacks.fillColumn(d, scratch, aliveCount, column, rank);
    pairs.reset(aliveCount);
    let w = 0;
    for (let j = 0; j < aliveCount; j++) {
      const s = alive[j]!;
      const k = column[s]!;
      const n = nodeOf[s]!;
      if (k < 0) {
        t.self[n]! += values[s]!;
        continue;
      }
      const p = pairs.find(n, k);
      pairs.sum[p]! += values[s]!;
      pairOf[s] = p;
      alive[w++] = s;
    }
    aliveCount = w;
    // Children in parent order, then rank order: the order of the pairs' keys.
    const keys = pairs.sortedKeys(levelStart, ranks);
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
    w = 0;
    for (let j = 0; j < aliveCount; j++) {
      const s = alive[j]!;
      const child = pairs.child[pairOf[s]!]!;
      if (child < 0) continue;
      nodeOf[s] = child;
      alive[w++] = s;
    }
    aliveCount = w;
    levelStart = levelEnd;
    if (aliveCount * 4 < alive.length && alive.length > 1024) {
      alive = alive.slice(0, aliveCount);
      scratch = new Int32Array(aliveCount);
    }
  }
  const count = t.count;
  return {
    count,
    frame: t.frame.slice(0, count),
    parent: t.parent.slice(0, count),
    depth: t.depth.slice(0, count),
    value: t.value.slice(0, count),
    self: t.self.slice(0, count),
    firstChild: t.firstChild.slice(0, count),
    childCount: t.childCount.slice(0, count),
    total,
    cut,
  };
}

/** (node, rank) pairs of one level, by open addressing; each with its sum and, later, its child node. */
class PairTable {
  private count = 0;
  private slots = new Int32Array(2048);
  private node = new Int32Array(1024);
  private rank = new Int32Array(1024);
  sum = new Float64Array(1024);
  child = new Int32Array(1024);
  /** The pair found last: stacks in a row often go to the same one. */
  private lastNode = -1;
  private lastRank = -1;
  private last = -1;

  /** Empties the table; `upTo` bounds the pairs to come. */
  reset(upTo: number): void {
    this.count = 0;
    this.last = -1;
    this.lastNode = -1;
    if (this.slots.length > 4 * Math.max(1024, upTo)) this.slots = new Int32Array(2 * Math.max(1024, upTo));
    else this.slots.fill(0);
  }

  /** The pair (n, k), added with sum 0 when new. */
  find(n: number, k: number): number {
    if (n === this.lastNode && k === this.lastRank) return this.last;
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = (Math.imul(n, 0x9e3779b1) ^ Math.imul(k, 0x85ebca6b)) >>> 0;
    slot = (slot ^ (slot >>> 15)) & mask;
    for (;;) {
      const p = slots[slot]! - 1;
      if (p < 0) break;
      if (this.node[p] === n && this.rank[p] === k) return this.remember(n, k, p);
      slot = (slot + 1) & mask;
    }
    const p = this.count++;
    if (p === this.node.length) this.grow();
    this.node[p] = n;
    this.rank[p] = k;
    this.sum[p] = 0;
    slots[slot] = p + 1;
    if (this.count * 2 > slots.length) this.rehash();
    return this.remember(n, k, p);
  }

  /** The pairs as keys (n - firstNode) * ranks + k, sorted. */
  sortedKeys(firstNode: number, ranks: number): Float64Array {
    const keys = new Float64Array(this.count);
    for (let p = 0; p < this.count; p++) keys[p] = (this.node[p]! - firstNode) * ranks + this.rank[p]!;
    return keys.sort();
  }

  private remember(n: number, k: number, p: number): number {
    this.lastNode = n;
    this.lastRank = k;
    this.last = p;
    return p;
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
      let slot = (Math.imul(this.node[p]!, 0x9e3779b1) ^ Math.imul(this.rank[p]!, 0x85ebca6b)) >>> 0;
      slot = (slot ^ (slot >>> 15)) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = p + 1;
    }
    this.slots = slots;
  }
}
