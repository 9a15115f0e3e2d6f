/** The flame graph's request: the view query; its data is the top-down stack tree. */
import { checkedMethod } from './rpc';
import { parseViewQuery } from './validate-views';
import type { StackTreeView, ViewQuery } from './view-model';

export const flameMethod = checkedMethod<ViewQuery, StackTreeView>(parseViewQuery);
