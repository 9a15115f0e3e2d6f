/** Reads Graphviz's `json0` layout (positions only) into plain numbers, y pointing down. */
import { isRecord } from '../../src/shared/guards';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface NodeBox {
  /** Centre, width and height in points. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface EdgePath {
  /** B-spline control points: start, then groups of three. */
  readonly points: readonly Point[];
  /** Tip of the arrowhead, when Graphviz drew one. */
  readonly arrow: Point | undefined;
  readonly label: Point | undefined;
}

export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  /** By node index ("N<index>"). */
  readonly nodes: readonly NodeBox[];
  /** By edge index ("E<index>"). */
  readonly edges: readonly EdgePath[];
}

const POINTS_PER_INCH = 72;

export function parseLayout(json: string, nodeCount: number, edgeCount: number): GraphLayout {
  const root: unknown = JSON.parse(json);
  if (!isRecord(root) || typeof root.bb !== 'string') throw new Error('graph layout: no bounding box');
  const bb = numbers(root.bb);
  const height = bb[3] ?? 0;
  const flip = (p: Point): Point => ({ x: p.x, y: height - p.y });
  const nodes: NodeBox[] = new Array<NodeBox>(nodeCount);
  for (const o of Array.isArray(root.objects) ? root.objects : []) {
    if (!isRecord(o) || typeof o.id !== 'string' || typeof o.pos !== 'string') continue;
    const i = indexOf(o.id, 'N', nodeCount);
    if (i === undefined) continue;
    const c = flip(point(o.pos));
    nodes[i] = { x: c.x, y: c.y, width: Number(o.width) * POINTS_PER_INCH, height: Number(o.height) * POINTS_PER_INCH };
  }
  const edges: EdgePath[] = new Array<EdgePath>(edgeCount);
  for (const e of Array.isArray(root.edges) ? root.edges : []) {
    if (!isRecord(e) || typeof e.id !== 'string' || typeof e.pos !== 'string') continue;
    const i = indexOf(e.id, 'E', edgeCount);
    if (i === undefined) continue;
    let arrow: Point | undefined;
    const points: Point[] = [];
    for (const part of e.pos.trim().split(/\s+/)) {
      if (part.startsWith('e,')) arrow = flip(point(part.slice(2)));
      else if (!part.startsWith('s,')) points.push(flip(point(part)));
    }
    const label = typeof e.lp === 'string' ? flip(point(e.lp)) : undefined;
    edges[i] = { points, arrow, label };
  }
  for (let i = 0; i < nodeCount; i++) if (!nodes[i]) throw new Error(`graph layout: node ${i} has no position`);
  for (let i = 0; i < edgeCount; i++) if (!edges[i]) throw new Error(`graph layout: edge ${i} has no path`);
  return { width: bb[2] ?? 0, height, nodes, edges };
}

function indexOf(id: string, prefix: string, count: number): number | undefined {
  if (!id.startsWith(prefix)) return undefined;
  const i = Number(id.slice(1));
  return Number.isInteger(i) && i >= 0 && i < count ? i : undefined;
}

function numbers(text: string): number[] {
  return text.split(',').map(Number);
}

function point(text: string): Point {
  const [x = 0, y = 0] = numbers(text);
  return { x, y };
}

/** An SVG path through the control points, each moved by the offsets of its ends (dragging). */
export function pathData(points: readonly Point[], tail: Point, head: Point): string {
  const n = points.length;
  const moved = points.map((p, i) => {
    const t = n > 1 ? i / (n - 1) : 0;
    return { x: p.x + tail.x * (1 - t) + head.x * t, y: p.y + tail.y * (1 - t) + head.y * t };
  });
  if (moved.length === 0) return '';
  let d = `M${fmt(moved[0]!)}`;
  for (let i = 1; i + 2 < moved.length; i += 3) {
    d += ` C${fmt(moved[i]!)} ${fmt(moved[i + 1]!)} ${fmt(moved[i + 2]!)}`;
  }
  return d;
}

function fmt(p: Point): string {
  return `${p.x.toFixed(1)},${p.y.toFixed(1)}`;
}
