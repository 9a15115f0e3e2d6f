/**
 * One webview panel showing a ProfileDocument: sets the HTML, answers the handshake, checks
 * every message from the webview (a trust boundary) and forwards view requests to the
 * document's worker.
 */
import * as vscode from 'vscode';
import type { HintLink } from '../hints/register-hint-features';
import { isHostViewRequest, type ApplyViewMessage, type HostToWebview, type HostViewMethods, type RevealFunctionMessage, type WebviewRequest, type WebviewState, type WebviewToHost, type WorkerViewMethods } from '../shared/protocol';
import { assertNever, forwardRequest } from '../shared/rpc';
import { parseWebviewToHost } from '../shared/validate-messages';
import type { CspViolationCounter, PanelCspTrack } from './csp-violations';
import { FlameZoomState } from './flame-zoom';
import { nearestModulePath, saveImage } from './panel-actions';
import type { ProfileDocument } from './profile-document';
import { SourceRequests } from './source-requests';
import { loadProfilePage } from './webview-page';

/** What a panel uses of its window (the ProfileEditors registry gives it). */
export interface PanelContext {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  readonly hints: HintLink;
  readonly csp: CspViolationCounter;
  /** Workspace state (the binaries chosen for profiles). */
  readonly state: vscode.Memento;
  /** The panel became the active editor. */
  activated(panel: ProfilePanel): void;
  closed(panel: ProfilePanel): void;
}

/** "Save View…" (src/saved-views registers it); the toolbar's button runs it with the panel's document URI. */
export const SAVE_VIEW_COMMAND = 'goProfiler.saveView';

/**
 * How the panel's page starts: set now (a profile editor VS Code just made), or adopted from
 * the capture panel, whose page is already loaded (`ready` once its script has said so).
 */
export type PanelPage = { readonly kind: 'new' } | { readonly kind: 'adopted'; readonly ready: boolean };

/** How long the summary waits for the default flame graph to go with it (a big profile's goes later). */
const FLAME_WITH_SUMMARY_MS = 60;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ProfilePanel {
  private disposed = false;
  /** The hover's "Reveal in the profile" is kept until the webview's script has said it is ready. */
  private webviewReady = false;
  private pendingReveal: RevealFunctionMessage | undefined;
  private pendingView: ApplyViewMessage | undefined;
  /** Callers waiting for the webview's answer to requestState. */
  private stateWaiters: ((state: WebviewState | undefined) => void)[] = [];
  private baseSource: string | undefined;
  /** The hints follow the views' options, narrowed to the flame graph's zoomed frame. */
  private readonly hintOptions = new FlameZoomState();
  private readonly csp: PanelCspTrack;
  private readonly subscriptions: vscode.Disposable[];
  private readonly sources: SourceRequests;
  /** The first init tells an adopted page to forget the profile it showed before. */
  private freshPage: boolean;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly document: ProfileDocument,
    private readonly context: PanelContext,
    page: PanelPage = { kind: 'new' },
  ) {
    this.freshPage = page.kind === 'adopted';
    if (page.kind === 'new') loadProfilePage(panel.webview, context.extensionUri);
    this.sources = new SourceRequests(document, context.hints, context.state);
    this.csp = context.csp.track(document.fileName);
    this.subscriptions = [
      context.hints.profiles.onDidRequestReveal(({ uri, functionName, view }) => this.reveal(uri, { kind: 'revealFunction', name: functionName, ...(view ? { view } : {}) })),
      panel.onDidChangeViewState(() => {
        if (!panel.active) return;
        context.hints.profiles.set(document);
        context.activated(this);
      }),
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      // A reload (file changed on disk, Load Anyway): show progress, then the new outcome.
      document.onDidStartReload(() => this.postLoad()),
      panel.onDidDispose(() => this.dispose()),
    ];
    if (page.kind === 'adopted') this.adopted(page.ready);
  }

  /** An adopted page gets no view-state change to start with: the hints follow it as a newly active editor's. */
  private adopted(ready: boolean): void {
    if (this.panel.active) this.context.hints.profiles.set(this.document);
    if (ready) this.ready();
  }

  /** Loads `base` as the comparison base (asks for a file when undefined). */
  async compareWith(base: vscode.Uri | undefined): Promise<void> {
    const uri = base ?? (await this.pickBase());
    if (!uri) return;
    try {
      this.baseSource = await this.document.openBase(uri);
      this.post({ kind: 'baseLoaded', source: this.baseSource });
    } catch (error) {
      this.post({ kind: 'baseFailed', message: describe(error) });
    }
  }

  private post(message: HostToWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  /** `init` now, then `loaded` or `failed` when the document's current load ends. */
  private postLoad(): void {
    const { document } = this;
    this.post({ kind: 'init', fileName: document.fileName, ...(this.freshPage ? { fresh: true as const } : {}) });
    this.freshPage = false;
    void Promise.all([document.loaded, nearestModulePath(document.uri)]).then(async ([outcome, modulePath]) => {
      if (!outcome.ok) return this.post({ kind: 'failed', message: outcome.message });
      // A small profile's flame graph is ready a few ms after its summary: send them together.
      const answered = await document.defaultFlame(outcome.summary, FLAME_WITH_SUMMARY_MS);
      // The webview's request for it never comes: follow its query here.
      if (answered) this.followHints(answered.params);
      this.post({ kind: 'loaded', summary: outcome.summary, ...(modulePath ? { modulePath } : {}), ...(answered ? { answered } : {}) });
    });
  }

  /** Applies a saved view's state (as far as this profile takes it: the webview answers viewApplied). */
  applyView(name: string, state: WebviewState): void {
    const message: ApplyViewMessage = { kind: 'applyView', name, state };
    if (this.webviewReady) this.post(message);
    else this.pendingView = message;
  }

  /** The webview's whole state (what "Save View…" saves); undefined while it shows no profile script yet. */
  requestViewState(): Promise<WebviewState | undefined> {
    if (!this.webviewReady || this.disposed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.stateWaiters.push(resolve);
      this.post({ kind: 'requestState' });
    });
  }

  get documentUri(): vscode.Uri {
    return this.document.uri;
  }

  private reveal(uri: vscode.Uri, message: RevealFunctionMessage): void {
    if (uri.toString() !== this.document.uri.toString()) return;
    if (this.webviewReady) this.post(message);
    else this.pendingReveal = message;
  }

  private receive(raw: unknown): void {
    const message = parseWebviewToHost(raw);
    if (!message) {
      this.context.log.warn(`${this.document.fileName}: ignored a malformed message from the webview`);
      return;
    }
    this.handle(message);
  }

  private handle(message: WebviewToHost): void {
    const { document, context } = this;
    switch (message.kind) {
      case 'ready':
        return this.ready();
      case 'request':
        return this.answer(message);
      case 'openSource':
        void context.hints.jumpToSource(document.uri, message.file, message.line, message.functionName).catch((e: unknown) => context.log.warn(`open source: ${String(e)}`));
        return;
      case 'saveImage':
        void saveImage(message.format, message.data, document.uri).catch((e: unknown) =>
          vscode.window.showErrorMessage(`Go Profiler: could not save the image: ${describe(e)}`),
        );
        return;
      case 'compareWith':
        void this.compareWith(undefined);
        return;
      case 'stopComparing':
        this.baseSource = undefined;
        return;
      case 'flameZoom': {
        const options = this.hintOptions.zoomed(message.path);
        if (options !== undefined) context.hints.profiles.set(document, options);
        return;
      }
      case 'cspViolation':
        context.log.warn(this.csp.record(message));
        return;
      case 'viewState':
        for (const resolve of this.stateWaiters.splice(0)) resolve(message.state);
        return;
      case 'saveView':
        void vscode.commands.executeCommand(SAVE_VIEW_COMMAND, document.uri);
        return;
      case 'viewApplied':
        this.viewApplied(message.name, message.notApplied);
        return;
      default:
        assertNever(message, 'webview message');
    }
  }

  private ready(): void {
    this.webviewReady = true;
    // A reloaded webview never answers what its previous page was asked.
    for (const resolve of this.stateWaiters.splice(0)) resolve(undefined);
    // A reloaded webview draws an unzoomed flame graph.
    const unzoomed = this.hintOptions.zoomed([]);
    if (unzoomed !== undefined) this.context.hints.profiles.set(this.document, unzoomed);
    this.postLoad();
    if (this.pendingReveal !== undefined) this.post(this.pendingReveal);
    this.pendingReveal = undefined;
    if (this.pendingView !== undefined) this.post(this.pendingView);
    this.pendingView = undefined;
    if (this.baseSource) void this.document.loaded.then(() => this.post({ kind: 'baseLoaded', source: this.baseSource ?? '' }));
  }

  private viewApplied(name: string, notApplied: readonly string[]): void {
    const { fileName } = this.document;
    this.context.log.info(`${fileName}: applied the saved view "${name}"${notApplied.length ? `; not applied: ${notApplied.join('; ')}` : ''}`);
    if (notApplied.length > 0) void vscode.window.showWarningMessage(`Go Profiler: view "${name}" applied to ${fileName}, but not ${notApplied.join(' nor ')}.`);
  }

  /** A view request goes to the document's worker as is (the view methods are worker methods too). */
  private answer(request: WebviewRequest): void {
    const { document } = this;
    if (isHostViewRequest(request)) {
      void forwardRequest<HostViewMethods>(request, (method, params) => this.sources.answer(method, params), describe).then((response) => this.post(response));
      return;
    }
    this.followHints(request.params);
    void forwardRequest<WorkerViewMethods>(request, (method, params) => document.request(method, params), describe).then((response) => this.post(response));
  }

  /** The editor hints follow the views' query (sample type, filters) of each view request. */
  private followHints(params: unknown): void {
    const { document } = this;
    this.context.hints.profiles.set(document, this.hintOptions.request(params), (query, name) => document.request('peek', { ...query, name }));
  }

  private async pickBase(): Promise<vscode.Uri | undefined> {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      defaultUri: vscode.Uri.joinPath(this.document.uri, '..'),
      filters: { 'Go profiles': ['gz', 'pprof', 'prof', 'pb'], 'All files': ['*'] },
      openLabel: 'Compare with',
      title: `Compare ${this.document.fileName} with…`,
    });
    return picked?.[0];
  }

  /** Stops answering the page (its panel closed, or the capture panel shows another profile). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const resolve of this.stateWaiters.splice(0)) resolve(undefined);
    for (const s of this.subscriptions) s.dispose();
    this.csp.close();
    this.context.closed(this);
    this.context.hints.profiles.closed(this.document);
  }
}
