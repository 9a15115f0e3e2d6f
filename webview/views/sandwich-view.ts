/**
 * The "Sandwich" tab: the selected function's callers as an inverted flame above it and its
 * callees as a flame below it, merged from every place it occurs (analysis/sandwich.ts), both
 * drawn by the one flame renderer, with pprof's -peek rows and the function's flat/cum beside.
 * Shows the shared selection; a right-click on a frame re-centres the sandwich on it.
 */
import type { SandwichView } from '../../src/shared/sandwich-view';
import type { StackTreeView, ViewQuery } from '../../src/shared/view-model';
import { element } from '../dom';
import { mountFlameGraph, searchStatus, type FlameGraphHandle, type Orientation } from '../flame';
import { sandwichMenu } from './function-menu';
import { peekPane } from './peek-pane';
import { searchMatches } from './sandwich-matches';
import { queryKey, type ProfileViewModule, type ViewContext, type ViewInstance } from './view-module';

const HINT = 'Select a function in any view (or right-click it and choose Sandwich, or search for it) to see its callers above and its callees below.';

interface Half {
  readonly host: HTMLElement;
  handle?: FlameGraphHandle;
}

class SandwichViewInstance implements ViewInstance {
  private query: ViewQuery | undefined;
  private selection: string | undefined;
  private shownKey = '';
  private search: RegExp | undefined;
  private unit = '';
  private generation = 0;
  private searchGeneration = 0;
  private readonly matches = element('div');
  private readonly message = element('p', { className: 'muted', text: HINT, attrs: { 'data-testid': 'sandwich-empty' } });
  private readonly callers: Half = { host: element('div', { className: 'sandwich-half', attrs: { 'data-testid': 'sandwich-callers' } }) };
  private readonly callees: Half = { host: element('div', { className: 'sandwich-half', attrs: { 'data-testid': 'sandwich-callees' } }) };
  private readonly side = element('div', { className: 'peek', attrs: { 'data-testid': 'sandwich-peek', 'aria-live': 'polite' } });
  private readonly graphs = element('div', { className: 'sandwich-graphs' }, [
    element('h3', { text: 'Callers (the function at the bottom, its callers above)' }),
    this.callers.host,
    element('h3', { text: 'Callees (the function at the top, its callees below)' }),
    this.callees.host,
  ]);

  constructor(
    private readonly container: HTMLElement,
    private readonly context: ViewContext,
  ) {
    container.append(element('div', { className: 'sandwich', attrs: { 'data-testid': 'sandwich-view' } }, [this.message, this.matches, element('div', { className: 'tree-split' }, [this.graphs, this.side])]));
    this.graphs.hidden = true;
  }

  async show(query: ViewQuery, isCurrent: () => boolean): Promise<void> {
    this.query = query;
    if (isCurrent()) await this.load();
  }

  private async load(): Promise<void> {
    const { query, selection: name } = this;
    if (!query) return;
    if (name === undefined) return this.clear();
    const key = queryKey({ ...query, name } as ViewQuery);
    if (key === this.shownKey) return;
    const generation = ++this.generation;
    const view = await this.context.rpc.request('sandwich', { ...query, name });
    if (generation !== this.generation) return;
    this.shownKey = key;
    this.render(view);
  }

  private clear(): void {
    this.shownKey = '';
    this.unmount();
    this.side.replaceChildren();
    this.graphs.hidden = true;
    this.message.hidden = false;
  }

  private render(view: SandwichView): void {
    this.unmount();
    this.unit = view.callers.unit;
    this.message.hidden = true;
    this.graphs.hidden = false;
    this.side.replaceChildren(...peekPane(view.peek, { select: (name) => this.context.select(name) }));
    this.mount(this.callers, view.callers, 'flame', view.peek.name);
    this.mount(this.callees, view.callees, 'icicle', view.peek.name);
    this.applySearch();
  }

  private mount(half: Half, tree: StackTreeView, orientation: Orientation, name: string): void {
    half.host.dataset.total = String(tree.total);
    if (tree.total === 0) {
      half.host.replaceChildren(element('p', { className: 'muted', text: `No samples in ${name} under the current filters.` }));
      return;
    }
    half.handle = mountFlameGraph(
      half.host,
      { tree, unit: tree.unit, rootName: name },
      {
        onSelect: (frame) => {
          if (frame.node > 0) this.context.select(frame.name);
        },
        onOpenSource: (frame) => this.context.openSource(frame.file, frame.line, frame.name),
        onContextMenu: (frame, x, y) => sandwichMenu(frame.name, x, y, (n) => this.context.openSandwich(n)),
      },
      { searchBox: false, orientation, animationMs: 0, label: `${orientation === 'flame' ? 'Callers' : 'Callees'} of ${name}. Arrow keys move between frames, Enter opens the source.` },
    );
  }

  setSearch(pattern: RegExp | undefined): void {
    this.search = pattern;
    this.applySearch();
    this.listMatches(pattern).catch((error: unknown) => this.matches.replaceChildren(element('p', { className: 'error-message', text: String(error) })));
  }

  /** The functions the search matches, to pick a sandwich from (the search box as a way in). */
  private async listMatches(pattern: RegExp | undefined): Promise<void> {
    const generation = ++this.searchGeneration;
    if (!pattern || !this.query) return this.matches.replaceChildren();
    const top = await this.context.rpc.request('top', this.query);
    if (generation === this.searchGeneration) this.matches.replaceChildren(searchMatches(top, pattern, (name) => this.context.openSandwich(name)));
  }

  private applySearch(): void {
    const summaries = [this.callers, this.callees].map((h) => h.handle?.search(this.search ?? null));
    const matches = summaries.reduce((n, s) => n + (s?.matches ?? 0), 0);
    const first = summaries.find((s) => s !== undefined);
    // Callers and callees overlap at the function, so no share of the total is claimed here.
    if (!first) this.context.searchStatus('');
    else if (summaries.filter((s) => s !== undefined).length === 1) this.context.searchStatus(searchStatus(first, this.unit));
    else this.context.searchStatus(`${matches} ${matches === 1 ? 'match' : 'matches'}`);
  }

  setSelection(name: string | undefined): void {
    // The sandwich stays on its function while frames inside it are clicked; a selection
    // made elsewhere (another tab, the peek list) moves it.
    if (name === undefined || name === this.selection || this.isFrameInside(name)) return;
    this.selection = name;
    void this.load().catch((error: unknown) => this.side.replaceChildren(element('p', { className: 'error-message', text: String(error) })));
  }

  private isFrameInside(name: string): boolean {
    return [this.callers, this.callees].some((h) => h.handle !== undefined && h.handle.selectedNode > 0 && h.handle.nodesNamed(name).includes(h.handle.selectedNode));
  }

  /** Shows the sandwich of `name` (the "Sandwich" actions of the other views). */
  revealFunction(name: string): void {
    this.selection = name;
    void this.load();
  }

  private unmount(): void {
    for (const half of [this.callers, this.callees]) {
      half.handle?.dispose();
      half.handle = undefined;
      half.host.replaceChildren();
    }
  }

  dispose(): void {
    this.unmount();
    this.container.replaceChildren();
  }
}

export const sandwichViewModule: ProfileViewModule = {
  id: 'sandwich',
  title: 'Sandwich',
  create: (container, context) => new SandwichViewInstance(container, context),
};
