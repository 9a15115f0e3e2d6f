/**
 * The flame graph's requests: the view query; the data is the top-down stack tree. `flame`
 * answers a big tree with its coarse part first (marked `coarse`); `flameWhole` then gives it all.
 */
import { checkedMethod } from './rpc';
import { parseViewQuery } from './validate-views';
import type { StackTreeView, ViewQuery } from './view-model';

export const flameMethod = checkedMethod<ViewQuery, StackTreeView>(parseViewQuery);
export const flameWholeMethod = checkedMethod<ViewQuery, StackTreeView>(parseViewQuery);
