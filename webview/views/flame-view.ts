/** The "Flame Graph" tab: the flame component fed with the worker's flame tree. */
import type { StackTreeView, ViewQuery } from '../../src/shared/view-model';
import { clear, element } from '../dom';
import { mountFlameGraph, type FlameGraphHandle, type FlameGraphModel } from '../flame';
import { mountDiffFlame, type DiffFlameHandle } from './diff-flame';
import { emptyState, isFiltered } from './empty-state';
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
  private diff: DiffFlameHandle | undefined;
  private shownKey = '';
  private search: RegExp | undefined;
  private selection: string | undefined;
  /** When the last flame tree arrived; its first paint is reported as data-first-paint-ms. */
  private dataAt = 0;
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
    const view = await this.context.rpc.request('flame', query);
    if (!isCurrent()) return;
    this.shownKey = key;
    this.context.showTotal(view.totalText);
    this.dataAt = performance.now();
    this.render(view, query);
  }

  private render(view: StackTreeView, query: ViewQuery): void {
    this.unmount();
    clear(this.host);
    if (!(view.total !== 0)) {
      this.host.append(emptyState(this.context.summary, query.sampleIndex, isFiltered(query)));
      return;
    }
    if (view.base) {
      this.diff = mountDiffFlame(this.host, view, {
        onSelect: (name) => this.context.select(name),
        onOpenSource: (file, line) => this.context.openSource(file, line),
      });
    } else {
      const model: FlameGraphModel = { tree: view, unit: view.unit, rootName: 'root' };
      this.handle = mountFlameGraph(this.host, model, {
        onSelect: (frame) => this.context.select(frame.name),
        onOpenSource: (frame) => this.context.openSource(frame.file, frame.line),
        onCaptureImage: (format) => void this.capture(format),
        onZoom: (path) => this.context.flameZoom(path),
        onPaint: () => {
          if (this.dataAt === 0) return;
          this.host.dataset.firstPaintMs = (performance.now() - this.dataAt).toFixed(1);
          this.dataAt = 0;
        },
      }, { searchBox: false });
    }
    this.applySearch();
    if (this.selection !== undefined) this.setSelection(this.selection);
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
    if (this.handle) {
      const summary = this.handle.search(this.search ?? null);
      this.context.searchStatus(summary ? `${summary.matches} ${summary.matches === 1 ? 'match' : 'matches'} · ${summary.percent} of total` : '');
    } else if (this.diff) {
      this.context.searchStatus(this.diff.search(this.search));
    }
  }

  setSelection(name: string | undefined): void {
    this.selection = name;
    if (this.handle) {
      const named = name === undefined ? [] : this.handle.nodesNamed(name);
      // Keep the frame the user clicked when it already has this name; else the widest one.
      if (!named.includes(this.handle.selectedNode)) this.handle.select(named[0] ?? -1);
    }
    this.diff?.select(name);
  }

  revealFunction(name: string): void {
    this.selection = name;
    if (this.handle) this.handle.selectByName(name);
    else this.diff?.select(name);
  }

  private unmount(): void {
    this.handle?.dispose();
    this.handle = undefined;
    this.diff?.dispose();
    this.diff = undefined;
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
