/**
 * The profile editor's webview: waits for the host's init, then shows the metadata, the
 * sample-type selector and the active view; or the decoder's error.
 */
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import type { HostToWebview } from '../src/shared/protocol';
import { assertNever } from '../src/shared/rpc';
import type { ProfileSummary } from '../src/shared/view-model';
import { clear, element } from './dom';
import { Host } from './host';
import { renderMeta } from './meta';
import { topViewModule } from './views/top-view';
import type { ProfileViewModule } from './views/view-module';

/** Every view, in tab order. Adding a view = adding its module here. */
const views: readonly ProfileViewModule[] = [topViewModule];

export class App {
  private readonly host = new Host((message) => this.receive(message));
  private summary: ProfileSummary | undefined;
  private sampleIndex = 0;
  private activeView: ProfileViewModule = views[0]!;
  private generation = 0;
  private readonly metaSlot = element('div', { className: 'meta-slot' });
  private readonly panels = new Map<string, HTMLElement>();

  constructor(private readonly root: HTMLElement) {
    this.showLoading('profile');
  }

  start(): void {
    this.host.ready();
  }

  private receive(message: HostToWebview): void {
    switch (message.kind) {
      case 'init':
        this.showLoading(message.fileName);
        break;
      case 'loaded':
        this.showProfile(message.summary);
        break;
      case 'failed':
        this.showError(message.message);
        break;
      case 'response':
        this.host.rpc.handleResponse(message);
        break;
      default:
        assertNever(message, 'host message');
    }
  }

  private showLoading(fileName: string): void {
    clear(this.root);
    this.root.append(
      element('div', { className: 'loading' }, [
        element('vscode-progress-ring'),
        element('span', { text: `Decoding ${fileName}…` }),
      ]),
    );
  }

  private showError(message: string): void {
    clear(this.root);
    this.root.append(
      element('div', { className: 'error', attrs: { role: 'alert' } }, [
        element('p', { className: 'error-title', text: 'This file could not be opened as a Go profile.' }),
        element('p', { className: 'error-message', text: message, attrs: { 'data-testid': 'profile-error' } }),
      ]),
    );
  }

  private showProfile(summary: ProfileSummary): void {
    this.summary = summary;
    const saved = this.host.state;
    const count = summary.sampleTypes.length;
    this.sampleIndex = saved.sampleIndex !== undefined && saved.sampleIndex < count ? saved.sampleIndex : summary.defaultSampleTypeIndex;
    this.activeView = views.find((v) => v.id === saved.view) ?? this.activeView;

    clear(this.root);
    this.panels.clear();
    const tabs = element('vscode-tabs', { attrs: { panel: '' } });
    tabs.append(this.sampleTypeSelect(summary));
    views.forEach((view) => {
      tabs.append(element('vscode-tab-header', { text: view.title, attrs: { slot: 'header', 'data-view': view.id } }));
      const panel = element('vscode-tab-panel', { attrs: { 'data-view': view.id } });
      this.panels.set(view.id, panel);
      tabs.append(panel);
    });
    tabs.selectedIndex = views.indexOf(this.activeView);
    tabs.addEventListener('vsc-tabs-select', () => {
      const next = views[tabs.selectedIndex];
      if (next && next !== this.activeView) {
        this.activeView = next;
        this.host.saveState({ view: next.id });
        void this.renderView();
      }
    });
    this.root.append(this.metaSlot, tabs);
    this.renderMeta(undefined);
    void this.renderView();
  }

  private sampleTypeSelect(summary: ProfileSummary): HTMLElement {
    const select = element('select', { attrs: { 'data-testid': 'sample-type-select', 'aria-label': 'Sample type' } });
    summary.sampleTypes.forEach((t, i) => select.append(element('option', { text: `${t.type} (${t.unit})`, attrs: { value: String(i) } })));
    select.value = String(this.sampleIndex);
    select.addEventListener('change', () => {
      this.sampleIndex = Number(select.value);
      this.host.saveState({ sampleIndex: this.sampleIndex });
      this.renderMeta(undefined);
      void this.renderView();
    });
    return element('label', { className: 'sample-type', attrs: { slot: 'addons' } }, [element('span', { text: 'Sample type' }), select]);
  }

  private renderMeta(totalText: string | undefined): void {
    if (!this.summary) return;
    clear(this.metaSlot);
    this.metaSlot.append(renderMeta(this.summary, this.sampleIndex, totalText));
  }

  private async renderView(): Promise<void> {
    const summary = this.summary;
    const panel = this.panels.get(this.activeView.id);
    if (!summary || !panel) return;
    const generation = ++this.generation;
    const isCurrent = (): boolean => generation === this.generation;
    panel.classList.add('busy');
    try {
      await this.activeView.render(panel, this.sampleIndex, {
        summary,
        rpc: this.host.rpc,
        isCurrent,
        showTotal: (text) => this.renderMeta(text),
      });
    } catch (error) {
      if (!isCurrent()) return;
      clear(panel);
      panel.append(element('p', { className: 'error-message', text: error instanceof Error ? error.message : String(error), attrs: { 'data-testid': 'profile-error' } }));
    } finally {
      if (isCurrent()) panel.classList.remove('busy');
    }
  }
}
