/**
 * The call graph's minimap: the whole graph in a small corner box (node boxes only) with the
 * visible area outlined; a click or drag in it centres the view there.
 */
import type { CallGraphView } from '../../src/shared/callgraph-view';
import { svg } from './graph-svg';
import type { GraphLayout } from './layout';
import type { ViewTransform } from './opening-view';

const SIZE = 160;

export class Minimap {
  readonly element = svg('svg', { class: 'cg-minimap', 'data-testid': 'cg-minimap', role: 'img', 'aria-label': 'Call graph overview: click to move the view' });
  private readonly frame = svg('rect', { class: 'cg-minimap-view', 'data-testid': 'cg-minimap-view' });
  private readonly ratio: number;

  constructor(
    view: CallGraphView,
    private readonly layout: GraphLayout,
    fills: readonly string[],
    centerOn: (x: number, y: number) => void,
  ) {
    this.ratio = SIZE / Math.max(1, layout.width, layout.height);
    const width = Math.max(20, layout.width * this.ratio);
    const height = Math.max(20, layout.height * this.ratio);
    this.element.setAttribute('width', width.toFixed(0));
    this.element.setAttribute('height', height.toFixed(0));
    this.element.setAttribute('viewBox', `0 0 ${layout.width} ${layout.height}`);
    view.nodes.forEach((_, i) => {
      const b = layout.nodes[i]!;
      this.element.append(svg('rect', { x: b.x - b.width / 2, y: b.y - b.height / 2, width: b.width, height: b.height, fill: fills[i] ?? '#ccc', stroke: '#888', 'stroke-width': 1 / this.ratio }));
    });
    this.frame.setAttribute('stroke-width', String(2 / this.ratio));
    this.element.append(this.frame);
    const go = (e: PointerEvent): void => {
      const r = this.element.getBoundingClientRect();
      centerOn(((e.clientX - r.left) / r.width) * layout.width, ((e.clientY - r.top) / r.height) * layout.height);
    };
    this.element.addEventListener('pointerdown', (e) => {
      e.stopPropagation();
      this.element.setPointerCapture(e.pointerId);
      go(e);
      const move = (m: PointerEvent): void => go(m);
      const up = (): void => {
        this.element.removeEventListener('pointermove', move);
        this.element.removeEventListener('pointerup', up);
      };
      this.element.addEventListener('pointermove', move);
      this.element.addEventListener('pointerup', up);
    });
  }

  /** Outlines what a `width` × `height` view with transform `t` shows. */
  update(t: ViewTransform, width: number, height: number): void {
    this.frame.setAttribute('x', String(-t.tx / t.scale));
    this.frame.setAttribute('y', String(-t.ty / t.scale));
    this.frame.setAttribute('width', String(width / t.scale));
    this.frame.setAttribute('height', String(height / t.scale));
  }
}
