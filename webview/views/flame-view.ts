/**
 * The "Flame Graph" tab: the flame component fed with the worker's flame tree. A comparison
 * is drawn by the same component, coloured by change (diff-colors.ts) and described with base,
 * current and delta (diff-model.ts), with the diff panel around it.
 */
import { summaryTotalText } from '../../src/shared/diff-view';
import type { StackTreeView, ViewQuery } from '../../src/shared/view-model';
import { clear, element } from '../dom';
import { mountFlameGraph, orderedTreeIndexInSlices, searchStatus, type FlameGraphCallbacks, type FlameGraphHandle, type FlameGraphModel, type FlameGraphOptions, type TreeIndex } from '../flame';
import { mergedLabel } from '../flame/labels';
import { diffFill } from './diff-colors';
import { changeShare, describeChange, diffFlame, diffTooltip, isComparison, type DiffFlame } from './diff-model';
import { DiffPanel } from './diff-panel';
import { emptyState, isFiltered } from './empty-state';
import { sandwichMenu } from './function-menu';
import { namePath } from './transform-menu';
import { wholeTree } from './tree-parts';
import { queryKey, type ProfileViewModule, type ViewContext, type ViewInstance } from './view-module';

function blobToBase64(blob: Blob): Promise<string> {
  return blob.arrayBuffer().then((buffer) => {
    const bytes = new Uint8Array(buffer);
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  });
}

class FlameView implements ViewInstance {
  private handle: FlameGraphHandle | undefined;
  /** The comparison on screen, if any; the colour and text hooks read it. */
  private diff: DiffFlame | undefined;
  /** Kept across reloads of the tab's data (a filter change keeps the choice). */
  private normalise = false;
  private shownKey = '';
  private search: RegExp | undefined;
  /** The unit of the flame tree on screen, for the search status. */
  private unit = '';
  private selection: string | undefined;
  /** When the last flame tree arrived; its first paint is reported as data-first-paint-ms. */
  private dataAt = 0;
  /** The data on screen (or being drawn) is the whole tree: its next paint stamps data-complete-at. */
  private whole = false;
  /** The tree on screen: the coarse one, then the whole one (frame.node ids are its nodes). */
  private tree: StackTreeView | undefined;
  private readonly host = element('div', { className: 'flame-host', attrs: { 'data-testid': 'flame-view' } });

  constructor(
    private readonly container: HTMLElement,
    private readonly context: ViewContext,
  ) {
    container.append(this.host);
  }

  async show(query: ViewQuery, isCurrent: () => boolean): Promise<void> {
    const key = queryKey(query);
    if (key === this.shownKey) return;
    // A big tree comes in two steps: its coarse part paints at once, the whole tree follows.
    const view = await this.context.rpc.request('flame', query);
    if (!isCurrent()) return;
    this.shownKey = key;
    this.context.showTotal(summaryTotalText(view));
    this.dataAt = performance.now();
    this.whole = view.coarse === undefined;
    this.host.dataset.coarse = String(!this.whole);
    this.render(view, query);
    if (!view.coarse) return;
    // Let the coarse tree paint before the whole tree's messages take the main thread.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const whole = await wholeTree(await this.context.rpc.request('flameWhole', query), query, this.context.rpc);
    const stillShown = (): boolean => isCurrent() && this.shownKey === key;
    if (!stillShown()) return;
    // Index the whole tree (millions of nodes) in slices between tasks, not in one long task.
    const model: FlameGraphModel = { tree: whole, unit: whole.unit, rootName: 'root' };
    const index = await orderedTreeIndexInSlices(model, () => new Promise((resolve) => setTimeout(() => resolve(stillShown()), 0)));
    if (!stillShown()) return;
    this.refine(whole, model, index);
  }

  /** Draws the whole tree in place of the coarse one, keeping the zoom, search and selection (by name). */
  private refine(whole: StackTreeView, model: FlameGraphModel, index: TreeIndex | undefined): void {
    const handle = this.handle;
    if (!handle) return;
    const state = handle.viewState();
    this.whole = true;
    this.tree = whole;
    handle.update(model, index);
    handle.restoreViewState(state);
    this.applySearch();
    if (this.selection !== undefined) this.setSelection(this.selection);
    this.host.dataset.coarse = 'false';
  }

  private render(view: StackTreeView, query: ViewQuery): void {
    this.unmount();
    clear(this.host);
    this.tree = view;
    const comparison = isComparison(view);
    this.unit = view.unit;
    if (!(view.total !== 0 || (comparison && view.base![0]! !== 0))) {
      this.host.append(emptyState(this.context.summary, query.sampleIndex, isFiltered(query)));
      // "Nothing to show" is this data's paint too (a capture taken before anything was allocated).
      this.host.dataset.paintedAt = this.host.dataset.completeAt = String(Date.now());
      this.dataAt = 0;
      this.whole = false;
      return;
    }
    const callbacks: FlameGraphCallbacks = {
      onSelect: (frame) => this.context.select(frame.name),
      onOpenSource: (frame) => this.context.openSource(frame.file, frame.line, frame.name),
      onContextMenu: (frame, x, y) => {
        if (frame.node > 0) {
          const more = this.context.transformItems(frame.name, namePath(this.tree ?? view, frame.node));
          sandwichMenu(frame.name, x, y, (name) => this.context.openSandwich(name), more);
        }
      },
      onCaptureImage: (format) => void this.capture(format),
      onZoom: (path) => this.context.flameZoom(path),
      onPaint: () => {
        if (this.whole) {
          // Wall-clock time the whole tree was first drawn (the coarse tree's paint comes before it).
          this.host.dataset.completeAt = String(Date.now());
          this.whole = false;
        }
        if (this.dataAt === 0) return;
        this.host.dataset.firstPaintMs = (performance.now() - this.dataAt).toFixed(1);
        // Wall-clock time of that paint, for benchmarks that time a click in the workbench to it.
        this.host.dataset.paintedAt = String(Date.now());
        this.dataAt = 0;
      },
    };
    if (comparison) this.mountDiff(view, callbacks);
    else this.handle = mountFlameGraph(this.host, { tree: view, unit: view.unit, rootName: 'root' }, callbacks, { searchBox: false });
    const zoom = this.context.takeZoom();
    if (zoom.length > 0 && this.handle) this.handle.restoreViewState({ ...this.handle.viewState(), zoomPath: zoom });
    this.applySearch();
    if (this.selection !== undefined) this.setSelection(this.selection);
  }

  private mountDiff(view: StackTreeView, callbacks: FlameGraphCallbacks): void {
    this.diff = diffFlame(view, this.normalise);
    const panel = new DiffPanel(view.baseSource ?? 'the base', this.normalise, {
      normalise: (on) => {
        this.normalise = on;
        this.diff = diffFlame(view, on);
        const handle = this.handle!;
        const state = handle.viewState();
        handle.update(this.diff.model);
        handle.restoreViewState(state);
        this.applySearch();
        if (this.selection !== undefined) this.setSelection(this.selection);
        panel.show(this.diff);
      },
      reveal: (change) => {
        this.context.select(change.name);
        this.revealFunction(change.name);
      },
    });
    const graph = element('div', { className: 'diff-graph', attrs: { 'data-testid': 'diff-flame' } });
    this.host.classList.add('diff-host');
    this.host.append(panel.bar, graph, panel.changes);
    const options: FlameGraphOptions = {
      searchBox: false,
      label: 'Diff flame graph: red grew, green shrank. Arrow keys move between frames, Enter opens the source, Space zooms, Escape goes back.',
      colour: (node, theme) => diffFill(changeShare(this.diff!, node), theme),
      text: {
        tooltip: (node) => diffTooltip(this.diff!, node),
        merged: (count) => ({ name: mergedLabel(count), location: '', lines: [{ className: 'gp-parent', text: 'Click to zoom in on them' }], value: 0 }),
        describe: (node) => describeChange(this.diff!, node),
      },
    };
    this.handle = mountFlameGraph(graph, this.diff.model, callbacks, options);
    panel.show(this.diff);
  }

  private async capture(format: 'png' | 'svg'): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    const data = format === 'png' ? await blobToBase64(await handle.exportPng()) : handle.exportSvg();
    this.context.saveImage(format, data);
  }

  setSearch(pattern: RegExp | undefined): void {
    this.search = pattern;
    this.applySearch();
  }

  private applySearch(): void {
    if (!this.handle) return;
    const summary = this.handle.search(this.search ?? null);
    if (!summary) return this.context.searchStatus('');
    // In a comparison the graph's total is base + current: a share of it would mean nothing.
    if (this.diff) return this.context.searchStatus(`${summary.matches} ${summary.matches === 1 ? 'match' : 'matches'}`);
    // The one search status on the page (the flame component shows none of its own here).
    this.context.searchStatus(searchStatus(summary, this.unit));
  }

  setSelection(name: string | undefined): void {
    this.selection = name;
    if (!this.handle) return;
    const named = name === undefined ? [] : this.handle.nodesNamed(name);
    // Keep the frame the user clicked when it already has this name; else the widest one.
    if (!named.includes(this.handle.selectedNode)) this.handle.select(named[0] ?? -1);
  }

  revealFunction(name: string): void {
    this.selection = name;
    this.handle?.selectByName(name);
  }

  private unmount(): void {
    this.handle?.dispose();
    this.handle = undefined;
    this.diff = undefined;
    this.host.classList.remove('diff-host');
  }

  dispose(): void {
    this.unmount();
    this.container.replaceChildren();
  }
}

export const flameViewModule: ProfileViewModule = {
  id: 'flame',
  title: 'Flame Graph',
  create: (container, context) => new FlameView(container, context),
};
