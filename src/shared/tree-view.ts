/** The call tree's request (top-down or bottom-up); its data is a stack tree. */
import { isRecord } from './guards';
import { checkedMethod } from './rpc';
import { parseViewQuery } from './validate-views';
import type { StackTreeView, ViewQuery } from './view-model';

export type TreeDirection = 'top-down' | 'bottom-up';

export interface TreeParams extends ViewQuery {
  readonly direction: TreeDirection;
}

export function parseTreeParams(value: unknown): TreeParams | undefined {
  const query = parseViewQuery(value);
  if (!query || !isRecord(value)) return undefined;
  const direction = value.direction;
  if (direction !== 'top-down' && direction !== 'bottom-up') return undefined;
  return { ...query, direction };
}

export const treeMethod = checkedMethod<TreeParams, StackTreeView>(parseTreeParams);
