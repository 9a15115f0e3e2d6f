/**
 * Where the call graph opens: the whole graph when its labels are readable at that size, else
 * the hottest path (the node with the most flat cost and its heaviest callers up to the root)
 * at a scale where every label is at least MIN_FONT_PX on screen, centred on the hottest node
 * when the path does not fit. The rest stays reachable by pan, zoom and the minimap.
 */
import type { CallGraphView } from '../../src/shared/callgraph-view';
import type { GraphLayout, NodeBox } from './layout';

/** Smallest label size on screen, in CSS pixels, the graph opens with. */
export const MIN_FONT_PX = 10;
const MARGIN = 16;
const MAX_SCALE = 2;

export interface ViewTransform {
  readonly scale: number;
  readonly tx: number;
  readonly ty: number;
}

/** The whole graph in `width` × `height` (never enlarged past 100%). */
export function fitAll(layout: GraphLayout, width: number, height: number): ViewTransform {
  const s = Math.min(1, (width - 2 * MARGIN) / Math.max(1, layout.width), (height - 2 * MARGIN) / Math.max(1, layout.height));
  const scale = Math.max(0.05, s);
  return { scale, tx: (width - layout.width * scale) / 2, ty: MARGIN };
}

/** The node with the largest |flat| (ties: largest |cum|); undefined for an empty graph. */
export function hottestNode(view: CallGraphView): number | undefined {
  let best: number | undefined;
  view.nodes.forEach((n, i) => {
    const b = best === undefined ? undefined : view.nodes[best]!;
    if (!b || Math.abs(n.flat) > Math.abs(b.flat) || (Math.abs(n.flat) === Math.abs(b.flat) && Math.abs(n.cum) > Math.abs(b.cum))) best = i;
  });
  return best;
}

/** The hottest node and its callers along the heaviest incoming edges, without cycles. */
export function hotPath(view: CallGraphView): number[] {
  const hottest = hottestNode(view);
  if (hottest === undefined) return [];
  const path = [hottest];
  const seen = new Set(path);
  for (let node = hottest; ; ) {
    let next: number | undefined;
    let weight = -1;
    for (const e of view.edges) {
      if (e.to === node && !seen.has(e.from) && Math.abs(e.weight) > weight) {
        next = e.from;
        weight = Math.abs(e.weight);
      }
    }
    if (next === undefined) return path;
    path.push(next);
    seen.add(next);
    node = next;
  }
}

function bounds(boxes: readonly NodeBox[]): { x0: number; y0: number; x1: number; y1: number } {
  return {
    x0: Math.min(...boxes.map((b) => b.x - b.width / 2)),
    y0: Math.min(...boxes.map((b) => b.y - b.height / 2)),
    x1: Math.max(...boxes.map((b) => b.x + b.width / 2)),
    y1: Math.max(...boxes.map((b) => b.y + b.height / 2)),
  };
}

/** `fontSizes`: each node's label size in graph units. */
export function openingView(view: CallGraphView, layout: GraphLayout, fontSizes: readonly number[], width: number, height: number): ViewTransform {
  const all = fitAll(layout, width, height);
  const readable = MIN_FONT_PX / Math.max(1e-6, Math.min(...fontSizes));
  const path = hotPath(view);
  if (all.scale >= readable || path.length === 0) return all;
  const box = bounds(path.map((i) => layout.nodes[i]!));
  const pathFit = Math.min((width - 2 * MARGIN) / Math.max(1, box.x1 - box.x0), (height - 2 * MARGIN) / Math.max(1, box.y1 - box.y0));
  const scale = Math.min(MAX_SCALE, Math.max(readable, Math.min(1, pathFit)));
  if (pathFit >= scale) {
    // The whole path fits: centre it.
    return { scale, tx: width / 2 - ((box.x0 + box.x1) / 2) * scale, ty: height / 2 - ((box.y0 + box.y1) / 2) * scale };
  }
  // Centre the hottest node, a little below the middle so some of its callers show above it.
  const hot = layout.nodes[path[0]!]!;
  return { scale, tx: width / 2 - hot.x * scale, ty: height * 0.6 - hot.y * scale };
}
