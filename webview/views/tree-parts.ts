/**
 * The whole flame tree of a big profile, put together from its parts: the `flameWhole` answer
 * holds the first nodes (marked `partial`), every other part is asked at once with `treePart`,
 * so no single message is big. The parts leave out the child links, which follow from the parents.
 */
import type { ViewMethods } from '../../src/shared/protocol';
import type { RpcClient } from '../../src/shared/rpc';
import type { StackTreeView, ViewQuery } from '../../src/shared/view-model';
import { childrenFromParents, type StackTreePart } from '../../src/shared/flame-view';

/** The first node of every part after the first one of a `partial` answer. */
export function partStarts(first: StackTreeView): number[] {
  const size = first.parent.length;
  const nodeCount = first.partial?.nodeCount ?? size;
  if (size === 0 && nodeCount > 0) throw new Error(`the whole flame tree's first part is empty (of ${nodeCount} nodes)`);
  const starts: number[] = [];
  for (let from = size; from < nodeCount; from += size) starts.push(from);
  return starts;
}

/** The whole tree from its first part and the other parts (any order). */
export function joinTreeParts(first: StackTreeView, parts: readonly StackTreePart[]): StackTreeView {
  if (!first.partial) return first;
  const { nodeCount } = first.partial;
  const frame = new Int32Array(nodeCount);
  const parent = new Int32Array(nodeCount);
  const value = new Float64Array(nodeCount);
  const self = new Float64Array(nodeCount);
  let filled = 0;
  for (const part of [{ ...first, from: 0 }, ...parts]) {
    // TypedArray.set throws a RangeError for a part past the end: a wrong part is never drawn.
    frame.set(part.frame, part.from);
    parent.set(part.parent, part.from);
    value.set(part.value, part.from);
    self.set(part.self, part.from);
    filled += part.parent.length;
  }
  if (filled !== nodeCount) throw new Error(`the whole flame tree came with ${filled} of its ${nodeCount} nodes`);
  const { partial: _partial, ...rest } = first;
  return { ...rest, frame, parent, ...childrenFromParents(parent), value, self };
}

export async function wholeTree(first: StackTreeView, query: ViewQuery, rpc: RpcClient<ViewMethods>): Promise<StackTreeView> {
  if (!first.partial) return first;
  const parts = await Promise.all(partStarts(first).map((from) => rpc.request('treePart', { ...query, from })));
  return joinTreeParts(first, parts);
}
