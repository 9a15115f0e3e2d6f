/** Colours and sizes of the call graph, after pprof's -dot output (redder, larger = costlier). */
import type { CallGraphEdgeView, CallGraphNodeView } from '../../src/shared/callgraph-view';

const BASE_FONT = 8;
const MAX_FONT_GROWTH = 16;

export interface NodeStyle {
  readonly fontSize: number;
  readonly fill: string;
  readonly stroke: string;
}

export function nodeStyle(node: CallGraphNodeView, maxFlat: number, total: number): NodeStyle {
  const share = maxFlat > 0 ? Math.sqrt(Math.abs(node.flat) / maxFlat) : 0;
  const score = total !== 0 ? node.cum / Math.abs(total) : 0;
  return { fontSize: BASE_FONT + MAX_FONT_GROWTH * share, fill: heatColor(score, true), stroke: heatColor(score, false) };
}

export interface EdgeStyle {
  readonly width: number;
  readonly color: string;
  /** Graphviz edge weight (heavier edges kept straighter). */
  readonly weight: number;
}

export function edgeStyle(edge: CallGraphEdgeView, maxWeight: number, total: number): EdgeStyle {
  const w = Math.abs(edge.weight);
  const width = 1 + (maxWeight > 0 ? (5 * w) / maxWeight : 0);
  const score = total !== 0 ? edge.weight / Math.abs(total) : 0;
  return { width, color: heatColor(score, false), weight: Math.max(1, Math.round((100 * w) / Math.max(1, Math.abs(total)))) };
}

/**
 * A colour from grey (no cost) to red (all of it): score in [-1, 1] (negative = green, for
 * comparisons); background colours are pale, foreground colours strong.
 */
export function heatColor(score: number, background: boolean): string {
  let saturation = background ? 0.1 : 1;
  const value = background ? 0.93 : 0.7;
  let s = Math.max(-1, Math.min(1, score));
  if (Math.abs(s) < 0.2) saturation *= Math.abs(s) / 0.2;
  s = Math.sign(s) * Math.pow(Math.abs(s), 0.3);
  let r: number;
  let g: number;
  if (s < 0) {
    g = value;
    r = value * (1 + saturation * s);
  } else {
    r = value;
    g = value * (1 - saturation * s);
  }
  const b = value * (1 - saturation);
  return `#${hex(r)}${hex(g)}${hex(b)}`;
}

function hex(x: number): string {
  return Math.max(0, Math.min(255, Math.floor(x * 255)))
    .toString(16)
    .padStart(2, '0');
}
