/**
 * The first flame tree a big profile paints: its wide frames only, built straight from the
 * stacks (buildWideStackTrie) instead of cutting the whole trie, so the first paint does not
 * wait for millions of nodes. The stacks are kept for the `flameWhole` request that follows.
 */
import type { Profile } from '../pprof';
import type { ReportOptions } from '../analysis/options';
import { buildStacks, type Stacks } from '../analysis/stacks';
import { buildWideStackTrie } from '../analysis/stack-trie';
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
 * stacks are few (the caller builds the whole tree, from the kept stacks).
 */
export function wideFirstFlame(
  profile: Profile,
  options: ReportOptions & { readonly sampleIndex: number },
  unit: string,
  pending: PendingStacks,
): StackTreeView | undefined {
  const stacks = buildStacks(profile, options);
  pending.keep(options, stacks);
  // The trie has at most one node per stack frame (plus the root): a small total is sent whole.
  if (stacks.stackFrames.length < COARSE_ABOVE_NODES) return undefined;
  const wide = buildWideStackTrie(stacks, COARSE_PARTS);
  const view = stackTreeView(wide, options.sampleIndex, unit);
  return wide.cut ? { ...view, coarse: { shownNodes: wide.count } } : view;
}
