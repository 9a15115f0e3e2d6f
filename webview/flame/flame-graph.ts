import { formatPercent, formatValue } from '../../src/shared/units';
import type { FlameGraphModel } from './model';
import { frameRef, isEmptyModel, nodeName } from './model';
import type { TreeIndex } from './tree-index';
import { buildTreeIndex, pathToRoot } from './tree-index';
import { FrameRects, layoutFrames } from './layout';
import type { DrawState } from './draw';
import type { Orientation } from './orientation';
import { depthAt, drawFrames, rowTop } from './draw';
import { LabelFitter } from './labels';
import type { Palette } from './palette';
import { makePalette } from './palette';
import { detectThemeKind } from './theme';
import type { SearchResult } from './search';
import { searchFlame } from './search';
import { ZoomHistory } from './history';
import { arrowTarget } from './keyboard';
import { FlameTooltip } from './tooltip';
import type { TooltipContent } from './tooltip';
import { describeFrame, frameTooltip, mergedTooltip } from './tooltip-text';
import { Breadcrumb } from './breadcrumb';
import { FlameToolbar } from './toolbar';
import type { ExportLayout } from './image-export';
import { layoutForExport, renderPng, renderSvg } from './image-export';
import { adoptFlameStyles } from './styles';
import { ViewWindow } from './view-window';
import { buildScaffold } from './scaffold';
import type { FlameGraphCallbacks, FlameGraphHandle, FlameGraphOptions, FlameSearchSummary, FlameViewState } from './api';

const ROW_HEIGHT = 18;

class FlameGraph implements FlameGraphHandle {
  private model: FlameGraphModel;
  private index: TreeIndex;
  private readonly doc: Document;
  private readonly root: HTMLDivElement;
  private readonly main: HTMLDivElement;
  private readonly empty: HTMLDivElement;
  private readonly scroller: HTMLDivElement;
  private readonly sizer: HTMLDivElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly announcer: HTMLDivElement;
  private readonly tooltip: FlameTooltip;
  private readonly crumbs: Breadcrumb;
  private readonly toolbar: FlameToolbar;
  private readonly rects = new FrameRects();
  private readonly labels = new LabelFitter();
  private readonly history = new ZoomHistory();
  private palette: Palette;
  private orientation: Orientation;
  private widthPx = 0;
  private heightPx = 0;
  private readonly window: ViewWindow;
  private zoomNode = 0;
  private selected = -1;
  private hovered = -1;
  private searchResult: SearchResult | undefined;
  private searchCursor = -1;
  private layoutKey = '';
  private themeStyle: { background: string; focusBorder: string; font: string } | undefined;
  private frameRequest = 0;
  private drag: { startX: number; x0: number; x1: number; moved: boolean } | undefined;
  private suppressClick = false;
  private readonly resizeObserver: ResizeObserver;
  private readonly themeObserver: MutationObserver;
  private readonly disposers: (() => void)[] = [];

  constructor(
    container: HTMLElement,
    model: FlameGraphModel,
    private readonly callbacks: FlameGraphCallbacks,
    options: FlameGraphOptions,
  ) {
    this.doc = container.ownerDocument;
    adoptFlameStyles(this.doc);
    this.model = model;
    this.index = buildTreeIndex(model);
    this.orientation = options.orientation ?? 'icicle';
    this.window = new ViewWindow(options.animationMs ?? 160);
    this.palette = makePalette(detectThemeKind(this.doc.body));

    this.toolbar = new FlameToolbar(this.doc, {
      back: () => this.back(),
      forward: () => this.forward(),
      toggleOrientation: () => this.setOrientation(this.orientation === 'icicle' ? 'flame' : 'icicle'),
      search: (text) => this.searchFromBox(text),
      next: () => this.searchNext(),
      previous: () => this.searchPrevious(),
      capture: callbacks.onCaptureImage ? (format) => callbacks.onCaptureImage?.(format) : undefined,
      searchBox: options.searchBox ?? true,
    });
    this.crumbs = new Breadcrumb(this.doc, (node) => this.zoomTo(node));
    this.tooltip = new FlameTooltip(this.doc);
    const parts = buildScaffold(this.doc, [this.toolbar.element, this.crumbs.element], this.tooltip.element);
    this.root = parts.root;
    this.main = parts.main;
    this.empty = parts.empty;
    this.scroller = parts.scroller;
    this.canvas = parts.canvas;
    this.sizer = parts.sizer;
    this.announcer = parts.announcer;
    container.append(this.root);

    const ctx = this.canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('2D canvas is not available');
    this.ctx = ctx;

    this.listen(this.canvas, 'mousemove', (e) => this.onMouseMove(e));
    this.listen(this.canvas, 'mouseleave', () => this.setHover(-1));
    this.listen(this.canvas, 'mousedown', (e) => this.onMouseDown(e));
    this.listen(this.doc, 'mousemove', (e) => this.onDrag(e));
    this.listen(this.doc, 'mouseup', () => this.endDrag());
    this.listen(this.canvas, 'click', (e) => this.onClick(e));
    this.listen(this.canvas, 'dblclick', (e) => this.onDoubleClick(e));
    this.listen(this.canvas, 'wheel', (e) => this.onWheel(e), { passive: false });
    this.listen(this.root, 'keydown', (e) => this.onKeyDown(e));
    this.listen(this.scroller, 'scroll', () => this.requestPaint());

    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(this.scroller);
    this.themeObserver = new MutationObserver(() => {
      this.palette = makePalette(detectThemeKind(this.doc.body));
      this.themeStyle = undefined;
      this.requestPaint();
    });
    this.themeObserver.observe(this.doc.body, { attributes: true, attributeFilter: ['class'] });
    this.watchPixelRatio();
    this.reset();
    this.resize();
  }

  // ---- public API ----

  update(model: FlameGraphModel): void {
    this.model = model;
    this.index = buildTreeIndex(model);
    const pattern = this.searchResult?.regex;
    this.searchResult = undefined;
    this.reset();
    if (pattern) this.search(pattern);
    this.resize();
  }

  search(regex: RegExp | string | null): FlameSearchSummary | undefined {
    if (regex === null || regex === '') {
      this.searchResult = undefined;
      this.searchCursor = -1;
      this.toolbar.setStatus('');
      this.requestPaint();
      return undefined;
    }
    const re = typeof regex === 'string' ? new RegExp(regex) : regex;
    this.searchResult = searchFlame(this.model, this.index, re);
    this.searchCursor = -1;
    const summary = this.searchSummary(this.searchResult);
    const value = formatValue(summary.matchedValue, this.model.unit);
    this.toolbar.setStatus(`${summary.matches} ${summary.matches === 1 ? 'match' : 'matches'} · ${summary.percent} of total (${value})`);
    this.toolbar.setSearchNavigation(summary.matches > 0);
    this.requestPaint();
    return summary;
  }

  searchNext(): void {
    this.stepSearch(1);
  }

  searchPrevious(): void {
    this.stepSearch(-1);
  }

  setOrientation(orientation: Orientation): void {
    if (orientation === this.orientation) return;
    const fromBottom = this.scroller.scrollHeight - this.scroller.clientHeight - this.scroller.scrollTop;
    this.orientation = orientation;
    this.toolbar.setOrientation(orientation);
    this.scroller.scrollTop = fromBottom;
    this.requestPaint();
  }

  zoomTo(node: number): void {
    if (node < 0 || node >= this.index.count) return;
    this.history.push(node);
    this.applyZoom(node, true);
  }

  back(): void {
    this.applyZoom(this.history.back(), true);
  }

  forward(): void {
    this.applyZoom(this.history.forward(), true);
  }

  select(node: number): void {
    if (node < -1 || node >= this.index.count) return;
    this.selected = node;
    if (node >= 0) this.announcer.textContent = this.describe(node);
    this.requestPaint();
  }

  selectByName(name: string): boolean {
    const node = this.nodesNamed(name)[0];
    if (node === undefined) return false;
    this.select(node);
    this.keepVisible(node);
    return true;
  }

  nodesNamed(name: string): number[] {
    const out: number[] = [];
    for (let n = 0; n < this.index.count; n++) if (nodeName(this.model, n) === name) out.push(n);
    return out.sort((a, b) => this.model.tree.value[b]! - this.model.tree.value[a]!);
  }

  frameRect(node: number): DOMRect | undefined {
    if (node < 0) return undefined;
    const state = this.ensureLayout();
    const i = this.rects.findNode(node);
    if (i < 0) return undefined;
    const top = rowTop(state, this.rects.depth[i]!);
    const left = Math.max(this.rects.left[i]!, 0);
    const right = Math.min(this.rects.left[i]! + this.rects.width[i]!, this.widthPx);
    if (top + ROW_HEIGHT <= 0 || top >= this.heightPx || right <= left) return undefined;
    const box = this.canvas.getBoundingClientRect();
    return new DOMRect(box.left + left, box.top + top, right - left, ROW_HEIGHT - 1);
  }

  viewState(): FlameViewState {
    return {
      orientation: this.orientation,
      zoomPath: pathToRoot(this.model, this.zoomNode).slice(1).map((n) => nodeName(this.model, n)),
      search: this.searchResult?.regex.source ?? '',
    };
  }

  restoreViewState(state: FlameViewState): void {
    this.setOrientation(state.orientation);
    let node = 0;
    for (const name of state.zoomPath) {
      const start = this.index.childStart[node]!;
      let next = -1;
      for (let c = start; c < start + this.index.childCount[node]! && next < 0; c++) {
        if (nodeName(this.model, this.index.children[c]!) === name) next = this.index.children[c]!;
      }
      if (next < 0) break;
      node = next;
    }
    this.history.reset();
    if (node !== 0) this.history.push(node);
    this.applyZoom(node, false);
    this.toolbar.setSearchText(state.search);
    this.searchFromBox(state.search);
  }

  get zoomedNode(): number {
    return this.zoomNode;
  }

  get selectedNode(): number {
    return this.selected;
  }

  exportPng(): Promise<Blob> {
    return renderPng(this.doc, this.model, this.exportLayout(), this.labels);
  }

  exportSvg(): string {
    return renderSvg(this.doc, this.model, this.exportLayout(), this.labels, this.ctx);
  }

  dispose(): void {
    cancelAnimationFrame(this.frameRequest);
    this.resizeObserver.disconnect();
    this.themeObserver.disconnect();
    for (const d of this.disposers) d();
    this.root.remove();
  }

  // ---- state changes ----

  private reset(): void {
    this.history.reset();
    this.zoomNode = 0;
    this.selected = -1;
    this.hovered = -1;
    this.window.reset(this.total());
    const empty = isEmptyModel(this.model);
    this.main.hidden = empty;
    this.empty.hidden = !empty;
    this.sizer.style.height = `${Math.max(0, (this.index.maxDepth + 1) * ROW_HEIGHT - this.heightPx)}px`;
    this.updateChrome();
  }

  private applyZoom(node: number, animate: boolean): void {
    const changed = node !== this.zoomNode;
    this.zoomNode = node;
    if (changed) this.callbacks.onZoom?.(this.viewState().zoomPath);
    const x = this.index.x[node]!;
    const v = this.model.tree.value[node]!;
    this.animateTo(x, x + (v > 0 ? v : 1), animate);
    this.updateChrome();
    this.revealRow(this.index.depth[node]!);
  }

  private animateTo(x0: number, x1: number, animate: boolean): void {
    this.window.moveTo(x0, x1, animate, performance.now());
    this.requestPaint();
  }

  private updateChrome(): void {
    this.crumbs.render(pathToRoot(this.model, this.zoomNode).map((node) => ({ node, label: nodeName(this.model, node) })));
    this.toolbar.setHistory(this.history.canGoBack, this.history.canGoForward);
    this.toolbar.setOrientation(this.orientation);
  }

  private stepSearch(direction: 1 | -1): void {
    const nodes = this.searchResult?.nodes;
    if (!nodes || nodes.length === 0) return;
    this.searchCursor = (this.searchCursor + direction + nodes.length) % nodes.length;
    const node = nodes[this.searchCursor]!;
    this.zoomTo(node);
    this.select(node);
    this.callbacks.onSelect(frameRef(this.model, node));
  }

  private searchFromBox(text: string): void {
    try {
      this.search(text === '' ? null : new RegExp(text));
      this.toolbar.setSearchValid(true);
    } catch {
      this.toolbar.setSearchValid(false);
      this.toolbar.setStatus('Invalid regular expression');
    }
  }

  private searchSummary(result: SearchResult): FlameSearchSummary {
    return {
      matches: result.nodes.length,
      matchedValue: result.matchedValue,
      total: result.total,
      percent: formatPercent(result.matchedValue, result.total).trim(),
    };
  }

  private revealRow(depth: number): void {
    const top = rowTop({ ...this.drawState(), scrollTop: 0 }, depth);
    if (top < this.scroller.scrollTop || top + ROW_HEIGHT > this.scroller.scrollTop + this.heightPx) {
      this.scroller.scrollTop = Math.max(0, top - (this.orientation === 'icicle' ? ROW_HEIGHT * 2 : this.heightPx - ROW_HEIGHT * 3));
    }
  }

  private total(): number {
    return this.index.count > 0 ? this.model.tree.value[0]! : 0;
  }

  // ---- painting ----

  private resize(): void {
    const width = this.scroller.clientWidth;
    const height = this.scroller.clientHeight;
    const firstSize = this.heightPx === 0;
    this.themeStyle = undefined;
    this.widthPx = Math.max(width, 1);
    this.heightPx = Math.max(height, 1);
    const dpr = globalThis.devicePixelRatio || 1;
    this.canvas.width = Math.round(this.widthPx * dpr);
    this.canvas.height = Math.round(this.heightPx * dpr);
    this.canvas.style.width = `${this.widthPx}px`;
    this.canvas.style.height = `${this.heightPx}px`;
    this.sizer.style.height = `${Math.max(0, (this.index.maxDepth + 1) * ROW_HEIGHT - this.heightPx)}px`;
    if (firstSize && this.orientation === 'flame') this.scroller.scrollTop = this.scroller.scrollHeight;
    this.layoutKey = '';
    this.paintNow();
  }

  /** Moving to a screen with another pixel ratio resizes nothing, so listen for the ratio itself. */
  private watchPixelRatio(): void {
    const view = this.doc.defaultView;
    if (!view) return;
    const query = view.matchMedia(`(resolution: ${view.devicePixelRatio}dppx)`);
    const onChange = (): void => {
      query.removeEventListener('change', onChange);
      this.resize();
      this.watchPixelRatio();
    };
    query.addEventListener('change', onChange);
    this.disposers.push(() => query.removeEventListener('change', onChange));
  }

  private requestPaint(): void {
    if (this.frameRequest !== 0) return;
    this.frameRequest = requestAnimationFrame(() => {
      this.frameRequest = 0;
      this.paintNow();
    });
  }

  private paintNow(): void {
    if (isEmptyModel(this.model) || this.widthPx <= 1) return;
    const started = performance.now();
    if (this.window.step(started)) this.requestPaint();
    const state = this.ensureLayout();
    const dpr = globalThis.devicePixelRatio || 1;
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawFrames(this.ctx, this.model, this.rects, state, this.labels);
    this.callbacks.onPaint?.(performance.now() - started);
  }

  /** Lays out the current window unless the last layout is still valid; hit tests need it too. */
  private ensureLayout(): DrawState {
    const state = this.drawState();
    const deepestVisible = Math.max(depthAt(state, 0), depthAt(state, this.heightPx));
    const { x0, x1 } = this.window;
    const key = `${x0},${x1},${this.widthPx},${deepestVisible}`;
    if (key !== this.layoutKey) {
      layoutFrames(this.model, this.index, { x0, x1, widthPx: this.widthPx, maxDepth: deepestVisible }, this.rects);
      this.layoutKey = key;
    }
    return state;
  }

  /** Theme colours and font from CSS, read once per theme or size change (reading forces a style pass). */
  private readThemeStyle(): { background: string; focusBorder: string; font: string } {
    if (this.themeStyle === undefined) {
      const style = getComputedStyle(this.root);
      this.themeStyle = {
        background: style.backgroundColor || '#ffffff',
        focusBorder: style.outlineColor || '#0078d4',
        font: `12px ${style.fontFamily || 'sans-serif'}`,
      };
    }
    return this.themeStyle;
  }

  private drawState(): DrawState {
    const theme = this.readThemeStyle();
    return {
      widthPx: this.widthPx,
      heightPx: this.heightPx,
      rowHeight: ROW_HEIGHT,
      scrollTop: this.scroller.scrollTop,
      totalRows: this.index.maxDepth + 1,
      orientation: this.orientation,
      palette: this.palette,
      background: theme.background,
      focusBorder: theme.focusBorder,
      font: theme.font,
      matches: this.searchResult?.frameMatches,
      selected: this.selected,
      hovered: this.hovered,
      zoomDepth: this.index.depth[this.zoomNode] ?? 0,
    };
  }

  private exportLayout(): ExportLayout {
    return layoutForExport(this.model, this.index, this.window.x0, this.window.x1, this.drawState());
  }

  // ---- input ----

  private nodeAt(e: MouseEvent): { node: number; rect: number } {
    const box = this.canvas.getBoundingClientRect();
    const x = e.clientX - box.left;
    const y = e.clientY - box.top;
    const depth = depthAt(this.ensureLayout(), y);
    const rect = this.rects.hit(x, depth);
    return { node: rect >= 0 ? this.rects.node[rect]! : -1, rect };
  }

  private onMouseMove(e: MouseEvent): void {
    if (this.drag?.moved) return;
    const { node, rect } = this.nodeAt(e);
    this.setHover(node >= 0 ? node : -1);
    if (node >= 0) this.tooltip.show(this.tooltipContent(node), e.clientX, e.clientY);
    else if (rect >= 0) this.tooltip.show(mergedTooltip(this.model, -node, this.rects.value[rect]!), e.clientX, e.clientY);
  }

  private setHover(node: number): void {
    if (node < 0) this.tooltip.hide();
    this.canvas.style.cursor = node >= 0 ? 'pointer' : 'default';
    if (node === this.hovered) return;
    this.hovered = node;
    this.requestPaint();
  }

  private onMouseDown(e: MouseEvent): void {
    if (e.button !== 0) return;
    this.drag = { startX: e.clientX, x0: this.window.x0, x1: this.window.x1, moved: false };
  }

  private onDrag(e: MouseEvent): void {
    const drag = this.drag;
    if (!drag) return;
    const dx = e.clientX - drag.startX;
    if (!drag.moved && Math.abs(dx) < 4) return;
    drag.moved = true;
    this.tooltip.hide();
    const perPx = (drag.x1 - drag.x0) / this.widthPx;
    this.setRange(drag.x0 - dx * perPx, drag.x1 - dx * perPx);
  }

  private endDrag(): void {
    if (this.drag?.moved) this.suppressClick = true;
    this.drag = undefined;
  }

  private onClick(e: MouseEvent): void {
    if (this.suppressClick) {
      this.suppressClick = false;
      return;
    }
    this.canvas.focus();
    const { node, rect } = this.nodeAt(e);
    if (node < 0) {
      if (rect >= 0) this.zoomIntoMerged(rect, e);
      return;
    }
    this.select(node);
    const ref = frameRef(this.model, node);
    this.callbacks.onSelect(ref);
    if (e.ctrlKey || e.metaKey) {
      this.callbacks.onOpenSource(ref);
      return;
    }
    this.zoomTo(node);
  }

  private zoomIntoMerged(rect: number, e: MouseEvent): void {
    const { x0, x1 } = this.window;
    const perPx = (x1 - x0) / this.widthPx;
    const px = e.clientX - this.canvas.getBoundingClientRect().left;
    const runStart = x0 + this.rects.left[rect]! * perPx;
    const runEnd = runStart + this.rects.width[rect]! * perPx;
    const [start, end] = this.window.zoomIntoRun(runStart, runEnd, x0 + px * perPx, px / this.widthPx);
    this.animateTo(start, end, true);
  }

  private onDoubleClick(e: MouseEvent): void {
    const { node } = this.nodeAt(e);
    if (node >= 0) this.callbacks.onOpenSource(frameRef(this.model, node));
  }

  /** Ctrl/Cmd+wheel (and pinch) zooms around the pointer; Shift+wheel or a sideways swipe pans. */
  private onWheel(e: WheelEvent): void {
    const { x0, x1 } = this.window;
    const span = x1 - x0;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      const box = this.canvas.getBoundingClientRect();
      const at = x0 + ((e.clientX - box.left) / this.widthPx) * span;
      this.window.zoomAround(at, Math.exp(Math.max(-1, Math.min(1, e.deltaY / 300))), this.total());
      this.requestPaint();
    } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      e.preventDefault();
      this.setRange(x0 + (e.shiftKey ? e.deltaY : e.deltaX) * (span / this.widthPx), x1 + (e.shiftKey ? e.deltaY : e.deltaX) * (span / this.widthPx));
    }
  }

  private setRange(x0: number, x1: number): void {
    this.window.setClamped(x0, x1, this.total());
    this.requestPaint();
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.target instanceof HTMLInputElement) {
      if (e.key === 'Enter' && e.shiftKey) this.searchPrevious();
      else if (e.key === 'Enter') this.searchNext();
      return;
    }
    if (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      e.preventDefault();
      if (e.key === 'ArrowLeft') this.back();
      else this.forward();
      return;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      this.back();
      return;
    }
    if (e.target !== this.canvas) return;
    const current = this.selected >= 0 ? this.selected : this.zoomNode;
    if (e.key.startsWith('Arrow')) {
      e.preventDefault();
      const next = this.selected < 0 ? current : arrowTarget(this.model, this.index, current, e.key, this.orientation);
      if (next < 0) return;
      this.select(next);
      this.callbacks.onSelect(frameRef(this.model, next));
      this.keepVisible(next);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (this.selected >= 0) this.callbacks.onOpenSource(frameRef(this.model, this.selected));
    } else if (e.key === ' ') {
      e.preventDefault();
      if (this.selected >= 0) this.zoomTo(this.selected);
    }
  }

  /** After a keyboard move: zoom out to the root or in to the frame when it is not drawn. */
  private keepVisible(node: number): void {
    const x = this.index.x[node]!;
    const v = this.model.tree.value[node]!;
    const { x0, x1 } = this.window;
    const widthPx = (v / (x1 - x0)) * this.widthPx;
    const inside = x >= x0 - 1e-9 && x + v <= x1 + 1e-9;
    if (!inside || widthPx < 1) {
      const parent = node > 0 ? this.model.tree.parent[node]! : 0;
      this.zoomTo(widthPx < 1 || parent < 0 ? node : parent);
    }
    this.revealRow(this.index.depth[node]!);
  }

  // ---- text ----

  private tooltipContent(node: number): TooltipContent {
    return frameTooltip(this.model, node);
  }

  private describe(node: number): string {
    return describeFrame(this.model, node);
  }

  private listen<K extends keyof HTMLElementEventMap>(
    target: HTMLElement | Document,
    type: K,
    handler: (e: HTMLElementEventMap[K]) => void,
    options?: AddEventListenerOptions,
  ): void {
    const listener = handler as EventListener;
    target.addEventListener(type, listener, options);
    this.disposers.push(() => target.removeEventListener(type, listener, options));
  }
}

/** Mounts the flame graph into `container`; the container should have a height. */
export function mountFlameGraph(
  container: HTMLElement,
  model: FlameGraphModel,
  callbacks: FlameGraphCallbacks,
  options: FlameGraphOptions = {},
): FlameGraphHandle {
  return new FlameGraph(container, model, callbacks, options);
}
