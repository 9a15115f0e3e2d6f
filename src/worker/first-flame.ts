/**
 * The first flame tree a big profile paints: its wide frames only, built straight from the
 * stacks instead of cutting the whole trie, so the first paint does not wait for millions of
 * nodes. The default view builds it from the decoder's unique location stacks
 * (wideTrieOfUniqueStacks), without merging them into frame stacks first; other views from
 * buildStacks' stacks, which are then kept for the `flameWhole` request that follows.
 */
import type { Profile } from '../pprof';
import type { ReportOptions } from '../analysis/options';
import { buildStacks, type Stacks } from '../analysis/stacks';
import { buildWideStackTrie, type WideTrie } from '../analysis/wide-trie-builder';
import { wideTrieOfUniqueStacks } from '../analysis/wide-location-trie';
import type { StackTreeView } from '../shared/view-model';
import { COARSE_ABOVE_NODES, COARSE_PARTS } from './coarse-flame';
import { stackTreeView } from './tree-builders';

/** The stacks of the last coarse flame, until the whole tree of the same options takes them. */
export class PendingStacks {
  private key: string | undefined;
  private stacks: Stacks | undefined;

  keep(options: ReportOptions, stacks: Stacks): void {
    this.key = JSON.stringify(options);
    this.stacks = stacks;
  }

  /** The kept stacks when they were built with `options` (then forgotten), else undefined. */
  take(options: ReportOptions): Stacks | undefined {
    const stacks = JSON.stringify(options) === this.key ? this.stacks : undefined;
    this.clear();
    return stacks;
  }

  clear(): void {
    this.key = undefined;
    this.stacks = undefined;
  }
}

/**
 * The coarse first flame tree (marked `coarse`) when the stacks could make more than
 * COARSE_ABOVE_NODES nodes; the whole tree when no frame was too narrow; undefined when the
 * stacks are few (the caller builds the whole tree, from the kept stacks if any).
 */
export function wideFirstFlame(
  profile: Profile,
  options: ReportOptions & { readonly sampleIndex: number },
  unit: string,
  pending: PendingStacks,
): StackTreeView | undefined {
  const fast = wideTrieOfUniqueStacks(profile, options, COARSE_PARTS, COARSE_ABOVE_NODES);
  if (fast !== undefined) {
    // Nothing to keep: the whole tree builds its stacks when it is asked for.
    pending.clear();
    return fast === 'few' ? undefined : wideView(fast, options.sampleIndex, unit);
  }
  const stacks = buildStacks(profile, options);
  pending.keep(options, stacks);
  // The trie has at most one node per stack frame (plus the root): a small total is sent whole.
  if (stacks.stackFrames.length < COARSE_ABOVE_NODES) return undefined;
  return wideView(buildWideStackTrie(stacks, COARSE_PARTS), options.sampleIndex, unit);
}

/** The view of a wide trie: marked coarse when something was cut, else the whole tree. */
function wideView(wide: WideTrie, sampleIndex: number, unit: string): StackTreeView {
  const view = stackTreeView(wide, sampleIndex, unit);
  return wide.cut ? { ...view, coarse: { shownNodes: wide.count } } : view;
}
