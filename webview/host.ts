/** The webview's end of the channel to the extension host: typed posts, requests and state. */
import type { HostToWebview, SavedFilters, ViewMethods, WebviewState, WebviewToHost } from '../src/shared/protocol';
import { granularities } from '../src/shared/view-model';
import { isRecord } from '../src/shared/guards';
import { parseTransforms } from '../src/shared/transforms';
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
    const saved = this.api.getState();
    if (!isRecord(saved)) return {};
    const { sampleIndex, view } = saved;
    const filters = parseSavedFilters(saved.filters);
    const transforms = parseTransforms(saved.transforms);
    return {
      sampleIndex: typeof sampleIndex === 'number' ? sampleIndex : undefined,
      view: typeof view === 'string' ? view : undefined,
      ...(filters ? { filters } : {}),
      ...(transforms && transforms.length > 0 ? { transforms } : {}),
    };
  }

  saveState(patch: WebviewState): void {
    this.api.setState({ ...this.state, ...patch });
  }
}

function parseSavedFilters(value: unknown): SavedFilters | undefined {
  if (!isRecord(value)) return undefined;
  const { granularity, focus, ignore, hide, show, tagFocus } = value;
  const g = granularities.find((x) => x === granularity);
  if (!g) return undefined;
  if (typeof focus !== 'string' || typeof ignore !== 'string' || typeof hide !== 'string') return undefined;
  if (typeof show !== 'string' || typeof tagFocus !== 'string') return undefined;
  // Added later: a state saved before them has none.
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  return { granularity: g, focus, ignore, hide, show, tagFocus, tagIgnore: text(value.tagIgnore), tagRoot: text(value.tagRoot), tagLeaf: text(value.tagLeaf) };
}
