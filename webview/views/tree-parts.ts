/**
 * The whole flame tree of a big profile, put together from its parts: the `flameWhole` answer
 * holds the first nodes (marked `partial`), every other part is asked at once with `treePart`
 * and copied into place as it arrives, so no single message is big. The parts leave out the
 * child links, which follow from the parents.
 */
import type { ViewMethods } from '../../src/shared/protocol';
import type { RpcClient } from '../../src/shared/rpc';
import type { StackTreeView, ViewQuery } from '../../src/shared/view-model';
import { childrenFromParents, type StackTreePart } from '../../src/shared/flame-view';

export async function wholeTree(first: StackTreeView, query: ViewQuery, rpc: RpcClient<ViewMethods>): Promise<StackTreeView> {
  if (!first.partial) return first;
  const { nodeCount } = first.partial;
  const size = first.parent.length;
  if (size === 0) throw new Error(`the whole flame tree's first part is empty (of ${nodeCount} nodes)`);
  const frame = new Int32Array(nodeCount);
  const parent = new Int32Array(nodeCount);
  const value = new Float64Array(nodeCount);
  const self = new Float64Array(nodeCount);
  const put = (part: Omit<StackTreePart, 'from'>, at: number): void => {
    // TypedArray.set throws a RangeError for a part past the end: a wrong part is never drawn.
    frame.set(part.frame, at);
    parent.set(part.parent, at);
    value.set(part.value, at);
    self.set(part.self, at);
  };
  put(first, 0);
  const parts: Promise<void>[] = [];
  for (let from = size; from < nodeCount; from += size) {
    parts.push(rpc.request('treePart', { ...query, from }).then((part) => put(part, from)));
  }
  await Promise.all(parts);
  const { partial: _partial, ...rest } = first;
  return { ...rest, frame, parent, ...childrenFromParents(parent), value, self };
}
