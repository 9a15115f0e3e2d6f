/**
 * The profile editor's webview: waits for the host's init, then shows the metadata, the
 * shared toolbar and the views (tabs); or the decoder's error. Every view is computed from
 * one query (sample type, granularity, filters, comparison); selection and search are shared.
 */
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import type { HostToWebview, WebviewState } from '../src/shared/protocol';
import { assertNever } from '../src/shared/rpc';
import type { ProfileSummary, ViewQuery } from '../src/shared/view-model';
import { compileGoRegexp } from '../src/shared/go-regexp';
import { clear, element } from './dom';
import type { Transform } from '../src/shared/transforms';
import { FilterHistory, restoredFilters, savedFilters, viewQuery } from './filters';
import { Host } from './host';
import { renderMeta } from './meta';
import { errorBlock, loadingBlock, waitingBlock } from './status-blocks';
import { fitView } from './saved-view';
import { SharedToolbar } from './toolbar/shared-toolbar';
import { TransformBar } from './toolbar/transform-bar';
import { transformMenuItems } from './views/transform-menu';
import { flameViewModule } from './views/flame-view';
import { topViewModule } from './views/top-view';
import { treeViewModule } from './views/tree-view';
import { callGraphViewModule } from './views/callgraph-view';
import { goroutinesViewModule } from './views/goroutines-view';
import { sandwichViewModule } from './views/sandwich-view';
import { sourceViewModule } from './views/source-view';
import { disasmViewModule } from './views/disasm-view';
import { setMoreFunctionMenuItems } from './views/function-menu';
import { labelsViewModule } from './views/labels-view';
import type { ProfileViewModule, ViewContext, ViewInstance } from './views/view-module';

/** Every view, in tab order; the first is the default. Adding a view = adding its module here. */
const views: readonly ProfileViewModule[] = [flameViewModule, topViewModule, treeViewModule, sandwichViewModule, sourceViewModule, disasmViewModule, callGraphViewModule, goroutinesViewModule, labelsViewModule];

interface OpenView {
  readonly module: ProfileViewModule;
  readonly panel: HTMLElement;
  readonly content: HTMLElement;
  readonly instance: ViewInstance;
}

export class App {
  private readonly host = new Host((message) => this.receive(message));
  private summary: ProfileSummary | undefined;
  private modulePath: string | undefined;
  private sampleIndex = 0;
  private history = new FilterHistory();
  private baseSource: string | undefined;
  private search: RegExp | undefined;
  private selection: string | undefined;
  private activeView: ProfileViewModule = views[0]!;
  private generation = 0;
  private toolbar: SharedToolbar | undefined;
  private readonly transformBar = new TransformBar((index) => this.removeTransform(index));
  private readonly metaSlot = element('details', { className: 'meta-slot' });
  private readonly open = new Map<string, OpenView>();
  /** Shows a view's tab (set once the tabs exist). */
  private showTab: ((module: ProfileViewModule) => void) | undefined;
  /** A reveal asked for before the profile was shown. */
  private pendingReveal: { readonly name: string; readonly module: ProfileViewModule } | undefined;
  /** A saved view the host applied before the profile was shown. */
  private pendingView: { readonly name: string; readonly state: WebviewState } | undefined;
  /** The flame zoom (frame names) to restore on the flame graph's next drawing, from the saved state. */
  private pendingZoom: readonly string[] | undefined;
  /** The flame graph's zoom on screen (frame names from the root's child), [] when not zoomed. */
  private zoomPath: readonly string[] = [];

  constructor(private readonly root: HTMLElement) {
    this.showOnly(loadingBlock('profile'));
    setMoreFunctionMenuItems((name) => [
      { label: 'Show Source', testId: 'menu-source', run: () => void this.revealFunction(name, sourceViewModule) },
      { label: 'Show Disassembly', testId: 'menu-disasm', run: () => void this.revealFunction(name, disasmViewModule) },
    ]);
    document.addEventListener('keydown', (e) => this.undoKeys(e));
  }

  start(): void {
    this.host.ready();
  }

  private receive(message: HostToWebview): void {
    switch (message.kind) {
      case 'init':
        this.host.rpc.clearSeeds();
        if (message.fresh) this.forgetProfile();
        this.showOnly(loadingBlock(message.fileName));
        break;
      case 'waiting':
        this.showOnly(waitingBlock(message.title, message.detail));
        break;
      case 'loaded':
        if (message.answered) this.host.rpc.seed(message.answered.method, message.answered.params, message.answered.result);
        this.modulePath = message.modulePath;
        this.showProfile(message.summary);
        break;
      case 'failed':
        this.showOnly(errorBlock(message.message));
        break;
      case 'baseLoaded':
        this.baseSource = message.source;
        this.toolbar?.setBase(message.source);
        this.refresh();
        break;
      case 'baseFailed':
        this.toolbar?.showError(message.message);
        break;
      case 'requestState':
        this.host.post({ kind: 'viewState', state: this.currentState() });
        break;
      case 'applyView':
        this.applyView(message.name, message.state);
        break;
      case 'revealFunction':
        void this.revealFunction(message.name, message.view === 'sandwich' ? sandwichViewModule : flameViewModule);
        break;
      case 'response':
        this.host.rpc.handleResponse(message);
        break;
      default:
        assertNever(message, 'host message');
    }
  }

  /** The next profile starts as a new editor would: nothing of the previous one is kept. */
  private forgetProfile(): void {
    this.host.clearState();
    this.summary = undefined;
    this.showTab = undefined;
    this.history = new FilterHistory();
    this.baseSource = undefined;
    this.search = undefined;
    this.selection = undefined;
    this.activeView = views[0]!;
    this.pendingReveal = undefined;
    this.pendingView = undefined;
    this.pendingZoom = undefined;
    this.zoomPath = [];
  }

  /** Shows `block` alone in the page: decoding, waiting for a capture, or the decoder's error. */
  private showOnly(block: HTMLElement): void {
    clear(this.root);
    this.root.append(block);
  }

  private get query(): ViewQuery {
    return viewQuery(this.sampleIndex, this.history.current, this.baseSource !== undefined);
  }

  private showProfile(summary: ProfileSummary): void {
    this.summary = summary;
    const saved = this.host.state;
    const count = summary.sampleTypes.length;
    this.sampleIndex = saved.sampleIndex !== undefined && saved.sampleIndex < count ? saved.sampleIndex : summary.defaultSampleTypeIndex;
    this.activeView = views.find((v) => v.id === saved.view && (v.appliesTo?.(summary) ?? true)) ?? this.activeView;
    const restored = restoredFilters(saved);
    if (restored && !this.history.canUndo && !this.history.canRedo) this.history = new FilterHistory(restored);
    this.pendingZoom = saved.zoomPath;
    for (const v of this.open.values()) v.instance.dispose();
    this.open.clear();

    clear(this.root);
    this.toolbar = new SharedToolbar(summary, this.sampleIndex, this.history.current, this.modulePath, {
      sampleIndex: (index) => {
        this.sampleIndex = index;
        this.host.saveState({ sampleIndex: index });
        this.renderMeta(undefined);
        this.refresh();
      },
      filters: (next) => this.changeFilters(() => this.history.push(next)),
      undo: () => this.changeFilters(() => (this.history.undo(), true)),
      redo: () => this.changeFilters(() => (this.history.redo(), true)),
      search: (text) => this.setSearch(text),
      compare: () => this.host.post({ kind: 'compareWith' }),
      stopComparing: () => {
        this.baseSource = undefined;
        this.host.post({ kind: 'stopComparing' });
        this.toolbar?.setBase(undefined);
        this.refresh();
      },
      saveView: () => this.host.post({ kind: 'saveView' }),
    });
    this.toolbar.setFilters(this.history.current, this.history.canUndo, this.history.canRedo);
    if (this.baseSource !== undefined) this.toolbar.setBase(this.baseSource);

    const tabs = element('vscode-tabs', { attrs: { panel: '' } });
    for (const module of views) {
      const header = element('vscode-tab-header', { text: module.title, attrs: { slot: 'header', 'data-view': module.id, 'data-testid': `tab-${module.id}` } });
      header.hidden = module.appliesTo ? !module.appliesTo(summary) : false;
      tabs.append(header);
      const content = element('div', { className: `view-content view-${module.id}` });
      const panel = element('vscode-tab-panel', { attrs: { 'data-view': module.id } }, [content]);
      tabs.append(panel);
      this.open.set(module.id, { module, panel, content, instance: module.create(content, this.context(summary)) });
    }
    tabs.selectedIndex = views.indexOf(this.activeView);
    this.showTab = (module) => (tabs.selectedIndex = views.indexOf(module));
    tabs.addEventListener('vsc-tabs-select', () => {
      const next = views[tabs.selectedIndex];
      if (next && next !== this.activeView) {
        this.activeView = next;
        this.host.saveState({ view: next.id });
        void this.renderView();
      }
    });
    this.metaSlot.open = false;
    this.transformBar.show(this.history.current.transforms);
    this.root.append(this.metaSlot, this.toolbar.element, this.transformBar.element, tabs);
    this.renderMeta(undefined);
    void this.renderView();
    const pendingView = this.pendingView;
    this.pendingView = undefined;
    if (pendingView !== undefined) this.applyView(pendingView.name, pendingView.state);
    const reveal = this.pendingReveal;
    this.pendingReveal = undefined;
    if (reveal !== undefined) void this.revealFunction(reveal.name, reveal.module);
  }

  /**
   * The editor hover's "Reveal in the profile" (the Flame tab) and the "Sandwich" actions (the
   * Sandwich tab): that tab, with the function selected and in view.
   */
  private async revealFunction(name: string, module: ProfileViewModule = flameViewModule): Promise<void> {
    if (!this.summary || !this.showTab) {
      this.pendingReveal = { name, module };
      return;
    }
    this.selection = name;
    if (this.activeView !== module) {
      this.activeView = module;
      this.host.saveState({ view: module.id });
      this.showTab(module);
    }
    await this.renderView();
    this.openView()?.instance.revealFunction?.(name);
  }

  /** Everything a saved view keeps: the kept state (fields added by other features included) and what is on screen. */
  private currentState(): WebviewState {
    const type = this.summary?.sampleTypes[this.sampleIndex]?.type;
    return {
      ...this.host.state,
      sampleIndex: this.sampleIndex,
      ...(type !== undefined ? { sampleType: type } : {}),
      view: this.activeView.id,
      ...savedFilters(this.history.current),
      zoomPath: this.zoomPath,
    };
  }

  /** A saved view: as much of its state as this profile takes, shown as if restored (the filter change can be undone). */
  private applyView(name: string, view: WebviewState): void {
    const summary = this.summary;
    if (!summary) {
      this.pendingView = { name, state: view };
      return;
    }
    const fitted = fitView(view, this.host.state, summary, (id) => views.some((v) => v.id === id && (v.appliesTo?.(summary) ?? true)));
    this.host.saveState(fitted.state);
    const filters = restoredFilters(fitted.state);
    if (filters) this.history.push(filters);
    this.showProfile(summary);
    this.host.post({ kind: 'viewApplied', name, notApplied: fitted.notApplied });
  }

  private context(summary: ProfileSummary): ViewContext {
    return {
      summary,
      rpc: this.host.rpc,
      showTotal: (text) => this.renderMeta(text),
      select: (name) => this.select(name),
      openSandwich: (name) => void this.revealFunction(name, sandwichViewModule),
      openSource: (file, line, functionName) => this.host.post({ kind: 'openSource', file, line, functionName }),
      saveImage: (format, data) => this.host.post({ kind: 'saveImage', format, data }),
      searchStatus: (text) => this.toolbar?.setSearchStatus(text),
      flameZoom: (path) => {
        this.zoomPath = path;
        this.host.saveState({ zoomPath: path });
        this.host.post({ kind: 'flameZoom', path });
      },
      takeZoom: () => {
        const zoom = this.pendingZoom ?? [];
        this.pendingZoom = undefined;
        // A new flame tree starts unzoomed unless a saved zoom is restored on it.
        if (zoom.length === 0) {
          this.zoomPath = [];
          if (this.host.state.zoomPath?.length) this.host.saveState({ zoomPath: [] });
        }
        return zoom;
      },
      transformItems: (name, path) => transformMenuItems(name, path, this.history.current.granularity, (t) => this.applyTransform(t)),
      filters: () => this.history.current,
      setFilters: (next) => this.changeFilters(() => this.history.push(next)),
    };
  }

  private changeFilters(change: () => boolean): void {
    if (!change()) return;
    this.host.saveState(savedFilters(this.history.current));
    this.toolbar?.setFilters(this.history.current, this.history.canUndo, this.history.canRedo);
    this.transformBar.show(this.history.current.transforms);
    this.refresh();
  }

  private applyTransform(t: Transform): void {
    const current = this.history.current;
    this.changeFilters(() => this.history.push({ ...current, transforms: [...current.transforms, t] }));
  }

  /** A chip's ×: that transform alone goes, the rest stay in order. */
  private removeTransform(index: number): void {
    const current = this.history.current;
    this.changeFilters(() => this.history.push({ ...current, transforms: current.transforms.filter((_, i) => i !== index) }));
  }

  /**
   * Ctrl/Cmd+Z undoes and Ctrl/Cmd+Shift+Z (or Ctrl+Y) redoes the last filter or transform
   * change, while focus is in the webview but not in a text box (which keeps its own undo).
   */
  private undoKeys(e: KeyboardEvent): void {
    if (!this.summary || !(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    const redo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey);
    if (key !== 'z' && !redo) return;
    const target = e.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
    if (target instanceof HTMLElement && target.isContentEditable) return;
    e.preventDefault();
    if (redo ? !this.history.canRedo : !this.history.canUndo) return;
    this.changeFilters(() => (redo ? (this.history.redo(), true) : (this.history.undo(), true)));
  }

  private setSearch(text: string): void {
    try {
      this.search = text === '' ? undefined : compileGoRegexp('search', text);
    } catch {
      return;
    }
    this.openView()?.instance.setSearch(this.search);
  }

  private select(name: string): void {
    this.selection = name;
    this.openView()?.instance.setSelection(name);
  }

  private openView(): OpenView | undefined {
    return this.open.get(this.activeView.id);
  }

  private refresh(): void {
    void this.renderView();
  }

  private renderMeta(totalText: string | undefined): void {
    if (!this.summary) return;
    const type = this.summary.sampleTypes[this.sampleIndex];
    const headline = [this.summary.source, type ? `${type.type} (${type.unit})` : '', totalText ? `total ${totalText}` : ''].filter(Boolean).join(' · ');
    clear(this.metaSlot);
    this.metaSlot.append(element('summary', { text: headline }), renderMeta(this.summary, this.sampleIndex, totalText));
  }

  private async renderView(): Promise<void> {
    const view = this.openView();
    if (!this.summary || !view) return;
    const generation = ++this.generation;
    const isCurrent = (): boolean => generation === this.generation;
    view.panel.classList.add('busy');
    try {
      this.toolbar?.showError('');
      await view.instance.show(this.query, isCurrent);
      if (!isCurrent()) return;
      view.instance.setSearch(this.search);
      view.instance.setSelection(this.selection);
    } catch (error) {
      if (!isCurrent()) return;
      const message = error instanceof Error ? error.message : String(error);
      this.toolbar?.showError(message);
      view.content.replaceChildren(element('p', { className: 'error-message', text: message, attrs: { 'data-testid': 'profile-error' } }));
      view.instance.dispose();
      this.open.set(view.module.id, { ...view, instance: view.module.create(view.content, this.context(this.summary)) });
    } finally {
      if (isCurrent()) view.panel.classList.remove('busy');
    }
  }
}
