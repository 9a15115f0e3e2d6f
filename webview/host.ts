/** The webview's end of the channel to the extension host: typed posts, requests and state. */
import type { HostToWebview, ViewMethods, WebviewState, WebviewToHost } from '../src/shared/protocol';
import { parseWebviewState } from '../src/shared/webview-state';
import { RpcClient } from '../src/shared/rpc';
import { reportCspViolations } from './csp-report';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: WebviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export class Host {
  private readonly api = acquireVsCodeApi();
  readonly rpc = new RpcClient<ViewMethods>((request) => this.api.postMessage(request));

  constructor(onMessage: (message: HostToWebview) => void) {
    reportCspViolations((message) => this.api.postMessage(message));
    // The host is trusted; messages from elsewhere in the window are not ours to handle.
    window.addEventListener('message', (event: MessageEvent<HostToWebview>) => onMessage(event.data));
  }

  ready(): void {
    this.api.postMessage({ kind: 'ready' });
  }

  post(message: WebviewToHost): void {
    this.api.postMessage(message);
  }

  get state(): WebviewState {
    return parseWebviewState(this.api.getState());
  }

  /** Forgets everything kept (another profile is shown in this page). */
  clearState(): void {
    this.api.setState({});
  }

  saveState(patch: WebviewState): void {
    this.api.setState({ ...this.state, ...patch });
  }
}
