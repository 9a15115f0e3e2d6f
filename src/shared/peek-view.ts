/** One function's callers and callees (the tree view's side panel, the editor hover). */
import { isRecord } from './guards';
import { checkedMethod } from './rpc';
import { parseViewQuery } from './validate-views';
import type { ViewQuery } from './view-model';

export interface PeekParams extends ViewQuery {
  /** Exact printable name of the function. */
  readonly name: string;
}

export interface PeekRowView {
  readonly name: string;
  readonly value: number;
  readonly valueText: string;
  readonly percent: string;
}

export interface PeekView {
  readonly name: string;
  readonly flatText: string;
  readonly cumText: string;
  readonly callers: readonly PeekRowView[];
  readonly callees: readonly PeekRowView[];
}

export function parsePeekParams(value: unknown): PeekParams | undefined {
  const query = parseViewQuery(value);
  if (!query || !isRecord(value) || typeof value.name !== 'string') return undefined;
  return { ...query, name: value.name };
}

export const peekMethod = checkedMethod<PeekParams, PeekView>(parsePeekParams);
