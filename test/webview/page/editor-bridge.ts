/**
 * Stands in for VS Code in the editor test page: every message the webview posts goes to the
 * Node test through an exposed function (`editorHost`), whose answers are delivered back as
 * host messages. Records posts, CSP violations and state (sessionStorage, like VS Code's).
 */
import type { WebviewState, WebviewToHost } from '../../../src/shared/protocol';
import type { EditorPageApi } from './editor-api';
import { decodeWire } from './editor-wire';

declare global {
  interface Window {
    editorTest: EditorPageApi;
    editorHost?: (message: WebviewToHost) => Promise<unknown[]>;
    acquireVsCodeApi(): { postMessage(m: WebviewToHost): void; getState(): unknown; setState(s: WebviewState): void };
  }
}

const STATE_KEY = 'editor-test-state';
const api: { -readonly [K in keyof EditorPageApi]: EditorPageApi[K] } = {
  posted: [] as WebviewToHost[],
  cspViolations: [] as string[],
  pending: 0,
  setTheme(kind) {
    document.body.className = `vscode-${kind}`;
  },
};
window.editorTest = api;
document.addEventListener('securitypolicyviolation', (e) => api.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
window.acquireVsCodeApi = () => ({
  postMessage(message) {
    api.posted.push(message);
    const host = window.editorHost;
    if (!host) return;
    api.pending++;
    void host(message)
      .then((replies) => {
        for (const reply of replies) window.postMessage(decodeWire(reply), '*');
      })
      .finally(() => api.pending--);
  },
  getState: () => JSON.parse(sessionStorage.getItem(STATE_KEY) ?? 'null'),
  setState: (state) => sessionStorage.setItem(STATE_KEY, JSON.stringify(state)),
});
