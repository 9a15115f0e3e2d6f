/**
 * The Sandwich tab: one function's callers (drawn as an inverted flame above it) and callees
 * (a flame below it), merged across every place it occurs, with pprof's `-peek` rows.
 */
import { checkedMethod } from './rpc';
import { parsePeekParams, type PeekParams, type PeekView } from './peek-view';
import type { StackTreeView } from './view-model';

export interface SandwichView {
  /** The function's flat/cum and its immediate callers/callees, with `go tool pprof -peek`'s numbers. */
  readonly peek: PeekView;
  /** Root: the function (value = cum, self = flat); children: its callers, nearest first. */
  readonly callers: StackTreeView;
  /** Root: the function; children: its callees. */
  readonly callees: StackTreeView;
}

export const sandwichMethod = checkedMethod<PeekParams, SandwichView>(parsePeekParams);
