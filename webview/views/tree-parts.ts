/**
 * The whole flame tree of a big profile, put together from its parts: the `flameWhole` answer
 * holds the first nodes (marked `partial`), every other part is asked at once with `treePart`,
 * so no single message is big. The parts leave out the child links, which follow from the parents.
 */
import type { ViewMethods } from '../../src/shared/protocol';
import type { RpcClient } from '../../src/shared/rpc';
import type { StackTreeView, ViewQuery } from '../../src/shared/view-model';
import type { StackTreePart } from '../../src/shared/flame-view';

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
  /** Children per node, counted as each part arrives (one pass over millions of parents at the end was one long task). */
  private readonly childCount: Int32Array;
  private filled = 0;

  constructor(private readonly first: StackTreeView, private readonly nodeCount: number) {
    this.frame = new Int32Array(nodeCount);
    this.parent = new Int32Array(nodeCount);
    this.value = new Float64Array(nodeCount);
    this.self = new Float64Array(nodeCount);
    this.childCount = new Int32Array(nodeCount);
    this.add({ ...first, from: 0 });
  }

  add(part: StackTreePart): void {
    // TypedArray.set throws a RangeError for a part past the end: a wrong part is never drawn.
    this.frame.set(part.frame, part.from);
    this.parent.set(part.parent, part.from);
    this.value.set(part.value, part.from);
    this.self.set(part.self, part.from);
    this.filled += part.parent.length;
    countChildren(part.parent, part.from, this.childCount);
  }

  finish(): StackTreeView {
    if (this.filled !== this.nodeCount) throw new Error(`the whole flame tree came with ${this.filled} of its ${this.nodeCount} nodes`);
    const { partial: _partial, ...rest } = this.first;
    const { frame, parent, value, self, childCount } = this;
    return { ...rest, frame, parent, firstChild: firstChildren(childCount), childCount, value, self };
  }
}

/** Adds the nodes `from`.. of `parents` to their parents' child counts (the root, node 0, has no parent). */
function countChildren(parents: Int32Array, from: number, childCount: Int32Array): void {
  for (let i = from === 0 ? 1 : 0; i < parents.length; i++) childCount[parents[i]!]!++;
}

/**
 * Each node's first child in a tree laid out breadth first with each node's children contiguous
 * (as the stack trie is): node n's children start after the root and the children of nodes
 * 0 .. n - 1, also when n has none.
 */
function firstChildren(childCount: Int32Array): Int32Array {
  const firstChild = new Int32Array(childCount.length);
  for (let i = 0, next = 1; i < childCount.length; i++) {
    firstChild[i] = next;
    next += childCount[i]!;
  }
  return firstChild;
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
