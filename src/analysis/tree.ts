/**
 * Call trees for a virtualised tree view: top-down (callees under their callers, from the
 * roots of the stacks) and bottom-up (callers under the functions where samples end).
 * A node's `value` is its cum along that path and `self` its flat.
 */
import type { Profile } from '../pprof/profile';
import type { ReportOptions } from './options';
import { buildStacks, type Stacks } from './stacks';
import { buildStackTrie, type StackTrie } from './stack-trie';

export type CallTreeDirection = 'top-down' | 'bottom-up';

export type CallTree = StackTrie;

export function callTreeFromStacks(stacks: Stacks, direction: CallTreeDirection): CallTree {
  return buildStackTrie(stacks, { direction: direction === 'top-down' ? 'root-first' : 'leaf-first' });
}

export function buildCallTree(
  profile: Profile,
  options: ReportOptions & { readonly direction?: CallTreeDirection } = {},
): CallTree {
  return callTreeFromStacks(buildStacks(profile, options), options.direction ?? 'top-down');
}

/** The children of node n, in display order (by name). */
export function childrenOf(tree: CallTree, n: number): number[] {
  const first = tree.firstChild[n]!;
  const out: number[] = [];
  for (let c = first; c < first + tree.childCount[n]!; c++) out.push(c);
  return out;
}

/** The nodes from the root's child down to n (the path a UI expands to reveal n). */
export function pathTo(tree: CallTree, n: number): number[] {
  const out: number[] = [];
  for (let p = n; p > 0; p = tree.parent[p]!) out.push(p);
  return out.reverse();
}
