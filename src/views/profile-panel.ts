/**
 * Connects one webview panel to its ProfileDocument: sets the HTML, answers the handshake,
 * validates every message from the webview and forwards view requests to the worker.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { HostToWebview, WebviewRequest, WebviewResponse } from '../shared/protocol';
import { assertNever } from '../shared/rpc';
import { parseWebviewToHost } from '../shared/validate-messages';
import type { ProfileDocument } from './profile-document';
import { renderWebviewHtml } from './webview-html';

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
  const post = (message: HostToWebview): void => {
    if (!disposed) void webview.postMessage(message);
  };

  const subscription = webview.onDidReceiveMessage((raw: unknown) => {
    const message = parseWebviewToHost(raw);
    if (!message) {
      log.warn(`${document.fileName}: ignored a malformed message from the webview`);
      return;
    }
    switch (message.kind) {
      case 'ready':
        post({ kind: 'init', fileName: document.fileName });
        void document.loaded.then((outcome) =>
          post(outcome.ok ? { kind: 'loaded', summary: outcome.summary } : { kind: 'failed', message: outcome.message }),
        );
        break;
      case 'request':
        void answer(document, message).then(post);
        break;
      default:
        assertNever(message, 'webview message');
    }
  });

  panel.onDidDispose(() => {
    disposed = true;
    subscription.dispose();
  });
}

async function answer(document: ProfileDocument, request: WebviewRequest): Promise<WebviewResponse> {
  const { id } = request;
  try {
    switch (request.method) {
      case 'top':
        return { kind: 'response', id, ok: true, method: 'top', result: await document.request('top', request.params) };
      default:
        return assertNever(request.method, 'view method');
    }
  } catch (error) {
    return { kind: 'response', id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
