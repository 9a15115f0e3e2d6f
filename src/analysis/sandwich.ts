/**
 * The sandwich (butterfly) of one function: every stack through it, merged from wherever it
 * occurs, split at the function into its callers (a tree from the function up to the roots)
 * and its callees (a tree from the function down to the leaves). Each sample counts once:
 * with recursion the callees half starts below the outermost occurrence and the callers half
 * above the innermost one, so the two halves together still hold every frame of the stack;
 * a run of direct recursion counts as one occurrence.
 *
 * The immediate callers and callees with pprof's `-peek` numbers come from peek.ts; this file
 * only adds the two trees that the flame renderer draws.
 */
import type { Stacks } from './stacks';
import { buildStackTrie, type StackTrie } from './stack-trie';

export interface Sandwich {
  /** Root: the function (its value is the function's cum); children: its callers, nearest first. */
  readonly callers: StackTrie;
  /** Root: the function; children: its callees, then theirs. */
  readonly callees: StackTrie;
}

/**
 * Stacks restricted to the part strictly above (`callers`) or below (`callees`) the function,
 * keeping only the stacks through it. A stack with nothing on that side becomes empty: its
 * value is the root's self.
 */
function sideStacks(stacks: Stacks, isTarget: Uint8Array, side: 'callers' | 'callees'): Stacks {
  const { stackStart, stackFrames } = stacks;
  const starts: number[] = [0];
  const values: number[] = [];
  const frames: number[] = [];
  for (let s = 0; s < stacks.count; s++) {
    const start = stackStart[s]!;
    const end = stackStart[s + 1]!;
    // Stacks are leaf first: the innermost occurrence has the lowest index, the outermost the highest.
    let innermost = -1;
    let outermost = -1;
    for (let i = start; i < end; i++) {
      if (isTarget[stackFrames[i]!] !== 1) continue;
      if (innermost < 0) innermost = i;
      outermost = i;
    }
    if (innermost < 0) continue;
    // Direct recursion is one call, as in pprof's graph (no edge from a function to itself):
    // the callers start past the run of occurrences at the innermost one, the callees below
    // the run at the outermost one.
    if (side === 'callers') {
      let i = innermost + 1;
      while (i < end && isTarget[stackFrames[i]!] === 1) i++;
      for (; i < end; i++) frames.push(stackFrames[i]!);
    } else {
      let last = outermost;
      while (last > start && isTarget[stackFrames[last - 1]!] === 1) last--;
      for (let i = start; i < last; i++) frames.push(stackFrames[i]!);
    }
    values.push(stacks.values[s]!);
    starts.push(frames.length);
  }
  const count = values.length;
  return {
    ...stacks,
    count,
    values: Float64Array.from(values),
    stackStart: Int32Array.from(starts),
    stackFrames: Int32Array.from(frames),
    stackInlined: new Uint8Array(frames.length),
    sampleIndexes: new Int32Array(count),
    // Only the tree is built from these: exact sums and diff groups are not carried over.
    exactValues: undefined,
    exactTotal: undefined,
    diffBase: undefined,
  };
}

/** The sandwich of the function with this printable name (both trees empty when no stack has it). */
export function buildSandwich(stacks: Stacks, name: string): Sandwich {
  const isTarget = Uint8Array.from(stacks.frames, (f) => (f.name === name ? 1 : 0));
  return {
    // Leaf first: the caller nearest the function is the root's child.
    callers: buildStackTrie(sideStacks(stacks, isTarget, 'callers'), { direction: 'leaf-first' }),
    callees: buildStackTrie(sideStacks(stacks, isTarget, 'callees'), { direction: 'root-first' }),
  };
}
