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

/**
 * The whole tree's arrays, filled part by part as the parts arrive (each copy is one short
 * task, not one long one at the end), then completed with the child links.
 */
class TreeAssembly {
  private readonly frame: Int32Array;
  private readonly parent: Int32Array;
  private readonly value: Float64Array;
  private readonly self: Float64Array;
  private filled = 0;

  constructor(private readonly first: StackTreeView, private readonly nodeCount: number) {
    this.frame = new Int32Array(nodeCount);
    this.parent = new Int32Array(nodeCount);
    this.value = new Float64Array(nodeCount);
    this.self = new Float64Array(nodeCount);
    this.add({ ...first, from: 0 });
  }

  add(part: StackTreePart): void {
    // TypedArray.set throws a RangeError for a part past the end: a wrong part is never drawn.
    this.frame.set(part.frame, part.from);
    this.parent.set(part.parent, part.from);
    this.value.set(part.value, part.from);
    this.self.set(part.self, part.from);
    this.filled += part.parent.length;
  }

  finish(): StackTreeView {
    if (this.filled !== this.nodeCount) throw new Error(`the whole flame tree came with ${this.filled} of its ${this.nodeCount} nodes`);
    const { partial: _partial, ...rest } = this.first;
    const { frame, parent, value, self } = this;
    return { ...rest, frame, parent, ...childrenFromParents(parent), value, self };
  }
}

/** The whole tree from its first part and the other parts (any order). */
export function joinTreeParts(first: StackTreeView, parts: readonly StackTreePart[]): StackTreeView {
  if (!first.partial) return first;
  const assembly = new TreeAssembly(first, first.partial.nodeCount);
  for (const part of parts) assembly.add(part);
  return assembly.finish();
}

export async function wholeTree(first: StackTreeView, query: ViewQuery, rpc: RpcClient<ViewMethods>): Promise<StackTreeView> {
  if (!first.partial) return first;
  const assembly = new TreeAssembly(first, first.partial.nodeCount);
  await Promise.all(partStarts(first).map(async (from) => assembly.add(await rpc.request('treePart', { ...query, from }))));
  return assembly.finish();
}
