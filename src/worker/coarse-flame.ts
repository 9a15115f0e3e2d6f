/**
 * The coarse first flame graph of a big tree: only the nodes at least 1/COARSE_PARTS of the
 * total wide (narrower ones are below a pixel on any screen). It crosses to the webview and is
 * laid out in a fraction of the full tree's time, so a big profile paints early; the full tree
 * follows and replaces it. Every node kept has its exact value and self value: a parent whose
 * small children were left out is simply wider than what is drawn under it, until the refine.
 */
import type { StackTreeView } from '../shared/view-model';

/** A frame narrower than this share of the total is left out of the coarse tree. */
export const COARSE_PARTS = 4096;
/** Trees with fewer nodes are sent whole at once: crossing and laying them out is quick. */
export const COARSE_ABOVE_NODES = 50_000;

/**
 * The coarse tree of `view`, or `view` itself when it is small or a comparison (whose colours
 * need every path). Kept nodes are renumbered breadth first, children contiguous as before.
 */
export function coarseFlame(view: StackTreeView, minNodes = COARSE_ABOVE_NODES, parts = COARSE_PARTS): StackTreeView {
  const count = view.parent.length;
  if (count <= minNodes || view.base !== undefined) return view;
  const threshold = Math.abs(view.total) / parts;
  // Old index of each kept node, in the new (breadth-first) order; the root is always kept.
  const kept: number[] = [0];
  const newParent: number[] = [-1];
  const newFirstChild: number[] = [];
  const newChildCount: number[] = [];
  for (let at = 0; at < kept.length; at++) {
    const old = kept[at]!;
    const first = view.firstChild[old]!;
    const end = first + view.childCount[old]!;
    newFirstChild.push(kept.length);
    for (let c = first; c < end; c++) {
      if (Math.abs(view.value[c]!) < threshold) continue;
      kept.push(c);
      newParent.push(at);
    }
    newChildCount.push(kept.length - newFirstChild[at]!);
  }
  if (kept.length === count) return view;
  const pick = <T extends Int32Array | Float64Array>(from: T, make: (n: number) => T): T => {
    const out = make(kept.length);
    for (let i = 0; i < kept.length; i++) out[i] = from[kept[i]!]!;
    return out;
  };
  return {
    ...view,
    frame: pick(view.frame, (n) => new Int32Array(n)),
    parent: Int32Array.from(newParent),
    firstChild: Int32Array.from(newFirstChild),
    childCount: Int32Array.from(newChildCount),
    value: pick(view.value, (n) => new Float64Array(n)),
    self: pick(view.self, (n) => new Float64Array(n)),
    coarse: { shownNodes: kept.length, allNodes: count },
  };
}
