/** The webview's end of the channel to the extension host: typed posts, requests and state. */
import type { HostToWebview, WebviewState, WebviewToHost } from '../src/shared/protocol';
import { isRecord } from '../src/shared/guards';
import { RpcClient } from '../src/shared/rpc';
import type { ViewMethods } from '../src/shared/view-model';

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
    const saved = this.api.getState();
    if (!isRecord(saved)) return {};
    const { sampleIndex, view } = saved;
    return {
      sampleIndex: typeof sampleIndex === 'number' ? sampleIndex : undefined,
      view: typeof view === 'string' ? view : undefined,
    };
  }

  saveState(patch: WebviewState): void {
    this.api.setState({ ...this.state, ...patch });
  }
}
