/**
 * The flame graph component: what is zoomed, selected, hovered and searched, and the public
 * API. The canvas (flame-canvas.ts) paints, pointer.ts and keyboard.ts turn input into the
 * actions below; colours and words come from hooks (api.ts) with plain defaults.
 */
import { frameRef, isEmptyModel, nodeName, type FlameGraphModel } from './model';
import { buildTreeIndex, nodeAtNamePath, pathToRoot, type TreeIndex } from './tree-index';
import type { Orientation } from './orientation';
import { makePalette, type Palette } from './palette';
import { detectThemeKind } from './theme';
import { searchFlame, searchStatus, summarizeSearch, type SearchResult } from './search';
import { ZoomHistory } from './history';
import { onFlameKey, type KeyTarget } from './keyboard';
import { arrowTarget } from './navigation';
import { FlameTooltip } from './tooltip';
import { plainFrameText } from './tooltip-text';
import { Breadcrumb } from './breadcrumb';
import { FlameToolbar } from './toolbar';
import { layoutForExport, renderPng, renderSvg, type ExportLayout } from './image-export';
import { adoptFlameStyles } from './styles';
import { ViewWindow } from './view-window';
import { buildScaffold } from './scaffold';
import { FlameCanvas, type FlameScene, type Hit } from './flame-canvas';
import { attachPointer, type PointerTarget } from './pointer';
import type { FlameFrameText, FlameGraphCallbacks, FlameGraphHandle, FlameGraphOptions, FlameSearchSummary, FlameViewState } from './api';

class FlameGraph implements FlameGraphHandle, PointerTarget, KeyTarget {
  private model: FlameGraphModel;
  private index: TreeIndex;
  private readonly doc: Document;
  private readonly root: HTMLDivElement;
  private readonly main: HTMLDivElement;
  private readonly empty: HTMLDivElement;
  private readonly scroller: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  private readonly announcer: HTMLDivElement;
  private readonly tooltip: FlameTooltip;
  private readonly crumbs: Breadcrumb;
  private readonly toolbar: FlameToolbar;
  private readonly painter: FlameCanvas;
  private readonly history = new ZoomHistory();
  private readonly text: FlameFrameText;
  private palette: Palette;
  private orientation: Orientation;
  readonly window: ViewWindow;
  private zoomNode = 0;
  private selected = -1;
  private hovered = -1;
  private searchResult: SearchResult | undefined;
  private searchCursor = -1;
  private readonly themeObserver: MutationObserver;
  private readonly disposers: (() => void)[] = [];

  constructor(
    container: HTMLElement,
    model: FlameGraphModel,
    private readonly callbacks: FlameGraphCallbacks,
    private readonly options: FlameGraphOptions,
  ) {
    this.doc = container.ownerDocument;
    adoptFlameStyles(this.doc);
    this.model = model;
    this.index = buildTreeIndex(model);
    this.orientation = options.orientation ?? 'icicle';
    this.window = new ViewWindow(options.animationMs ?? 160);
    this.palette = makePalette(detectThemeKind(this.doc.body));
    this.text = options.text ?? plainFrameText(() => this.model);

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
    const parts = buildScaffold(this.doc, [this.toolbar.element, this.crumbs.element], this.tooltip.element, options.label);
    ({ root: this.root, main: this.main, empty: this.empty, scroller: this.scroller, canvas: this.canvas, announcer: this.announcer } = parts);
    container.append(this.root);
    this.painter = new FlameCanvas(parts, () => this.scene(), (ms) => this.callbacks.onPaint?.(ms));

    attachPointer(this, (target, type, handler, options) => this.listen(target, type, handler, options));
    this.listen(this.root, 'keydown', (e) => onFlameKey(e, this));
    this.listen(this.scroller, 'scroll', () => this.painter.requestPaint());

    this.themeObserver = new MutationObserver(() => {
      this.palette = makePalette(detectThemeKind(this.doc.body));
      this.painter.themeChanged();
    });
    this.themeObserver.observe(this.doc.body, { attributes: true, attributeFilter: ['class'] });
    this.reset();
    this.painter.resize();
  }

  // ---- public API ----

  update(model: FlameGraphModel, index?: TreeIndex): void {
    this.model = model;
    this.index = index ?? buildTreeIndex(model);
    const pattern = this.searchResult?.regex;
    this.searchResult = undefined;
    this.reset();
    if (pattern) this.search(pattern);
    this.painter.resize();
  }

  search(regex: RegExp | string | null): FlameSearchSummary | undefined {
    if (regex === null || regex === '') {
      this.searchResult = undefined;
      this.searchCursor = -1;
      this.toolbar.setStatus('');
      this.painter.requestPaint();
      return undefined;
    }
    this.searchResult = searchFlame(this.model, this.index, typeof regex === 'string' ? new RegExp(regex) : regex);
    this.searchCursor = -1;
    const summary = summarizeSearch(this.searchResult);
    this.toolbar.setStatus(searchStatus(summary, this.model.unit));
    this.toolbar.setSearchNavigation(summary.matches > 0);
    this.painter.requestPaint();
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
    this.painter.requestPaint();
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
    if (node >= 0) this.announcer.textContent = this.text.describe(node);
    this.painter.requestPaint();
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
    return this.painter.frameRect(node);
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
    const node = nodeAtNamePath(this.model, this.index, state.zoomPath);
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
    return renderPng(this.doc, this.model, this.exportLayout(), this.painter.labels);
  }

  exportSvg(): string {
    return renderSvg(this.doc, this.model, this.exportLayout(), this.painter.labels, this.painter.context, (n) => this.text.describe(n));
  }

  dispose(): void {
    this.painter.dispose();
    this.themeObserver.disconnect();
    for (const d of this.disposers) d();
    this.root.remove();
  }

  // ---- state changes ----

  private scene(): FlameScene {
    const { colour } = this.options;
    const palette = this.palette;
    return {
      model: this.model,
      index: this.index,
      window: this.window,
      orientation: this.orientation,
      palette,
      fill: colour ? (node) => colour(node, palette.kind) : (node) => palette.frameFill(nodeName(this.model, node)),
      matches: this.searchResult?.frameMatches,
      selected: this.selected,
      hovered: this.hovered,
      zoomNode: this.zoomNode,
    };
  }

  private reset(): void {
    this.history.reset();
    this.zoomNode = 0;
    this.selected = -1;
    this.hovered = -1;
    this.window.reset(this.total());
    const empty = isEmptyModel(this.model);
    this.main.hidden = empty;
    this.empty.hidden = !empty;
    this.painter.setRows(this.index.maxDepth + 1);
    this.painter.invalidate();
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
    this.painter.revealRow(this.index.depth[node]!);
  }

  animateTo(x0: number, x1: number, animate = true): void {
    this.window.moveTo(x0, x1, animate, performance.now());
    this.painter.requestPaint();
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

  total(): number {
    return this.index.count > 0 ? this.model.tree.value[0]! : 0;
  }

  private exportLayout(): ExportLayout {
    return layoutForExport(this.model, this.index, this.window.x0, this.window.x1, this.painter.drawState());
  }

  // ---- what input means (pointer.ts and keyboard.ts call these) ----

  widthPx(): number {
    return this.painter.widthPx;
  }

  hit(clientX: number, clientY: number): Hit {
    return this.painter.hit(clientX, clientY);
  }

  repaint(): void {
    this.painter.requestPaint();
  }

  hover(hit: Hit | undefined, clientX: number, clientY: number): void {
    const node = hit && hit.node >= 0 ? hit.node : -1;
    if (node >= 0) this.tooltip.show(this.text.tooltip(node), clientX, clientY);
    else if (hit && hit.rect >= 0) this.tooltip.show(this.text.merged(-hit.node, hit.value), clientX, clientY);
    else this.tooltip.hide();
    this.canvas.style.cursor = node >= 0 ? 'pointer' : 'default';
    if (node === this.hovered) return;
    this.hovered = node;
    this.painter.requestPaint();
  }

  activate(node: number, openSource: boolean): void {
    this.select(node);
    const ref = frameRef(this.model, node);
    this.callbacks.onSelect(ref);
    if (openSource) this.callbacks.onOpenSource(ref);
    else this.zoomTo(node);
  }

  open(node: number): void {
    this.callbacks.onOpenSource(frameRef(this.model, node));
  }

  contextMenu(node: number, clientX: number, clientY: number): void {
    this.callbacks.onContextMenu?.(frameRef(this.model, node), clientX, clientY);
  }

  openSelected(): void {
    if (this.selected >= 0) this.open(this.selected);
  }

  zoomSelected(): void {
    if (this.selected >= 0) this.zoomTo(this.selected);
  }

  move(key: string): void {
    const current = this.selected >= 0 ? this.selected : this.zoomNode;
    const next = this.selected < 0 ? current : arrowTarget(this.model, this.index, current, key, this.orientation);
    if (next < 0) return;
    this.select(next);
    this.callbacks.onSelect(frameRef(this.model, next));
    this.keepVisible(next);
  }

  /** After a keyboard move: zoom out to the root or in to the frame when it is not drawn. */
  private keepVisible(node: number): void {
    const x = this.index.x[node]!;
    const v = this.model.tree.value[node]!;
    const { x0, x1 } = this.window;
    const widthPx = (v / (x1 - x0)) * this.painter.widthPx;
    const inside = x >= x0 - 1e-9 && x + v <= x1 + 1e-9;
    if (!inside || widthPx < 1) {
      const parent = node > 0 ? this.model.tree.parent[node]! : 0;
      this.zoomTo(widthPx < 1 || parent < 0 ? node : parent);
    }
    this.painter.revealRow(this.index.depth[node]!);
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
