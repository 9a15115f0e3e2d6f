/**
 * Stands in for VS Code's `acquireVsCodeApi` in the profile editor test page: records what the
 * webview posts, keeps its state in sessionStorage (so it survives a reload, as in VS Code)
 * and lets the test deliver host messages through window.postMessage.
 */
import type { WebviewState, WebviewToHost } from '../../../src/shared/protocol';
import type { ProfileEditorTestApi } from './profile-editor-api';

declare global {
  interface Window {
    profileEditorTest: ProfileEditorTestApi;
    acquireVsCodeApi(): { postMessage(m: WebviewToHost): void; getState(): unknown; setState(s: WebviewState): void };
  }
}

const STATE_KEY = 'profile-editor-test-state';
const api: ProfileEditorTestApi = {
  posted: [],
  cspViolations: [],
  state: () => JSON.parse(sessionStorage.getItem(STATE_KEY) ?? 'null'),
  deliver: (message) => window.postMessage(message, '*'),
};
window.profileEditorTest = api;
document.addEventListener('securitypolicyviolation', (e) => api.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
window.acquireVsCodeApi = () => ({
  postMessage: (message) => api.posted.push(message),
  getState: api.state,
  setState: (state) => sessionStorage.setItem(STATE_KEY, JSON.stringify(state)),
});
