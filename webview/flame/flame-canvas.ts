/**
 * The flame graph's canvas: its size and pixel ratio, the layout of the visible window (kept
 * while still valid), painting at most once per animation frame, hit tests and frame boxes.
 */
import type { FlameGraphModel } from './model';
import { isEmptyModel } from './model';
import type { TreeIndex } from './tree-index';
import { FrameRects, layoutFrames } from './layout';
import type { DrawState } from './draw';
import { depthAt, drawFrames, rowTop } from './draw';
import { LabelFitter } from './labels';
import type { Orientation } from './orientation';
import type { Palette } from './palette';
import type { ViewWindow } from './view-window';
import type { FlameScaffold } from './scaffold';

export const ROW_HEIGHT = 18;

/** What the graph shows right now; read at every paint. */
export interface FlameScene {
  readonly model: FlameGraphModel;
  readonly index: TreeIndex;
  readonly window: ViewWindow;
  readonly orientation: Orientation;
  readonly palette: Palette;
  readonly fill: (node: number) => string;
  readonly matches: Uint8Array | undefined;
  readonly selected: number;
  readonly hovered: number;
  readonly zoomNode: number;
}

/** A point on the canvas: the node drawn there (negative: a merged run), its rect (-1: nothing) and where the rect is. */
export interface Hit {
  readonly node: number;
  readonly rect: number;
  /** The rect's left edge and width in CSS pixels (0 when nothing is there). */
  readonly left: number;
  readonly width: number;
  /** The rect's value: the node's, or the merged run's sum. */
  readonly value: number;
}

interface ThemeStyle {
  readonly background: string;
  readonly focusBorder: string;
  readonly font: string;
}

export class FlameCanvas {
  readonly rects = new FrameRects();
  readonly labels = new LabelFitter();
  widthPx = 0;
  heightPx = 0;
  private readonly ctx: CanvasRenderingContext2D;
  private layoutKey = '';
  private themeStyle: ThemeStyle | undefined;
  private frameRequest = 0;
  private readonly resizeObserver: ResizeObserver;
  private stopWatchingRatio: () => void = () => undefined;

  constructor(
    private readonly parts: Pick<FlameScaffold, 'root' | 'scroller' | 'canvas' | 'sizer'>,
    private readonly scene: () => FlameScene,
    private readonly onPaint: (ms: number) => void,
  ) {
    const ctx = parts.canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('2D canvas is not available');
    this.ctx = ctx;
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(parts.scroller);
    this.watchPixelRatio();
  }

  get context(): CanvasRenderingContext2D {
    return this.ctx;
  }

  /** Gives the scroller the height of every row (the canvas sticks to its top). */
  setRows(rows: number): void {
    this.parts.sizer.style.height = `${Math.max(0, rows * ROW_HEIGHT - this.heightPx)}px`;
  }

  resize(): void {
    const { scroller, canvas } = this.parts;
    const firstSize = this.heightPx === 0;
    this.themeStyle = undefined;
    this.widthPx = Math.max(scroller.clientWidth, 1);
    this.heightPx = Math.max(scroller.clientHeight, 1);
    const dpr = globalThis.devicePixelRatio || 1;
    canvas.width = Math.round(this.widthPx * dpr);
    canvas.height = Math.round(this.heightPx * dpr);
    canvas.style.width = `${this.widthPx}px`;
    canvas.style.height = `${this.heightPx}px`;
    const scene = this.scene();
    this.setRows(scene.index.maxDepth + 1);
    if (firstSize && scene.orientation === 'flame') scroller.scrollTop = scroller.scrollHeight;
    this.layoutKey = '';
    this.paintNow();
  }

  /** The theme changed: colours and font are read again at the next paint. */
  themeChanged(): void {
    this.themeStyle = undefined;
    this.requestPaint();
  }

  /** The model changed: the next paint lays out again. */
  invalidate(): void {
    this.layoutKey = '';
  }

  requestPaint(): void {
    if (this.frameRequest !== 0) return;
    this.frameRequest = requestAnimationFrame(() => {
      this.frameRequest = 0;
      this.paintNow();
    });
  }

  paintNow(): void {
    const scene = this.scene();
    if (isEmptyModel(scene.model) || this.widthPx <= 1) return;
    const started = performance.now();
    if (scene.window.step(started)) this.requestPaint();
    const state = this.ensureLayout();
    const dpr = globalThis.devicePixelRatio || 1;
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawFrames(this.ctx, scene.model, this.rects, state, this.labels);
    this.onPaint(performance.now() - started);
  }

  /** Lays out the current window unless the last layout is still valid; hit tests need it too. */
  ensureLayout(): DrawState {
    const state = this.drawState();
    const deepestVisible = Math.max(depthAt(state, 0), depthAt(state, this.heightPx));
    const { model, index, window } = this.scene();
    const key = `${window.x0},${window.x1},${this.widthPx},${deepestVisible}`;
    if (key !== this.layoutKey) {
      layoutFrames(model, index, { x0: window.x0, x1: window.x1, widthPx: this.widthPx, maxDepth: deepestVisible }, this.rects);
      this.layoutKey = key;
    }
    return state;
  }

  drawState(): DrawState {
    const theme = this.readThemeStyle();
    const scene = this.scene();
    return {
      widthPx: this.widthPx,
      heightPx: this.heightPx,
      rowHeight: ROW_HEIGHT,
      scrollTop: this.parts.scroller.scrollTop,
      totalRows: scene.index.maxDepth + 1,
      orientation: scene.orientation,
      palette: scene.palette,
      fill: scene.fill,
      background: theme.background,
      focusBorder: theme.focusBorder,
      font: theme.font,
      matches: scene.matches,
      selected: scene.selected,
      hovered: scene.hovered,
      zoomDepth: scene.index.depth[scene.zoomNode] ?? 0,
    };
  }

  /** What is drawn at a client point. */
  hit(clientX: number, clientY: number): Hit {
    const box = this.parts.canvas.getBoundingClientRect();
    const depth = depthAt(this.ensureLayout(), clientY - box.top);
    const rect = this.rects.hit(clientX - box.left, depth);
    if (rect < 0) return { node: -1, rect, left: 0, width: 0, value: 0 };
    return { node: this.rects.node[rect]!, rect, left: this.rects.left[rect]!, width: this.rects.width[rect]!, value: this.rects.value[rect]! };
  }

  /** Where a node is drawn, in client coordinates, or undefined when it is not drawn. */
  frameRect(node: number): DOMRect | undefined {
    if (node < 0) return undefined;
    const state = this.ensureLayout();
    const i = this.rects.findNode(node);
    if (i < 0) return undefined;
    const top = rowTop(state, this.rects.depth[i]!);
    const left = Math.max(this.rects.left[i]!, 0);
    const right = Math.min(this.rects.left[i]! + this.rects.width[i]!, this.widthPx);
    if (top + ROW_HEIGHT <= 0 || top >= this.heightPx || right <= left) return undefined;
    const box = this.parts.canvas.getBoundingClientRect();
    return new DOMRect(box.left + left, box.top + top, right - left, ROW_HEIGHT - 1);
  }

  /** Scrolls so the row of `depth` is on screen, with some context on the root's side. */
  revealRow(depth: number): void {
    const { scroller } = this.parts;
    const orientation = this.scene().orientation;
    const top = rowTop({ ...this.drawState(), scrollTop: 0 }, depth);
    if (top < scroller.scrollTop || top + ROW_HEIGHT > scroller.scrollTop + this.heightPx) {
      scroller.scrollTop = Math.max(0, top - (orientation === 'icicle' ? ROW_HEIGHT * 2 : this.heightPx - ROW_HEIGHT * 3));
    }
  }

  dispose(): void {
    cancelAnimationFrame(this.frameRequest);
    this.resizeObserver.disconnect();
    this.stopWatchingRatio();
  }

  /** Moving to a screen with another pixel ratio resizes nothing, so listen for the ratio itself. */
  private watchPixelRatio(): void {
    const view = this.parts.canvas.ownerDocument.defaultView;
    if (!view) return;
    const query = view.matchMedia(`(resolution: ${view.devicePixelRatio}dppx)`);
    const onChange = (): void => {
      query.removeEventListener('change', onChange);
      this.resize();
      this.watchPixelRatio();
    };
    query.addEventListener('change', onChange);
    this.stopWatchingRatio = () => query.removeEventListener('change', onChange);
  }

  /** Theme colours and font from CSS, read once per theme or size change (reading forces a style pass). */
  private readThemeStyle(): ThemeStyle {
    if (this.themeStyle === undefined) {
      const style = getComputedStyle(this.parts.root);
      this.themeStyle = {
        background: style.backgroundColor || '#ffffff',
        focusBorder: style.outlineColor || '#0078d4',
        font: `12px ${style.fontFamily || 'sans-serif'}`,
      };
    }
    return this.themeStyle;
  }
}
