/**
 * The wide trie of a big profile's first flame (see buildWideStackTrie), built straight from the
 * decoder's unique location stacks instead of from buildStacks' merged frame stacks: no stack
 * is expanded into frames, copied, hashed or merged, which was most of the first flame's time.
 *
 * The trie is the same: a node's value and self value are sums over the stacks through it, and
 * summing per unique location stack first, then per frame stack, gives the same integers
 * (sumsAreExact). Only the default walk takes this path: every location kept, no transform,
 * label frame or diff base, and no negative value (a frame stack whose parts cancel out is left
 * out of the trie, which stacks summed apart would not tell).
 */
import type { Profile, UniqueStacks } from '../pprof/profile';
import { FNV_OFFSET, StackInterner, uniqueStacksOf } from '../pprof/stack-interner';
import type { ReportOptions } from './options';
import { combinedTagTest, StackWalk } from './stack-walk';
import { hasValuePast2To53 } from './exact-values';
import { diffBaseSamples } from './total';
import { withLabelFrames } from './label-frames';
import { buildWideTrie, type RootGroups, type WideStacks, type WideTrie } from './wide-trie-builder';
import { uniqueStackSums } from './unique-stack-sums';

/**
 * The root-first trie of the nodes at least |total| / parts wide, as
 * buildWideStackTrie(buildStacks(profile, options), parts) builds it; 'few' when those stacks
 * would hold fewer than `minFrames` frames (buildStacks' stackFrames.length); undefined when
 * the options or the profile need buildStacks' own walk.
 */
export function wideTrieOfUniqueStacks(profile: Profile, options: ReportOptions, parts: number, minFrames: number): WideTrie | 'few' | undefined {
  if (withLabelFrames(profile, options) !== profile || diffBaseSamples(profile) !== undefined) return undefined;
  const walk = new StackWalk(profile, options, combinedTagTest(profile, options));
  const type = walk.sampleTypeIndex;
  const { samples } = profile;
  if (!walk.keepsEveryLocation() || hasValuePast2To53(samples, type)) return undefined;
  walk.checkFrameBudget(samples, false, false, options.frameBudget);
  const unique = uniqueStacksOf(samples);
  const { acc, negative, magnitude, order } = uniqueStackSums(samples, unique, type, false, walk.sampleTagTest);
  // Past 2^53 buildStacks adds the values up exactly, sample by sample (sumsAreExact).
  if (negative || magnitude > Number.MAX_SAFE_INTEGER) return undefined;
  walk.resolveLocations(unique, order);
  const table = walk.locationTable();
  if (!mergedFramesReach(unique, order, table, minFrames)) return 'few';
  const values = new Float64Array(unique.count);
  for (let u = 0; u < unique.count; u++) values[u] = acc[u * 2]!;
  const frames = walk.finish();
  const wide = buildWideTrie(new LocationStacksRootFirst(unique, values, table), frames, parts);
  return { ...wide, frames, droppedNodes: 0 };
}

type LocationTable = ReturnType<StackWalk['locationTable']>;

/**
 * Whether the distinct frame stacks of `order`'s unique stacks hold at least `minFrames` frames
 * in all. Two locations with the same frames (and inline marks) are one canonical location; a
 * frame stack splits back into its locations (each location's frames end with its one
 * non-inlined frame), so distinct frame stacks are distinct canonical location stacks. Stops
 * as soon as the count is reached, after a few thousand stacks of a big profile.
 */
function mergedFramesReach(unique: UniqueStacks, order: Int32Array, table: LocationTable, minFrames: number): boolean {
  const { frameRange, frames, inlined } = table;
  const locationCount = frameRange.length / 2;
  const canonical = new Int32Array(locationCount).fill(-1);
  const frameCount = new Int32Array(locationCount);
  const ids = new Map<string, number>();
  for (let loc = 0; loc < locationCount; loc++) {
    const lo = frameRange[loc * 2]!;
    const hi = frameRange[loc * 2 + 1]!;
    if (lo < 0) continue;
    const key = `${frames.subarray(lo, hi).join(',')}/${inlined.subarray(lo, hi).join('')}`;
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    canonical[loc] = id;
    frameCount[loc] = hi - lo;
  }
  const interner = new StackInterner();
  const { start, locations } = unique;
  let stack = new Int32Array(64);
  let distinct = 0;
  let total = 0;
  for (let i = 0; i < order.length && total < minFrames; i++) {
    const u = order[i]!;
    const lo = start[u]!;
    const n = start[u + 1]! - lo;
    if (n > stack.length) stack = new Int32Array(n * 2);
    let hash = FNV_OFFSET;
    let length = 0;
    for (let k = 0; k < n; k++) {
      const loc = locations[lo + k]!;
      const id = canonical[loc]!;
      stack[k] = id;
      hash = Math.imul(hash ^ id, 0x01000193);
      length += frameCount[loc]!;
    }
    if (interner.intern(stack, 0, n, hash) === distinct) {
      distinct++;
      total += length;
    }
  }
  return total >= minFrames;
}

/** Depths read from the locations in one pass (see LocationStacksRootFirst). */
const BLOCK = 8;

/**
 * Unique location stacks read root first. The frames of BLOCK depths are read from the
 * locations at once, for every stack still alive, into a small array per depth: reading the
 * big location array once per depth (each stack's location at that depth is on a cache line of
 * its own) cost most of the trie. Each stack keeps a cursor between blocks: the location it is
 * in, and how many of that location's frames (innermost first) are still to read.
 */
class LocationStacksRootFirst implements WideStacks {
  readonly count: number;
  private rank: Int32Array = new Int32Array(0);
  /** Per stack, the index in unique.locations of the location being read. */
  private readonly position: Int32Array;
  /** Per stack, the frames of that location still to read. */
  private readonly left: Int32Array;
  /** block[(d - blockStart) * count + s]: stack s's rank at depth d of the current block, -1 past its end. */
  private readonly block: Int32Array;
  private blockStart = 0;
  private blockEnd = 0;
  /** Per location its frame's rank when it has exactly one frame (nearly always), else -1. */
  private locationRank: Int32Array = new Int32Array(0);

  constructor(
    private readonly unique: UniqueStacks,
    readonly values: Float64Array,
    private readonly table: LocationTable,
  ) {
    this.count = unique.count;
    // Past the last (root) location: the first read moves onto it.
    this.position = unique.start.slice(1);
    this.left = new Int32Array(unique.count);
    this.block = new Int32Array(unique.count * BLOCK);
  }

  useRanks(rank: Int32Array): void {
    this.rank = rank;
    const { frameRange, frames } = this.table;
    this.locationRank = new Int32Array(frameRange.length / 2).fill(-1);
    for (let loc = 0; loc < this.locationRank.length; loc++) {
      const lo = frameRange[loc * 2]!;
      if (lo >= 0 && frameRange[loc * 2 + 1]! - lo === 1) this.locationRank[loc] = rank[frames[lo]!]!;
    }
  }

  beginLevel(d: number, alive: Int32Array, aliveCount: number, ahead: number): void {
    if (d < this.blockEnd) return;
    const depths = Math.min(ahead, BLOCK);
    this.blockStart = d;
    this.blockEnd = d + depths;
    const { block, count } = this;
    for (let j = 0; j < aliveCount; j++) {
      const s = alive[j]!;
      this.readRanks(s, depths, block, s, count);
    }
  }

  /**
   * Reads the ranks of stack s's next `depths` frames (-1 past its end) into
   * out[at], out[at + stride], … and moves its cursor past them.
   */
  private readRanks(s: number, depths: number, out: Int32Array, at: number, stride: number): void {
    const { start, locations } = this.unique;
    const { frameRange, frames } = this.table;
    const { position, left, rank, locationRank } = this;
    let p = position[s]!;
    let l = left[s]!;
    let b = 0;
    if (l === 0 && p - depths >= start[s]!) {
      // The usual case in a loop of its own: `depths` more locations, of one frame each.
      while (b < depths) {
        const r = locationRank[locations[p - 1 - b]!]!;
        if (r < 0) break;
        out[at + b++ * stride] = r;
      }
      p -= b;
      if (b === depths) {
        position[s] = p;
        return;
      }
    }
    let loc = l === 0 ? -1 : locations[p]!;
    for (; b < depths; b++) {
      if (l === 0) {
        if (--p < start[s]!) break;
        loc = locations[p]!;
        const r = locationRank[loc]!;
        if (r >= 0) {
          // One frame: nothing left of this location.
          out[at + b * stride] = r;
          continue;
        }
        l = frameRange[loc * 2 + 1]! - frameRange[loc * 2]!;
      }
      out[at + b * stride] = rank[frames[frameRange[loc * 2]! + --l]!]!;
    }
    for (; b < depths; b++) out[at + b * stride] = -1;
    position[s] = p;
    left[s] = l;
  }

  rankAt(s: number, d: number): number {
    return this.block[(d - this.blockStart) * this.count + s]!;
  }

  /**
   * Reads the first BLOCK ranks of the stacks of `alive` and groups the stacks by them, in
   * place of beginLevel(0) (the ranks are hashed as they are read, never stored per stack);
   * undefined, with nothing read, when they make more than one group per eight stacks (then
   * grouping saves little). The values are integers whose sums are exact (see
   * wideTrieOfUniqueStacks), so a group's sum is exact too.
   */
  rootGroups(alive: Int32Array, aliveCount: number): RootGroups | undefined {
    const { count, values } = this;
    const most = aliveCount >> 3;
    if (this.blockEnd !== 0) return undefined;
    let slots = 1024;
    while (slots < most * 2) slots *= 2;
    const table = new Int32Array(slots);
    const mask = slots - 1;
    const ranks = new Int32Array((most + 1) * BLOCK);
    const sums = new Float64Array(most + 1);
    const groupOf = new Int32Array(count);
    let groups = 0;
    for (let j = 0; j < aliveCount; j++) {
      const s = alive[j]!;
      // Read into the next free group's place: kept if the ranks make a new group.
      const at = groups * BLOCK;
      this.readRanks(s, BLOCK, ranks, at, 1);
      let h = 0x811c9dc5;
      for (let b = 0; b < BLOCK; b++) h = Math.imul(h ^ ranks[at + b]!, 0x01000193);
      let slot = (h ^ (h >>> 15)) & mask;
      let g = -1;
      for (;;) {
        const found = table[slot]! - 1;
        if (found < 0) break;
        let b = 0;
        while (b < BLOCK && ranks[found * BLOCK + b] === ranks[at + b]) b++;
        if (b === BLOCK) {
          g = found;
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (g < 0) {
        if (groups === most) {
          // Back to the first frame of every stack read.
          this.position.set(this.unique.start.subarray(1));
          this.left.fill(0);
          return undefined;
        }
        g = groups++;
        table[slot] = g + 1;
      }
      sums[g]! += values[s]!;
      groupOf[s] = g;
    }
    this.blockStart = 0;
    this.blockEnd = BLOCK;
    return { groups: new RankTuples(ranks, sums.subarray(0, groups)), depths: BLOCK, groupOf };
  }
}

/** Groups of stacks as stacks of BLOCK frames: `ranks[g * BLOCK + d]` (-1 past the end). */
class RankTuples implements WideStacks {
  readonly count: number;

  constructor(
    private readonly ranks: Int32Array,
    readonly values: Float64Array,
  ) {
    this.count = values.length;
  }

  useRanks(): void {}

  beginLevel(): void {}

  rankAt(g: number, d: number): number {
    return this.ranks[g * BLOCK + d]!;
  }
}
