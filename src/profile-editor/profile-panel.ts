/**
 * Connects one webview panel to its ProfileDocument: sets the HTML, answers the handshake,
 * validates every message from the webview and forwards view requests to the worker.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { HostToWebview, WebviewRequest, WebviewResponse } from '../shared/protocol';
import { assertNever, forwardRequest } from '../shared/rpc';
import { parseWebviewToHost } from '../shared/validate-messages';
import type { ProfileDocument } from './profile-document';
import { renderWebviewHtml } from './webview-html';
import { nearestModulePath, saveImage } from './panel-actions';
import { onDidRequestRevealFunction, profileClosed, setActiveProfile } from '../hints/active-profile';
import { jumpToSource } from '../hints/register-hint-features';
import { FlameZoomState } from './flame-zoom';
import { cspViolations } from './csp-violations';

/** An open profile editor, as the "Compare with…" command finds it. */
export interface ProfilePanelHandle {
  readonly panel: vscode.WebviewPanel;
  /** Loads `base` as the comparison base (asks for a file when undefined). */
  compareWith(base: vscode.Uri | undefined): Promise<void>;
}

const openPanels: ProfilePanelHandle[] = [];

/** The active profile editor, else the one used last. */
export function currentProfilePanel(): ProfilePanelHandle | undefined {
  return openPanels.find((p) => p.panel.active) ?? openPanels[openPanels.length - 1];
}

async function pickBase(document: ProfileDocument): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    defaultUri: vscode.Uri.joinPath(document.uri, '..'),
    filters: { 'Go profiles': ['gz', 'pprof', 'prof', 'pb'], 'All files': ['*'] },
    openLabel: 'Compare with',
    title: `Compare ${document.fileName} with…`,
  });
  return picked?.[0];
}

export function attachProfilePanel(
  panel: vscode.WebviewPanel,
  document: ProfileDocument,
  extensionUri: vscode.Uri,
  log: vscode.LogOutputChannel,
): void {
  const webview = panel.webview;
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  const media = vscode.Uri.joinPath(extensionUri, 'media');
  webview.options = { enableScripts: true, localResourceRoots: [dist, media] };
  webview.html = renderWebviewHtml({
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'webview.css')).toString(),
  });

  let disposed = false;
  const csp = cspViolations.track(document.fileName);
  let baseSource: string | undefined;
  const post = (message: HostToWebview): void => {
    if (!disposed) void webview.postMessage(message);
  };
  // The hover's "Reveal in the profile": kept until the webview's script has said it is ready.
  let webviewReady = false;
  let pendingReveal: string | undefined;
  // The hints follow the views' options, narrowed to the flame graph's zoomed frame.
  const hintOptions = new FlameZoomState();
  const revealSubscription = onDidRequestRevealFunction(({ uri, functionName }) => {
    if (uri.toString() !== document.uri.toString()) return;
    if (webviewReady) post({ kind: 'revealFunction', name: functionName });
    else pendingReveal = functionName;
  });
  const handle: ProfilePanelHandle = {
    panel,
    async compareWith(base) {
      const uri = base ?? (await pickBase(document));
      if (!uri) return;
      try {
        baseSource = await document.openBase(uri);
        post({ kind: 'baseLoaded', source: baseSource });
      } catch (error) {
        post({ kind: 'baseFailed', message: error instanceof Error ? error.message : String(error) });
      }
    },
  };
  openPanels.push(handle);
  panel.onDidChangeViewState(() => {
    if (!panel.active) return;
    setActiveProfile(document);
    openPanels.splice(openPanels.indexOf(handle), 1);
    openPanels.push(handle);
  });

  const subscription = webview.onDidReceiveMessage((raw: unknown) => {
    const message = parseWebviewToHost(raw);
    if (!message) {
      log.warn(`${document.fileName}: ignored a malformed message from the webview`);
      return;
    }
    switch (message.kind) {
      case 'ready': {
        webviewReady = true;
        // A reloaded webview draws an unzoomed flame graph.
        const unzoomed = hintOptions.zoomed([]);
        if (unzoomed !== undefined) setActiveProfile(document, unzoomed);
        post({ kind: 'init', fileName: document.fileName });
        if (pendingReveal !== undefined) post({ kind: 'revealFunction', name: pendingReveal });
        pendingReveal = undefined;
        void Promise.all([document.loaded, nearestModulePath(document.uri)]).then(([outcome, modulePath]) =>
          post(outcome.ok ? { kind: 'loaded', summary: outcome.summary, ...(modulePath ? { modulePath } : {}) } : { kind: 'failed', message: outcome.message }),
        );
        if (baseSource) void document.loaded.then(() => post({ kind: 'baseLoaded', source: baseSource ?? '' }));
        break;
      }
      case 'request':
        setActiveProfile(document, hintOptions.request(message.params), (query, name) => document.request('peek', { ...query, name }));
        void answer(document, message).then(post);
        break;
      case 'openSource':
        void jumpToSource(document.uri, message.file, message.line).catch((e: unknown) => log.warn(`open source: ${String(e)}`));
        break;
      case 'saveImage':
        void saveImage(message.format, message.data, document.uri).catch((e: unknown) =>
          vscode.window.showErrorMessage(`Go Profiler: could not save the image: ${e instanceof Error ? e.message : String(e)}`),
        );
        break;
      case 'compareWith':
        void handle.compareWith(undefined);
        break;
      case 'stopComparing':
        baseSource = undefined;
        break;
      case 'flameZoom': {
        const options = hintOptions.zoomed(message.path);
        if (options !== undefined) setActiveProfile(document, options);
        break;
      }
      case 'cspViolation':
        log.warn(csp.record(message));
        break;
      default:
        assertNever(message, 'webview message');
    }
  });

  // A reload (file changed on disk, Load Anyway): show progress, then the new outcome.
  const reloadSubscription = document.onDidStartReload(() => {
    post({ kind: 'init', fileName: document.fileName });
    void Promise.all([document.loaded, nearestModulePath(document.uri)]).then(([outcome, modulePath]) =>
      post(outcome.ok ? { kind: 'loaded', summary: outcome.summary, ...(modulePath ? { modulePath } : {}) } : { kind: 'failed', message: outcome.message }),
    );
  });

  panel.onDidDispose(() => {
    disposed = true;
    reloadSubscription.dispose();
    csp.close();
    openPanels.splice(openPanels.indexOf(handle), 1);
    profileClosed(document);
    subscription.dispose();
    revealSubscription.dispose();
  });
}

/** A view request goes to the document's worker as is (the view methods are worker methods too). */
function answer(document: ProfileDocument, request: WebviewRequest): Promise<WebviewResponse> {
  return forwardRequest(request, (method, params) => document.request(method, params), (error) => (error instanceof Error ? error.message : String(error)));
}
