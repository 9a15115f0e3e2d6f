/** Moving the selection with the arrow keys, over the tree (no DOM). */
import type { FlameGraphModel } from './model';
import type { TreeIndex } from './tree-index';
import { childAt, widestChild } from './tree-index';
import type { Orientation } from './orientation';

/**
 * The frame an arrow key moves to from `node`: up/down go to the parent or the widest child
 * (swapped in flame orientation so the arrow follows the picture), left/right to siblings.
 * Returns -1 when there is nowhere to go.
 */
export function arrowTarget(
  model: FlameGraphModel,
  index: TreeIndex,
  node: number,
  key: string,
  orientation: Orientation,
): number {
  const towardRoot = orientation === 'icicle' ? 'ArrowUp' : 'ArrowDown';
  const towardLeaves = orientation === 'icicle' ? 'ArrowDown' : 'ArrowUp';
  if (key === towardRoot) return node > 0 ? model.tree.parent[node]! : -1;
  if (key === towardLeaves) return widestChild(model, index, node);
  if (key === 'ArrowLeft' || key === 'ArrowRight') {
    if (node <= 0) return -1;
    const parent = model.tree.parent[node]!;
    const k = index.siblingIndex[node]! + (key === 'ArrowLeft' ? -1 : 1);
    return childAt(index, parent, k);
  }
  return -1;
}
