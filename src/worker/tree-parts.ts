/** A big whole flame tree cut into parts of consecutive nodes (see TREE_PART_NODES in src/shared/flame-view.ts). */
import type { StackTreePart } from '../shared/flame-view';
import { OptionError } from '../shared/option-error';
import type { StackTreeView } from '../shared/view-model';

/** `view` itself when it fits one part (or is a comparison); else its first part, marked `partial`. */
export function firstTreePart(view: StackTreeView, partNodes: number): StackTreeView {
  const nodeCount = view.parent.length;
  if (nodeCount <= partNodes || view.base !== undefined) return view;
  // slice, not subarray: a view into the whole buffer would carry the whole buffer across.
  const firstChild = view.firstChild.slice(0, partNodes);
  const childCount = view.childCount.slice(0, partNodes);
  return { ...view, ...treePart(view, 0, partNodes), firstChild, childCount, partial: { nodeCount } };
}

/** Nodes from .. from + partNodes - 1 of `view` (fewer at the end), without the child links. */
export function treePart(view: StackTreeView, from: number, partNodes: number): StackTreePart {
  const nodeCount = view.parent.length;
  if (from >= nodeCount) throw new OptionError(`tree part at node ${from}: the tree has ${nodeCount} nodes`);
  const to = Math.min(nodeCount, from + partNodes);
  return {
    from,
    frame: view.frame.slice(from, to),
    parent: view.parent.slice(from, to),
    value: view.value.slice(from, to),
    self: view.self.slice(from, to),
  };
}
