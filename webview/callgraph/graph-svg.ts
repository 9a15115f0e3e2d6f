/**
 * Draws a laid-out call graph as SVG built node by node (createElementNS + textContent: no
 * Graphviz SVG, no markup from strings), with pan (drag the background), zoom (wheel), node
 * dragging, click to select and double-click to open source.
 */
import type { CallGraphView } from '../../src/shared/callgraph-view';
import { edgeLabel, nodeLabelLines } from './dot';
import { pathData, type GraphLayout, type Point } from './layout';
import { edgeStyle, nodeStyle } from './style';
import { fitAll, openingView, type ViewTransform } from './opening-view';

const SVG = 'http://www.w3.org/2000/svg';
const DRAG_THRESHOLD = 4;

export interface GraphEvents {
  select(node: number): void;
  open(node: number): void;
}

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

interface EdgeShape {
  readonly path: SVGPathElement;
  readonly arrow: SVGPolygonElement | undefined;
  readonly label: SVGTextElement;
}

export class GraphSvg {
  readonly element = svg('svg', { class: 'cg-svg', 'data-testid': 'callgraph-svg', role: 'img' });
  private readonly viewport = svg('g', { class: 'cg-viewport' });
  private readonly nodeGroups: SVGGElement[] = [];
  private readonly edgeShapes: EdgeShape[] = [];
  /** How far each node was dragged. */
  private readonly offsets: Point[];
  private scale = 1;
  private tx = 0;
  private ty = 0;
  /** Each node's label size and fill, as drawn. */
  readonly fontSizes: number[] = [];
  readonly fills: string[] = [];
  /** Told after every pan or zoom (the minimap follows). */
  onTransform: ((t: ViewTransform) => void) | undefined;

  constructor(
    private readonly view: CallGraphView,
    private readonly layout: GraphLayout,
    private readonly events: GraphEvents,
  ) {
    this.offsets = view.nodes.map(() => ({ x: 0, y: 0 }));
    this.element.setAttribute('aria-label', `Call graph, ${view.nodes.length} nodes`);
    const edges = svg('g', { class: 'cg-edges' });
    const nodes = svg('g', { class: 'cg-nodes' });
    this.viewport.append(edges, nodes);
    this.element.append(this.viewport);
    this.drawEdges(edges);
    this.drawNodes(nodes);
    this.listen();
  }

  /** Fits the whole graph in the visible area (never enlarging past 100%). */
  fit(width: number, height: number): void {
    this.setTransform(fitAll(this.layout, width, height));
  }

  /** The opening view: readable labels, the hottest path in view (opening-view.ts). */
  open(width: number, height: number): void {
    this.setTransform(openingView(this.view, this.layout, this.fontSizes, width, height));
  }

  /** Puts graph point (x, y) in the middle of a `width` × `height` view, at the same scale. */
  centerOn(x: number, y: number, width: number, height: number): void {
    this.setTransform({ scale: this.scale, tx: width / 2 - x * this.scale, ty: height / 2 - y * this.scale });
  }

  private setTransform(t: ViewTransform): void {
    this.scale = t.scale;
    this.tx = t.tx;
    this.ty = t.ty;
    this.apply();
  }

  /** Marks nodes: `selected` by name, `matches` by index. */
  mark(selected: string | undefined, matches: ReadonlySet<number>): void {
    this.view.nodes.forEach((n, i) => {
      this.nodeGroups[i]!.classList.toggle('cg-selected', n.name === selected);
      this.nodeGroups[i]!.classList.toggle('cg-match', matches.has(i));
    });
  }

  private drawNodes(parent: SVGGElement): void {
    const maxFlat = Math.max(0, ...this.view.nodes.map((n) => Math.abs(n.flat)));
    this.view.nodes.forEach((node, i) => {
      const box = this.layout.nodes[i]!;
      const style = nodeStyle(node, maxFlat, this.view.total);
      this.fontSizes.push(style.fontSize);
      this.fills.push(style.fill);
      const g = svg('g', { class: 'cg-node', 'data-node': i, tabindex: 0 });
      const title = svg('title');
      title.textContent = node.file ? `${node.name}\n${node.file}${node.line > 0 ? `:${node.line}` : ''}` : node.name;
      const rect = svg('rect', {
        x: box.x - box.width / 2,
        y: box.y - box.height / 2,
        width: box.width,
        height: box.height,
        fill: style.fill,
        stroke: style.stroke,
      });
      const text = svg('text', { 'font-size': style.fontSize.toFixed(1), 'text-anchor': 'middle' });
      const lines = nodeLabelLines(node);
      const lineHeight = style.fontSize * 1.15;
      const top = box.y - (lines.length * lineHeight) / 2 + style.fontSize * 0.9;
      lines.forEach((line, k) => {
        const span = svg('tspan', { x: box.x, y: top + k * lineHeight });
        span.textContent = line;
        text.append(span);
      });
      g.append(title, rect, text);
      parent.append(g);
      this.nodeGroups.push(g);
    });
  }

  private drawEdges(parent: SVGGElement): void {
    const maxWeight = Math.max(0, ...this.view.edges.map((e) => Math.abs(e.weight)));
    this.view.edges.forEach((edge, i) => {
      const style = edgeStyle(edge, maxWeight, this.view.total);
      const g = svg('g', { class: `cg-edge${edge.residual ? ' cg-residual' : ''}${edge.inline ? ' cg-inline' : ''}`, 'data-edge': i });
      const title = svg('title');
      const from = this.view.nodes[edge.from]!.name;
      const to = this.view.nodes[edge.to]!.name;
      title.textContent = `${from} → ${to} (${edge.weightText}${edge.residual ? ', through dropped nodes' : ''}${edge.inline ? ', inlined' : ''})`;
      const path = svg('path', { fill: 'none', stroke: style.color, 'stroke-width': style.width.toFixed(2) });
      if (edge.residual) path.setAttribute('stroke-dasharray', '2,3');
      const arrow = this.layout.edges[i]!.arrow ? svg('polygon', { fill: style.color, stroke: style.color }) : undefined;
      const label = svg('text', { class: 'cg-edge-label', 'font-size': 10, 'text-anchor': 'middle' });
      edgeLabel(edge)
        .trim()
        .split('\n')
        .forEach((line, k) => {
          const span = svg('tspan', { x: 0, dy: k === 0 ? 0 : 11 });
          span.textContent = line;
          label.append(span);
        });
      g.append(title, path, ...(arrow ? [arrow] : []), label);
      parent.append(g);
      this.edgeShapes.push({ path, arrow, label });
      this.placeEdge(i);
    });
  }

  private placeEdge(i: number): void {
    const edge = this.view.edges[i]!;
    const geo = this.layout.edges[i]!;
    const shape = this.edgeShapes[i]!;
    const tail = this.offsets[edge.from]!;
    const head = this.offsets[edge.to]!;
    shape.path.setAttribute('d', pathData(geo.points, tail, head));
    const last = geo.points[geo.points.length - 1];
    if (shape.arrow && geo.arrow && last) {
      const tip = { x: geo.arrow.x + head.x, y: geo.arrow.y + head.y };
      const base = { x: last.x + head.x, y: last.y + head.y };
      const dx = tip.x - base.x;
      const dy = tip.y - base.y;
      const len = Math.hypot(dx, dy) || 1;
      const nx = (-dy / len) * 3.5;
      const ny = (dx / len) * 3.5;
      shape.arrow.setAttribute('points', `${tip.x},${tip.y} ${base.x + nx},${base.y + ny} ${base.x - nx},${base.y - ny}`);
    }
    const lp = geo.label ?? geo.points[Math.floor(geo.points.length / 2)];
    if (lp) {
      const mid = { x: (tail.x + head.x) / 2, y: (tail.y + head.y) / 2 };
      for (const span of shape.label.querySelectorAll('tspan')) span.setAttribute('x', String(lp.x + mid.x));
      shape.label.setAttribute('y', String(lp.y + mid.y));
    }
  }

  private apply(): void {
    this.viewport.setAttribute('transform', `translate(${this.tx},${this.ty}) scale(${this.scale})`);
    this.onTransform?.({ scale: this.scale, tx: this.tx, ty: this.ty });
  }

  private nodeOf(target: EventTarget | null): number | undefined {
    const g = target instanceof Element ? target.closest('.cg-node') : null;
    const i = g ? Number(g.getAttribute('data-node')) : NaN;
    return Number.isInteger(i) ? i : undefined;
  }

  private listen(): void {
    this.element.addEventListener('wheel', (e) => {
      e.preventDefault();
      const r = this.element.getBoundingClientRect();
      const px = e.clientX - r.left;
      const py = e.clientY - r.top;
      const factor = Math.exp(-e.deltaY * 0.0015);
      const next = Math.min(8, Math.max(0.05, this.scale * factor));
      this.tx = px - ((px - this.tx) * next) / this.scale;
      this.ty = py - ((py - this.ty) * next) / this.scale;
      this.scale = next;
      this.apply();
    });
    this.element.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      const node = this.nodeOf(e.target);
      const start = { x: e.clientX, y: e.clientY };
      const origin = node === undefined ? { x: this.tx, y: this.ty } : { ...this.offsets[node]! };
      let moved = false;
      const move = (m: PointerEvent): void => {
        const dx = m.clientX - start.x;
        const dy = m.clientY - start.y;
        if (!moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
        // Captured only once it is a drag, so clicks and double-clicks keep their node target.
        if (!moved) this.element.setPointerCapture(e.pointerId);
        moved = true;
        if (node === undefined) {
          this.tx = origin.x + dx;
          this.ty = origin.y + dy;
          this.apply();
        } else {
          this.moveNode(node, { x: origin.x + dx / this.scale, y: origin.y + dy / this.scale });
        }
      };
      const up = (): void => {
        this.element.removeEventListener('pointermove', move);
        this.element.removeEventListener('pointerup', up);
        this.element.removeEventListener('pointercancel', up);
        if (!moved && node !== undefined) this.events.select(node);
      };
      this.element.addEventListener('pointermove', move);
      this.element.addEventListener('pointerup', up);
      this.element.addEventListener('pointercancel', up);
    });
    this.element.addEventListener('dblclick', (e) => {
      const node = this.nodeOf(e.target);
      if (node !== undefined) this.events.open(node);
    });
    this.element.addEventListener('keydown', (e) => {
      const node = this.nodeOf(e.target);
      if (node === undefined) return;
      if (e.key === 'Enter') this.events.open(node);
      else if (e.key === ' ') this.events.select(node);
    });
  }

  private moveNode(node: number, offset: Point): void {
    this.offsets[node] = offset;
    this.nodeGroups[node]!.setAttribute('transform', `translate(${offset.x},${offset.y})`);
    this.view.edges.forEach((e, i) => {
      if (e.from === node || e.to === node) this.placeEdge(i);
    });
  }
}
