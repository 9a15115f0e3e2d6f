/**
 * The flame graph's requests: the view query; the data is the top-down stack tree. `flame`
 * answers a big tree with its coarse part first (marked `coarse`); `flameWhole` then gives it all.
 * A whole tree above TREE_PART_NODES nodes comes in parts: `flameWhole` answers the first nodes
 * (marked `partial`), `treePart` the next ones, so no single message is big enough to stall
 * the workbench or the webview while it crosses.
 */
import { isIndex, isRecord } from './guards';
import { checkedMethod } from './rpc';
import { parseViewQuery } from './validate-views';
import type { StackTreeView, ViewQuery } from './view-model';

/** Nodes per part of a whole tree (about 4 MB of arrays). */
export const TREE_PART_NODES = 1 << 17;

export interface TreePartParams extends ViewQuery {
  /** The first node of the part (a multiple of the part size, below `partial.nodeCount`). */
  readonly from: number;
}

/**
 * Nodes from .. from + length - 1 of the whole tree, in its breadth-first order. Without
 * firstChild and childCount, which follow from `parent` (webview/views/tree-parts.ts).
 */
export interface StackTreePart {
  readonly from: number;
  readonly frame: Int32Array;
  readonly parent: Int32Array;
  readonly value: Float64Array;
  readonly self: Float64Array;
}

function parseTreePartParams(value: unknown): TreePartParams | undefined {
  const query = parseViewQuery(value);
  if (!query || !isRecord(value) || !isIndex(value.from)) return undefined;
  return { ...query, from: value.from };
}

export const flameMethod = checkedMethod<ViewQuery, StackTreeView>(parseViewQuery);
export const flameWholeMethod = checkedMethod<ViewQuery, StackTreeView>(parseViewQuery);
export const treePartMethod = checkedMethod<TreePartParams, StackTreePart>(parseTreePartParams);
