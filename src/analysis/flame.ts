/**
 * The flame graph's data: stacks merged root first into a tree whose nodes carry the value
 * through them (cum) and the value ending in them (self). Typed arrays plus the frame table,
 * so it can be transferred to a webview as is.
 */
import type { Profile } from '../pprof/profile';
import type { ReportOptions } from './options';
import { buildStacks, type Stacks } from './stacks';
import { buildStackTrie, type StackTrie } from './stack-trie';

/** Node 0 is the root ("all samples"); children of a node are contiguous and sorted by name. */
export type FlameTree = StackTrie;

export interface FlameOptions {
  /** Merge away nodes whose |value| is below this fraction of the total (e.g. under a pixel). */
  readonly minFraction?: number;
}

export function flameTreeFromStacks(stacks: Stacks, options: FlameOptions = {}): FlameTree {
  return buildStackTrie(stacks, { direction: 'root-first', minFraction: options.minFraction });
}

export function buildFlameTree(profile: Profile, options: ReportOptions & FlameOptions = {}): FlameTree {
  return flameTreeFromStacks(buildStacks(profile, options), options);
}
